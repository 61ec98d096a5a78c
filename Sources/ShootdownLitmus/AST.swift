/// A parsed litmus scenario, before lowering: every word as written, with its location.
public struct ScenarioAST: Sendable, Equatable {
    /// The architecture named first on the header line, such as `arm64`.
    public var arch: Located<String>
    /// The test name that follows the architecture on the header line.
    public var name: Located<String>
    /// The quoted description under the header, with escapes resolved.
    public var description: String?
    /// The `KEY = VALUE ATTR*` lines, in source order.
    public var settings: [SettingAST]
    /// The `variants { … }` block, if any.
    public var variants: VariantsAST?
    /// The `path` blocks, in source order (those of included libraries where they are included).
    public var paths: [PathAST]
    /// The `subscriber` blocks, in source order.
    public var subscribers: [SubscriberAST]
    /// The declarations of the `{ … }` initial-state block, in source order.
    public var initial: [InitDeclAST]
    /// The threads of the table, left to right.
    public var threads: [ThreadAST]
    /// The `exists`, `~exists` or `forall` condition, if any.
    public var final: FinalConditionAST?
    /// The `eventually` conditions, in source order.
    public var eventualities: [LivenessAST]
    /// The `Result:` and `Expect:` lines, in source order.
    public var expectations: [ExpectationAST]
    /// The `Result[…]:` and `Expect[…]:` lines, for some variants only, in source order.
    public var variantExpectations: [VariantExpectationAST]
    /// The full source text, so that later stages can quote lines in their diagnostics.
    public var source: String
    /// The files the initial-state block includes (directly or through other included files),
    /// by the path their locations carry, so that diagnostics can quote their lines.
    public var includes: [String: IncludedSource]

    /// Creates a scenario from its parts.
    public init(
        arch: Located<String>, name: Located<String>, description: String? = nil,
        settings: [SettingAST] = [], paths: [PathAST] = [], subscribers: [SubscriberAST] = [], initial: [InitDeclAST] = [], threads: [ThreadAST] = [],
        final: FinalConditionAST? = nil, eventualities: [LivenessAST] = [],
        expectations: [ExpectationAST] = [], source: String = "",
        variants: VariantsAST? = nil, variantExpectations: [VariantExpectationAST] = [],
        includes: [String: IncludedSource] = [:]
    ) {
        self.arch = arch
        self.name = name
        self.description = description
        self.settings = settings
        self.paths = paths
        self.subscribers = subscribers
        self.initial = initial
        self.threads = threads
        self.final = final
        self.eventualities = eventualities
        self.expectations = expectations
        self.source = source
        self.variants = variants
        self.variantExpectations = variantExpectations
        self.includes = includes
    }

    /// The path of the file the scenario was parsed from, as given to the parser.
    public var file: String { arch.location.file }

    /// Builds an error at `location`, quoting the line from this scenario's source. A location
    /// in an included file quotes that file and notes where it was included from; one outside
    /// the files (a matrix given on the command line) quotes that text instead.
    public func error(_ message: String, at location: SourceLocation, suggestion: String? = nil) -> Diagnostic {
        let text = location.file == file ? source : (includes[location.file]?.text ?? variants?.source ?? source)
        var diagnostic = Diagnostic.error(message, at: location, in: text, suggestion: suggestion)
        diagnostic.notes = IncludedSource.notes(for: location.file, in: includes)
        return diagnostic
    }
}

/// A file read by `include "FILE";` in the initial-state block.
public struct IncludedSource: Sendable, Equatable {
    /// The file's text.
    public var text: String
    /// Where it was included (once per scenario): the `include` keyword in the including file.
    public var site: SourceLocation

    /// Creates an included file's record.
    public init(text: String, site: SourceLocation) {
        self.text = text
        self.site = site
    }

    /// `included from FILE:LINE:COLUMN` for each include that leads to `file`, innermost first.
    static func notes(for file: String, in includes: [String: IncludedSource]) -> [String] {
        var notes: [String] = []
        var current = file
        var seen: Set<String> = []
        while let included = includes[current], seen.insert(current).inserted {
            notes.append("included from \(included.site)")
            current = included.site.file
        }
        return notes
    }
}
