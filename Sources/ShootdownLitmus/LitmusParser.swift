#if canImport(FoundationEssentials)
import FoundationEssentials
#else
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#endif

/// Reads litmus scenarios into their syntax tree.
///
/// The parser knows the grammar and nothing else: which architectures, settings, declarations,
/// operations and predicates exist is for the lowering to decide.
public enum LitmusParser {
    /// Parses the text of a scenario; `file` is used in source locations and diagnostics.
    public static func parse(source: String, file: String) throws(LitmusError) -> ScenarioAST {
        var parser = Parser(source: source, file: file)
        return try parser.parseScenario()
    }

    /// Reads the file at `path` and parses it; the path is used, as given, in source locations.
    public static func parse(contentsOf path: String) throws(LitmusError) -> ScenarioAST {
        try parse(source: readSource(atPath: path), file: path)
    }

    /// The text of the file at `path`, decoded as UTF-8 with invalid bytes replaced.
    public static func readSource(atPath path: String) throws(LitmusError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "" : ": no such file"
            throw LitmusError(Diagnostic(
                location: SourceLocation(file: path, line: 1, column: 1),
                message: "the file cannot be read\(reason)"
            ))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
