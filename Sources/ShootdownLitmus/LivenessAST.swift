/// A liveness condition: `eventually E`.
public struct LivenessAST: Sendable, Equatable {
    /// The expression that must eventually hold.
    public var expression: ExprAST
    /// Where the condition begins (the `eventually` keyword).
    public var location: SourceLocation
    /// The expression's source text without comments, whitespace runs made one space, for reports.
    public var text: String

    /// Creates a liveness condition.
    public init(expression: ExprAST, location: SourceLocation, text: String) {
        self.expression = expression
        self.location = location
        self.text = text
    }
}
