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
    /// The `path` blocks, in source order.
    public var paths: [PathAST]
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

    /// Creates a scenario from its parts.
    public init(
        arch: Located<String>, name: Located<String>, description: String? = nil,
        settings: [SettingAST] = [], paths: [PathAST] = [], initial: [InitDeclAST] = [], threads: [ThreadAST] = [],
        final: FinalConditionAST? = nil, eventualities: [LivenessAST] = [],
        expectations: [ExpectationAST] = [], source: String = "",
        variants: VariantsAST? = nil, variantExpectations: [VariantExpectationAST] = []
    ) {
        self.arch = arch
        self.name = name
        self.description = description
        self.settings = settings
        self.paths = paths
        self.initial = initial
        self.threads = threads
        self.final = final
        self.eventualities = eventualities
        self.expectations = expectations
        self.source = source
        self.variants = variants
        self.variantExpectations = variantExpectations
    }

    /// The path of the file the scenario was parsed from, as given to the parser.
    public var file: String { arch.location.file }

    /// Builds an error at `location`, quoting the line from this scenario's source.
    /// A location outside the file (a matrix given on the command line) quotes that text instead.
    public func error(_ message: String, at location: SourceLocation, suggestion: String? = nil) -> Diagnostic {
        let text = location.file == file ? source : (variants?.source ?? source)
        return Diagnostic.error(message, at: location, in: text, suggestion: suggestion)
    }
}
