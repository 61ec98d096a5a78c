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

    /// Lowers a parsed scenario.
    public static func lower(_ ast: ScenarioAST) throws(LitmusError) -> Scenario {
        var lowering = Lowerer(ast: ast)
        return try lowering.run()
    }
}
