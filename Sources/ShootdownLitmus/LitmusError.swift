/// The error thrown when a litmus scenario cannot be read or parsed.
///
/// It always holds at least one diagnostic; the first one points at the first problem in the file.
public struct LitmusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems found, in source order.
    public var diagnostics: [Diagnostic]

    /// Creates an error from its diagnostics.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Creates an error holding a single diagnostic.
    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    /// Every diagnostic, rendered, one after the other.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
