/// The condition on final states: `exists E`, `~exists E` or `forall E`.
public struct FinalConditionAST: Sendable, Equatable {
    /// How the condition quantifies over final states.
    public enum Quantifier: Sendable, Hashable {
        /// `exists`: some final state satisfies the expression.
        case exists
        /// `~exists`: no final state satisfies the expression.
        case notExists
        /// `forall`: every final state satisfies the expression.
        case forall
    }

    /// The quantifier.
    public var quantifier: Quantifier
    /// The expression.
    public var expression: ExprAST
    /// Where the condition begins (its keyword, or the `~` of `~exists`).
    public var location: SourceLocation
    /// The expression's source text without comments, whitespace runs made one space, for reports.
    public var text: String

    /// Creates a final condition.
    public init(quantifier: Quantifier, expression: ExprAST, location: SourceLocation, text: String) {
        self.quantifier = quantifier
        self.expression = expression
        self.location = location
        self.text = text
    }
}
