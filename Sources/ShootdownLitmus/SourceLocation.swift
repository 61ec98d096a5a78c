/// A position in a litmus source: the file path as given, a 1-based line and a 1-based column.
///
/// Columns count Unicode scalars, so a tab counts as one column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path of the file, exactly as it was given to the parser.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number, counted in Unicode scalars.
    public var column: Int

    /// Creates a location from a file path, a 1-based line and a 1-based column.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location as `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// Whether this location comes before `other` in the same file.
    func precedes(_ other: SourceLocation) -> Bool {
        (line, column) < (other.line, other.column)
    }
}
