/// One operation of a thread: a non-empty cell of the thread table.
public struct OperationAST: Sendable, Equatable {
    /// What the operation does.
    public var kind: OperationKind
    /// Where the operation begins.
    public var location: SourceLocation
    /// The cell's source text without comments, with each run of whitespace made one space,
    /// for timelines.
    public var text: String

    /// Creates an operation.
    public init(kind: OperationKind, location: SourceLocation, text: String) {
        self.kind = kind
        self.location = location
        self.text = text
    }
}
