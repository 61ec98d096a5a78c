extension Parser {
    /// `ARCH NAME`, alone on the first line.
    mutating func parseHeader() throws(LitmusError) -> (arch: Located<String>, name: Located<String>) {
        guard let archWord = current.word, Self.isIdentifier(archWord) else {
            throw failure("expected a header line 'ARCH NAME' naming the architecture and the test", at: current.location)
        }
        let arch = try takeWord("")
        guard current.word != nil, !startsNewLine(current) else {
            throw failure("expected a test name after the architecture '\(arch.value)'", at: expectedLocation)
        }
        let name = try takeWord("")
        guard current.isEndOfFile || startsNewLine(current) else {
            throw failure("expected the end of the header line after the test name", at: current.location)
        }
        return (arch, name)
    }

    /// The optional quoted description under the header.
    mutating func parseDescription() -> String? {
        guard case .string(let text) = current.kind else { return nil }
        advance()
        return text
    }

    /// Zero or more `KEY = VALUE ATTR*` lines.
    mutating func parseSettings() throws(LitmusError) -> [SettingAST] {
        var settings: [SettingAST] = []
        while current.word != nil, peek().kind == .equals {
            settings.append(try parseSetting())
        }
        return settings
    }

    /// One setting line; it ends at the end of the line.
    mutating func parseSetting() throws(LitmusError) -> SettingAST {
        let key = try takeWord("")
        advance()  // '='
        guard current.word != nil, !startsNewLine(current) else {
            throw failure("expected a value after '\(key.value) ='", at: expectedLocation)
        }
        let value = try takeWord("")
        var attributes: [AttributeAST] = []
        while !current.isEndOfFile, !startsNewLine(current) {
            guard current.word != nil else {
                throw failure("expected an attribute ('NAME' or 'NAME=VALUE') or the end of the line", at: current.location)
            }
            attributes.append(try parseAttribute())
        }
        return SettingAST(key: key, value: value, attributes: attributes)
    }

    /// `NAME` or `NAME=VALUE` on the current line; the current token is a word.
    mutating func parseAttribute() throws(LitmusError) -> AttributeAST {
        let name = try takeWord("")
        guard current.kind == .equals, !startsNewLine(current) else {
            return AttributeAST(name: name)
        }
        advance()  // '='
        guard current.word != nil, !startsNewLine(current) else {
            throw failure("expected a value after '\(name.value)='", at: expectedLocation)
        }
        return AttributeAST(name: name, value: try takeWord(""))
    }
}
