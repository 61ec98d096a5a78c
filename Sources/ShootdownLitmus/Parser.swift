/// The recursive-descent parser behind `LitmusParser`.
///
/// Syntax errors stop the parse; errors that leave the structure intact (a thread declared
/// twice, a row with the wrong number of cells, a second final condition) are collected and
/// thrown together at the end, in source order.
struct Parser {
    /// The words that may begin the conditions and expectations after the thread table.
    static let sectionKeywords = ["exists", "forall", "eventually", "Result", "Expect"]

    let tokens: [Token]
    let source: String
    let scalars: [Unicode.Scalar]
    let file: String
    /// The index of the current token.
    var index = 0
    /// Errors found so far that did not stop the parse.
    var diagnostics: [Diagnostic] = []

    /// Creates a parser over the whole of `source`.
    init(source: String, file: String) {
        self.source = source
        self.file = file
        self.scalars = Array(source.unicodeScalars)
        var lexer = Lexer(scalars: scalars, file: file)
        self.tokens = lexer.tokenize()
    }

    // MARK: - The scenario

    /// Parses a whole scenario.
    mutating func parseScenario() throws(LitmusError) -> ScenarioAST {
        let (arch, name) = try parseHeader()
        let description = parseDescription()
        let settings = try parseSettings()
        let initial = current.kind == .leftBrace ? try parseInitialState() : []
        let threads = try parseThreadTable()
        let (final, eventualities) = try parseConditions()
        let expectations = try parseExpectations()
        guard diagnostics.isEmpty else {
            throw LitmusError(diagnostics: diagnostics)
        }
        return ScenarioAST(
            arch: arch, name: name, description: description, settings: settings, initial: initial,
            threads: threads, final: final, eventualities: eventualities, expectations: expectations,
            source: source
        )
    }

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
            let name = try takeWord("")
            guard current.kind == .equals, !startsNewLine(current) else {
                attributes.append(AttributeAST(name: name))
                continue
            }
            advance()  // '='
            guard current.word != nil, !startsNewLine(current) else {
                throw failure("expected a value after '\(name.value)='", at: expectedLocation)
            }
            attributes.append(AttributeAST(name: name, value: try takeWord("")))
        }
        return SettingAST(key: key, value: value, attributes: attributes)
    }

    // MARK: - Tokens

    /// The current token; past the end, the last token (`endOfFile` or `invalid`).
    var current: Token { tokens[min(index, tokens.count - 1)] }

    /// The token `ahead` places after the current one, or the last token.
    func peek(_ ahead: Int = 1) -> Token {
        tokens[min(index + ahead, tokens.count - 1)]
    }

    /// The token before the current one.
    var previous: Token? {
        index > 0 ? tokens[min(index, tokens.count) - 1] : nil
    }

    /// Moves past the current token and returns it.
    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if index < tokens.count { index += 1 }
        return token
    }

    /// Whether a line break separates `token` from the token before the current one.
    func startsNewLine(_ token: Token) -> Bool {
        guard let previous else { return true }
        return token.location.line > previous.endLine
    }

    /// Where to point when something is missing: just after the previous token when the line
    /// (or the file) has ended there, at the current token otherwise.
    var expectedLocation: SourceLocation {
        if let previous, current.isEndOfFile || startsNewLine(current) {
            return previous.end
        }
        return current.location
    }

    /// Consumes a word, checking that an integer-shaped word fits in `Int`.
    mutating func takeWord(_ expectation: String) throws(LitmusError) -> Located<String> {
        guard let word = current.word else {
            throw failure(expectation, at: current.location)
        }
        if LitmusInteger.isIntegerShaped(word), LitmusInteger.value(of: word) == nil {
            throw failure("the integer \(word) does not fit in 64 bits", at: current.location)
        }
        return Located(word, at: advance().location)
    }

    /// The source text of tokens `first...last` without comments, runs of whitespace made one space.
    func text(from first: Int, through last: Int) -> String {
        guard first <= last, last < tokens.count else { return "" }
        var text = String.UnicodeScalarView()
        for position in first...last {
            let token = tokens[position]
            if position > first, tokens[position - 1].endOffset < token.startOffset {
                text.append(" ")
            }
            text.append(contentsOf: scalars[token.startOffset..<token.endOffset])
        }
        return String(text)
    }

    /// Whether `word` is an identifier: a letter or `_`, then letters, digits and `_`.
    static func isIdentifier(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, first == "_" || ("a"..."z").contains(first)
            || ("A"..."Z").contains(first) else {
            return false
        }
        return word.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_": true
            default: false
            }
        }
    }

    // MARK: - Diagnostics

    /// A diagnostic at `location`, quoting its line.
    func diagnostic(_ message: String, at location: SourceLocation, suggestion: String? = nil) -> Diagnostic {
        Diagnostic.error(message, at: location, in: source, suggestion: suggestion)
    }

    /// Records an error that does not stop the parse.
    mutating func report(_ message: String, at location: SourceLocation, suggestion: String? = nil) {
        diagnostics.append(diagnostic(message, at: location, suggestion: suggestion))
    }

    /// The error to throw for a syntax error at `location`, after those already recorded.
    ///
    /// When the parse has reached text the lexer could not read and the error lies there or
    /// later, the lexer's complaint is the real cause and is reported instead.
    func failure(_ message: String, at location: SourceLocation, suggestion: String? = nil) -> LitmusError {
        var error = diagnostic(message, at: location, suggestion: suggestion)
        if case .invalid(let problem) = current.kind, !location.precedes(previous?.end ?? current.location) {
            error = diagnostic(problem, at: current.location)
        }
        return LitmusError(diagnostics: diagnostics + [error])
    }
}
