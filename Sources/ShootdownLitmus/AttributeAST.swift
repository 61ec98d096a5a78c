/// An attribute of a setting: `NAME=VALUE` or a bare `NAME`.
public struct AttributeAST: Sendable, Equatable {
    /// The attribute's name.
    public var name: Located<String>
    /// The value after `=`, or `nil` for a bare attribute.
    public var value: Located<String>?

    /// Creates an attribute.
    public init(name: Located<String>, value: Located<String>? = nil) {
        self.name = name
        self.value = value
    }
}
