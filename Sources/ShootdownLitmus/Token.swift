/// One lexical unit of a litmus source.
struct Token: Sendable, Equatable {
    /// What a token is.
    enum Kind: Sendable, Equatable {
        /// A run of letters, digits, `-`, `_`, `.` and `+`: names, numbers and keywords alike.
        case word(String)
        /// A double-quoted string, with its escapes resolved.
        case string(String)
        /// `{`
        case leftBrace
        /// `}`
        case rightBrace
        /// `(`
        case leftParen
        /// `)`
        case rightParen
        /// `[`
        case leftBracket
        /// `]`
        case rightBracket
        /// `;`
        case semicolon
        /// `,`
        case comma
        /// `:`
        case colon
        /// `|`
        case bar
        /// `=`
        case equals
        /// `!=`
        case notEquals
        /// `*`
        case star
        /// `~`
        case tilde
        /// `/\`
        case and
        /// `\/`
        case or
        /// The end of the source.
        case endOfFile
        /// Text the lexer could not read; always the last token, its message explains why.
        case invalid(String)
    }

    /// What the token is.
    var kind: Kind
    /// Where the token begins.
    var location: SourceLocation
    /// The line on which the token ends.
    var endLine: Int
    /// The column just after the token's last character.
    var endColumn: Int
    /// The offset of the token's first Unicode scalar in the source.
    var startOffset: Int
    /// The offset just after the token's last Unicode scalar in the source.
    var endOffset: Int

    /// The location just after the token.
    var end: SourceLocation {
        SourceLocation(file: location.file, line: endLine, column: endColumn)
    }

    /// The token's text if it is a word.
    var word: String? {
        if case .word(let text) = kind { return text }
        return nil
    }

    /// Whether the token is the word `text`.
    func isWord(_ text: String) -> Bool {
        word == text
    }

    /// Whether the token is the end of the source.
    var isEndOfFile: Bool { kind == .endOfFile }
}
