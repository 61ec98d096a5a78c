extension Parser {
    /// `{ DECL* }`, each declaration ended by `;`.
    mutating func parseInitialState() throws(LitmusError) -> [InitDeclAST] {
        let open = advance()  // '{'
        var declarations: [InitDeclAST] = []
        while true {
            switch current.kind {
            case .rightBrace:
                advance()
                return declarations
            case .word:
                declarations += try parseDeclarationOrInclude(blockOpenedAt: open.location)
            case .endOfFile:
                throw failure(
                    "expected '}' to close the initial state block opened at \(open.location.line):\(open.location.column)",
                    at: current.location
                )
            default:
                throw failure("expected a declaration or '}'", at: current.location)
            }
        }
    }

    /// A declaration, or the declarations of an included file; the current token is a word.
    mutating func parseDeclarationOrInclude(blockOpenedAt open: SourceLocation?) throws(LitmusError) -> [InitDeclAST] {
        if current.isWord("include"), case .string = peek().kind {
            return try parseInclude()
        }
        return [try parseDeclaration(blockOpenedAt: open)]
    }

    /// `KEYWORD SUBJECT* [: GROUP (, GROUP)*] ;` where a group is one or more words. `open` is
    /// where the block began, or `nil` in an included file.
    mutating func parseDeclaration(blockOpenedAt open: SourceLocation?) throws(LitmusError) -> InitDeclAST {
        let keyword = try takeWord("")
        if case .string = current.kind {
            throw failure("a quoted file name follows only 'include'", at: current.location,
                          suggestion: NearestWord.suggest(keyword.value, among: ["include"]))
        }
        // Where a line ends inside the declaration with no ':' or ',' before the break: the
        // likely place of a missing ';' if the declaration turns out to be malformed.
        var lineBreak: SourceLocation?
        var subjects: [Located<String>] = []
        while current.word != nil {
            if lineBreak == nil, startsNewLine(current), let previous { lineBreak = previous.end }
            subjects.append(try takeWord(""))
        }
        var groups: [[Located<String>]] = []
        if current.kind == .colon {
            var separator = advance()
            while true {
                guard current.word != nil else {
                    throw failure("expected a word after '\(separator.kind == .colon ? ":" : ",")'", at: current.location)
                }
                var group: [Located<String>] = []
                while current.word != nil {
                    if !group.isEmpty, lineBreak == nil, startsNewLine(current), let previous { lineBreak = previous.end }
                    group.append(try takeWord(""))
                }
                groups.append(group)
                guard current.kind == .comma else { break }
                separator = advance()
            }
        }
        switch current.kind {
        case .semicolon:
            advance()
        case .bar where open != nil:
            throw failure(
                "expected '}' to close the initial state block opened at \(open!.line):\(open!.column)",
                at: keyword.location
            )
        default:
            if let lineBreak {
                throw failure("expected ';' to end the declaration", at: lineBreak)
            }
            let expected = groups.isEmpty ? "expected ':' or ';' after the declaration" : "expected ',' or ';'"
            throw failure(current.isEndOfFile || startsNewLine(current) ? "expected ';' to end the declaration" : expected,
                          at: expectedLocation)
        }
        return InitDeclAST(keyword: keyword, subjects: subjects, groups: groups, location: keyword.location)
    }
}
