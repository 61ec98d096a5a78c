extension VariantsAST {
    /// The file name command-line locations carry.
    public static let commandLineFile = "command line"

    /// A matrix given on the command line as `--KEY V1,V2 …`, one axis per key in the order
    /// given. Its locations point into that text, which diagnostics quote with a caret.
    public static func commandLine(_ axes: [(key: String, values: [String])]) -> VariantsAST {
        var text = ""
        var result: [VariantAxisAST] = []
        func here() -> SourceLocation {
            SourceLocation(file: commandLineFile, line: 1, column: text.unicodeScalars.count + 1)
        }
        for (key, values) in axes {
            if !text.isEmpty { text += " " }
            let keyLocation = here()
            text += "--\(key) "
            var alternatives: [VariantAlternativeAST] = []
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                alternatives.append(VariantAlternativeAST(value: Located(value, at: here())))
                text += value
            }
            result.append(VariantAxisAST(key: Located(key, at: keyLocation), alternatives: alternatives))
        }
        return VariantsAST(keyword: Located("variants", at: SourceLocation(file: commandLineFile, line: 1, column: 1)),
                           axes: result, source: text)
    }
}
