/// A value written by the user, together with where it was written.
///
/// Every word and integer of a scenario keeps its location so that later stages can
/// report errors at the exact place in the file.
public struct Located<Value: Sendable>: Sendable {
    /// The value as parsed.
    public var value: Value
    /// Where the value begins in the source.
    public var location: SourceLocation

    /// Creates a located value.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}

extension Located: Hashable where Value: Hashable {}

extension Located: CustomStringConvertible where Value: CustomStringConvertible {
    /// The value's own description, without the location.
    public var description: String { value.description }
}
