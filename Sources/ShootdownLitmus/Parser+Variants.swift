extension Parser {
    /// The setting lines and, among them, at most one `variants { … }` block.
    mutating func parseSettingsAndVariants() throws(LitmusError) -> (settings: [SettingAST], variants: VariantsAST?) {
        var settings = try parseSettings()
        var variants: VariantsAST?
        while current.isWord("variants"), peek().kind == .leftBrace {
            if let first = variants {
                let at = first.keyword.location
                throw failure("only one variants block may be given; the first is at \(at.line):\(at.column)",
                              at: current.location)
            }
            variants = try parseVariants()
            settings += try parseSettings()
        }
        return (settings, variants)
    }

    /// `variants { AXIS … }`, one axis a line: `KEY = ALTERNATIVE | ALTERNATIVE …`. A line may
    /// end with `|` to continue the list on the next one.
    private mutating func parseVariants() throws(LitmusError) -> VariantsAST {
        let keyword = Located("variants", at: advance().location)
        let brace = advance()  // '{'
        var axes: [VariantAxisAST] = []
        while current.kind != .rightBrace {
            guard current.word != nil else {
                if current.isEndOfFile {
                    throw failure("expected '}' to close the variants block opened at \(brace.location.line):\(brace.location.column)",
                                  at: current.location)
                }
                throw failure("expected an axis such as 'policy = v6.2 | v6.6', or '}'", at: current.location)
            }
            guard axes.isEmpty || startsNewLine(current) else {
                throw failure("expected '|', '}' or the end of the line after the alternatives of '\(axes[axes.count - 1].key.value)'",
                              at: current.location)
            }
            axes.append(try parseAxis())
        }
        guard !axes.isEmpty else {
            throw failure("a variants block needs at least one axis, such as 'policy = v6.2 | v6.6'", at: current.location)
        }
        advance()  // '}'
        return VariantsAST(keyword: keyword, axes: axes)
    }

    /// `KEY = ALTERNATIVE | ALTERNATIVE …`.
    private mutating func parseAxis() throws(LitmusError) -> VariantAxisAST {
        let key = try takeWord("")
        guard current.kind == .equals, !startsNewLine(current) else {
            throw failure("expected '=' after the axis '\(key.value)', as in '\(key.value) = A | B'", at: expectedLocation)
        }
        advance()  // '='
        guard current.word != nil, !startsNewLine(current) else {
            throw failure("expected a value after '\(key.value) ='", at: expectedLocation)
        }
        var alternatives = [try parseAlternative()]
        while current.kind == .bar {
            advance()
            guard current.word != nil else {
                throw failure("expected another value of '\(key.value)' after '|'", at: expectedLocation)
            }
            alternatives.append(try parseAlternative())
        }
        return VariantAxisAST(key: key, alternatives: alternatives)
    }

    /// `VALUE ATTR* [(SELECTOR)]` on one line; the current token is a word.
    private mutating func parseAlternative() throws(LitmusError) -> VariantAlternativeAST {
        let value = try takeWord("")
        var attributes: [AttributeAST] = []
        while current.word != nil, !startsNewLine(current) {
            attributes.append(try parseAttribute())
        }
        var condition: SelectorAST?
        if current.kind == .leftParen, !startsNewLine(current) {
            condition = try parseSelector(closedBy: .rightParen, opener: advance())
        }
        return VariantAlternativeAST(value: value, attributes: attributes, condition: condition)
    }

    /// The terms of a selector up to its closing `)` or `]`, on one line: `KEY=VALUE|VALUE…` or
    /// a lone `VALUE|VALUE…`, separated by spaces or commas. `opener` is the bracket just read.
    mutating func parseSelector(closedBy closing: Token.Kind, opener: Token) throws(LitmusError) -> SelectorAST {
        let (open, close) = closing == .rightParen ? ("(", ")") : ("[", "]")
        var terms: [SelectorTermAST] = []
        while current.kind != closing || startsNewLine(current) {
            guard current.word != nil, !startsNewLine(current) else {
                let at = opener.location
                let unclosed = "expected '\(close)' to close the '\(open)' at \(at.line):\(at.column)"
                if current.isEndOfFile || startsNewLine(current) { throw failure(unclosed, at: expectedLocation) }
                throw failure(terms.isEmpty ? "expected a variant such as 'arch=x86' or 'x86'" : unclosed, at: current.location)
            }
            let first = try takeWord("")
            var key: Located<String>?
            var values = [first]
            if current.kind == .equals {
                advance()
                key = first
                values = [try takeSelectorValue(after: "\(first.value)=")]
            }
            while current.kind == .bar {
                advance()
                values.append(try takeSelectorValue(after: "|"))
            }
            terms.append(SelectorTermAST(key: key, values: values))
            if current.kind == .comma { advance() }
        }
        guard !terms.isEmpty else {
            throw failure("an empty selector matches no variant; name one, e.g. [arch=x86]", at: current.location)
        }
        advance()  // the closing bracket
        return SelectorAST(terms: terms, location: opener.end)
    }

    /// A value in a selector, on the same line as what precedes it.
    private mutating func takeSelectorValue(after what: String) throws(LitmusError) -> Located<String> {
        guard current.word != nil, !startsNewLine(current) else {
            throw failure("expected a value after '\(what)'", at: expectedLocation)
        }
        return try takeWord("")
    }
}
