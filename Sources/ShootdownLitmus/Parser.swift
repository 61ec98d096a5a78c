/// The recursive-descent parser behind `LitmusParser`.
///
/// Syntax errors stop the parse; errors that leave the structure intact (a thread declared
/// twice, a row with the wrong number of cells, a second final condition) are collected and
/// thrown together at the end, in source order, or as soon as there are
/// `maximumDiagnostics` of them.
struct Parser {
    /// The words that may begin the conditions and expectations after the thread table.
    static let sectionKeywords = ["exists", "forall", "eventually", "Result", "Expect"]
    /// The words that begin a block before the thread table, for "did you mean" notes.
    static let preambleKeywords = ["path", "subscriber", "variants", "include"]
    /// How many errors are collected before the parse stops.
    static let maximumDiagnostics = 20

    /// Every token of the source; the last is `endOfFile` or `invalid`.
    let tokens: [Token]
    /// The source text.
    let source: String
    /// The source's Unicode scalars, which token offsets index.
    let scalars: [Unicode.Scalar]
    /// The offset in `scalars` at which each line begins; line `n` begins at `lineStarts[n - 1]`.
    let lineStarts: [Int]
    /// The index of the current token.
    var index = 0
    /// Errors found so far that did not stop the parse.
    var diagnostics: [Diagnostic] = []
    /// The path of the file being parsed, as given; included files are found relative to it.
    let file: String
    /// The files being read, outermost first: the scenario, then each include leading here.
    let includeChain: [String]
    /// The files included so far, by the path their locations carry.
    var included: [String: IncludedSource] = [:]

    /// Creates a parser over the whole of `source`; `includeChain` holds the files whose
    /// includes led to this one, outermost first.
    init(source: String, file: String, includeChain: [String] = []) {
        self.file = file
        self.includeChain = includeChain + [file]
        self.source = source
        self.scalars = Array(source.unicodeScalars)
        self.lineStarts = [0] + scalars.indices.lazy.filter { [scalars] in scalars[$0] == "\n" }.map { $0 + 1 }
        var lexer = Lexer(scalars: scalars, file: file)
        self.tokens = lexer.tokenize()
    }

    // MARK: - The scenario

    /// Parses a whole scenario.
    mutating func parseScenario() throws(LitmusError) -> ScenarioAST {
        let (arch, name) = try parseHeader()
        let description = parseDescription()
        let (settings, variants) = try parseSettingsAndVariants()
        let library = try parseLibrary()
        let initial = current.kind == .leftBrace ? try parseInitialState() : []
        let threads = try parseThreadTable()
        let (final, eventualities) = try parseConditions()
        let (expectations, variantExpectations) = try parseExpectations()
        guard diagnostics.isEmpty else {
            throw LitmusError(diagnostics: diagnostics)
        }
        return ScenarioAST(
            arch: arch, name: name, description: description, settings: settings, paths: library.paths,
            subscribers: library.subscribers, initial: initial,
            threads: threads, final: final, eventualities: eventualities, expectations: expectations,
            source: source, variants: variants, variantExpectations: variantExpectations, includes: included
        )
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
        Diagnostic(location: location, message: message, sourceLine: sourceLine(location.line), suggestion: suggestion)
    }

    /// The text of the 1-based line `number`, without its line terminator, or `nil` past the end.
    func sourceLine(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Records an error that does not stop the parse, unless it is one too many.
    mutating func report(_ message: String, at location: SourceLocation, suggestion: String? = nil) throws(LitmusError) {
        diagnostics.append(diagnostic(message, at: location, suggestion: suggestion))
        if diagnostics.count >= Self.maximumDiagnostics {
            throw LitmusError(diagnostics: diagnostics)
        }
    }

    /// The error to throw for a syntax error at `location`, after those already recorded.
    ///
    /// An error at the end of the file points just after the last token instead. When the parse
    /// has reached text the lexer could not read and the error lies there or later, the lexer's
    /// complaint is the real cause and is reported instead.
    func failure(_ message: String, at location: SourceLocation, suggestion: String? = nil) -> LitmusError {
        var location = location
        if current.isEndOfFile, location == current.location, let previous {
            location = previous.end
        }
        var error = diagnostic(message, at: location, suggestion: suggestion)
        if case .invalid(let problem) = current.kind, !location.precedes(previous?.end ?? current.location) {
            error = diagnostic(problem, at: current.location)
        }
        return LitmusError(diagnostics: diagnostics + [error])
    }
}
