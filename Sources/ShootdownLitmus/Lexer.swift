/// Splits a litmus source into tokens, skipping whitespace and comments.
///
/// Comments are herd-style `(* … *)` blocks, which nest and may span lines, and `//` line
/// comments. The lexer never fails: text it cannot read becomes a final `invalid` token, so the
/// parser reports it only if nothing earlier in the file is wrong.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let file: String
    private var offset = 0
    private var line = 1
    private var column = 1

    /// Creates a lexer over the Unicode scalars of a source.
    init(scalars: [Unicode.Scalar], file: String) {
        self.scalars = scalars
        self.file = file
    }

    /// Every token of the source; the last one is `endOfFile` or `invalid`.
    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = nextToken()
            tokens.append(token)
            switch token.kind {
            case .endOfFile, .invalid: return tokens
            default: continue
            }
        }
    }

    /// Whether `scalar` may appear in a word.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "+": true
        default: false
        }
    }

    // MARK: - Reading

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = offset + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    private mutating func advance() {
        guard offset < scalars.count else { return }
        if scalars[offset] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        offset += 1
    }

    private var here: SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    // MARK: - Tokens

    private mutating func nextToken() -> Token {
        if let problem = skipTrivia() {
            return problem
        }
        let start = here
        let startOffset = offset
        func make(_ kind: Token.Kind) -> Token {
            Token(
                kind: kind, location: start, endLine: line, endColumn: column,
                startOffset: startOffset, endOffset: offset
            )
        }
        guard let scalar = peek() else {
            return make(.endOfFile)
        }
        if Self.isWordScalar(scalar) {
            var word = String.UnicodeScalarView()
            while let next = peek(), Self.isWordScalar(next) {
                word.append(next)
                advance()
            }
            return make(.word(String(word)))
        }
        let single: Token.Kind? = switch scalar {
        case "{": .leftBrace
        case "}": .rightBrace
        case "(": .leftParen
        case ")": .rightParen
        case "[": .leftBracket
        case "]": .rightBracket
        case ";": .semicolon
        case ",": .comma
        case ":": .colon
        case "|": .bar
        case "=": .equals
        case "*": .star
        case "~": .tilde
        default: nil
        }
        if let single {
            advance()
            return make(single)
        }
        switch (scalar, peek(1)) {
        case ("!", "="):
            advance(); advance()
            return make(.notEquals)
        case ("/", "\\"):
            advance(); advance()
            return make(.and)
        case ("\\", "/"):
            advance(); advance()
            return make(.or)
        case ("\"", _):
            return lexString(start: start, startOffset: startOffset)
        default:
            return make(.invalid("unexpected character \(Self.describe(scalar))"))
        }
    }

    /// Skips whitespace and comments; returns an `invalid` token for an unterminated comment.
    private mutating func skipTrivia() -> Token? {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}":
                advance()
            case "/" where peek(1) == "/":
                while let next = peek(), next != "\n" { advance() }
            case "(" where peek(1) == "*":
                let start = here
                let startOffset = offset
                advance(); advance()
                var depth = 1
                while depth > 0 {
                    switch (peek(), peek(1)) {
                    case (nil, _):
                        return Token(
                            kind: .invalid("unterminated comment started here"), location: start,
                            endLine: start.line, endColumn: start.column + 2,
                            startOffset: startOffset, endOffset: startOffset + 2
                        )
                    case ("(", "*"):
                        depth += 1
                        advance(); advance()
                    case ("*", ")"):
                        depth -= 1
                        advance(); advance()
                    default:
                        advance()
                    }
                }
            default:
                return nil
            }
        }
        return nil
    }

    /// Reads a double-quoted string; `\"` and `\\` are its only escapes. It may span lines.
    private mutating func lexString(start: SourceLocation, startOffset: Int) -> Token {
        advance()  // the opening quote
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                return Token(
                    kind: .invalid("unterminated string started here"), location: start,
                    endLine: start.line, endColumn: start.column + 1,
                    startOffset: startOffset, endOffset: startOffset + 1
                )
            }
            switch scalar {
            case "\"":
                advance()
                return Token(
                    kind: .string(String(text)), location: start, endLine: line, endColumn: column,
                    startOffset: startOffset, endOffset: offset
                )
            case "\\":
                let escape = here
                let escapeOffset = offset
                advance()
                guard let escaped = peek(), escaped == "\"" || escaped == "\\" else {
                    let shown = peek().map { "\\" + String($0) } ?? "\\"
                    return Token(
                        kind: .invalid("unknown escape '\(shown)' in string; only \\\" and \\\\ are allowed"),
                        location: escape, endLine: escape.line, endColumn: escape.column + 1,
                        startOffset: escapeOffset, endOffset: escapeOffset + 1
                    )
                }
                text.append(escaped)
                advance()
            default:
                text.append(scalar)
                advance()
            }
        }
    }

    /// A character as an error message shows it: quoted if printable, by code point otherwise.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let printable = scalar.properties.generalCategory != .control
            && !scalar.properties.isWhitespace
            && scalar.properties.generalCategory != .format
            && scalar.properties.generalCategory != .unassigned
            && scalar.properties.generalCategory != .surrogate
            && scalar.properties.generalCategory != .privateUse
        if printable {
            return scalar.isASCII ? "'\(scalar)'" : "'\(scalar)' (\(code))"
        }
        return code
    }
}
