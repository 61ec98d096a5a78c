/// A column of the thread table: a thread's name and its operations, top to bottom.
public struct ThreadAST: Sendable, Equatable {
    /// The name in the table's header row, such as `CPU0` or `DEV0`.
    public var name: Located<String>
    /// The thread's non-empty cells, top to bottom.
    public var operations: [OperationAST]

    /// Creates a thread.
    public init(name: Located<String>, operations: [OperationAST] = []) {
        self.name = name
        self.operations = operations
    }
}
