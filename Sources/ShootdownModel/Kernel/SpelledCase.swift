/// A type whose every value a scenario names by a stable spelling.
public protocol SpelledCase: CaseIterable {
    /// How a scenario writes the value.
    var spelling: String { get }
}

extension SpelledCase {
    /// The value a spelling names, if any.
    public init?(spelling: String) {
        guard let value = Self.allCases.first(where: { $0.spelling == spelling }) else { return nil }
        self = value
    }

    /// Every spelling, in declaration order.
    public static var spellings: [String] { allCases.map(\.spelling) }
}
