import ShootdownModel

/// Turns a parsed scenario into a ``Scenario``: names resolved, values checked, every error
/// reported at the word that caused it.
public enum ScenarioLowering {
    /// Parses and lowers the file at `path`.
    public static func load(contentsOf path: String) throws(LitmusError) -> Scenario {
        try lower(LitmusParser.parse(contentsOf: path))
    }

    /// Parses and lowers `source`.
    public static func load(source: String, file: String) throws(LitmusError) -> Scenario {
        try lower(LitmusParser.parse(source: source, file: file))
    }

    /// Lowers a parsed scenario. A file with a variants block is refused: it lowers to one
    /// scenario per variant (``lowerMatrix(_:commandLine:)``).
    public static func lower(_ ast: ScenarioAST) throws(LitmusError) -> Scenario {
        var lowering = Lowerer(ast: ast)
        if let variants = ast.variants {
            throw lowering.error("this file declares variants, so it lowers to one scenario per variant",
                                 at: variants.keyword.location)
        }
        try lowering.refuseQualifiedExpectations()
        return try lowering.run()
    }

    /// Parses the file at `path` and lowers it variant by variant.
    public static func loadMatrix(contentsOf path: String, commandLine: VariantsAST? = nil) throws(LitmusError) -> ScenarioMatrix {
        try lowerMatrix(LitmusParser.parse(contentsOf: path), commandLine: commandLine)
    }

    /// Parses `source` and lowers it variant by variant.
    public static func loadMatrix(source: String, file: String, commandLine: VariantsAST? = nil) throws(LitmusError) -> ScenarioMatrix {
        try lowerMatrix(LitmusParser.parse(source: source, file: file), commandLine: commandLine)
    }

    /// Lowers a parsed scenario into one scenario per variant of its variants block, or of
    /// `commandLine`, a matrix given outside the file (whose own expectations are then not
    /// judged); a file with neither gives one scenario. Combinations the model rejects (an SMMUv3
    /// on x86, BTM without an SMMUv3) are listed in ``ScenarioMatrix/skipped``.
    public static func lowerMatrix(_ ast: ScenarioAST, commandLine: VariantsAST? = nil) throws(LitmusError) -> ScenarioMatrix {
        try Lowerer.lowerMatrix(ast, commandLine: commandLine)
    }
}
