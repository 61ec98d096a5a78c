extension Parser {
    /// `subscriber NAME [in "FILE"] { ITEM … }` (docs/SUBSCRIBERS.md).
    mutating func parseSubscriber() throws(LitmusError) -> SubscriberAST {
        advance()  // 'subscriber'
        let name = try takeWord("")
        guard Self.isIdentifier(name.value) else {
            throw failure("a subscriber name is an identifier, not '\(name.value)'", at: name.location)
        }
        var subscriber = SubscriberAST(name: name)
        if current.isWord("in") {
            advance()
            subscriber.file = try takeString("expected the file the subscriber's statements cite, in quotes, e.g. subscriber \(name.value) in \"drivers/gpu/drm/my/my_svm.c\"")
        }
        guard current.kind == .leftBrace else {
            throw failure("expected '{' to begin subscriber '\(name.value)'", at: expectedLocation)
        }
        let brace = advance()
        while current.kind != .rightBrace {
            guard let word = current.word else {
                if current.isEndOfFile {
                    throw failure("expected '}' to close the subscriber opened at \(brace.location.line):\(brace.location.column)",
                                  at: current.location)
                }
                throw failure("expected a setting (registration, sleeps, lock, fault), a callback or '}'", at: current.location)
            }
            if peek().kind == .leftBrace || (peek().word != nil && peek(2).kind == .leftBrace) {
                subscriber.callbacks.append(try parseCallback())
                continue
            }
            let key = try takeWord(word)
            var value: Located<String>?
            if current.word != nil { value = try takeWord("") }
            guard current.kind == .semicolon else {
                throw failure("expected ';' after '\(key.value)\(value.map { " " + $0.value } ?? "")'", at: expectedLocation)
            }
            advance()
            subscriber.settings.append(SubscriberSettingAST(key: key, value: value))
        }
        advance()  // '}'
        return subscriber
    }

    /// `CALLBACK [FUNCTION] { STATEMENT … }`.
    private mutating func parseCallback() throws(LitmusError) -> CallbackAST {
        let kind = try takeWord("")
        let function = current.word != nil ? try takeWord("") : nil
        let brace = advance()  // '{'
        var statements: [CallbackStatementAST] = []
        while current.kind != .rightBrace {
            guard current.word != nil else {
                if current.isEndOfFile {
                    throw failure("expected '}' to close the callback opened at \(brace.location.line):\(brace.location.column)",
                                  at: current.location)
                }
                throw failure("expected a statement or '}'", at: current.location)
            }
            statements.append(try parseCallbackStatement())
        }
        advance()  // '}'
        return CallbackAST(kind: kind, function: function, statements: statements)
    }

    /// `[FUNCTION:] [if GUARD] ACTION[(LOCK)] [else return VALUE];` or `[…] return VALUE;`.
    private mutating func parseCallbackStatement() throws(LitmusError) -> CallbackStatementAST {
        var function: Located<String>?
        if peek().kind == .colon {
            function = try takeWord("")
            advance()  // ':'
        }
        var condition: Located<String>?
        if current.isWord("if") {
            advance()
            condition = try takeWord("expected a guard after 'if' (blockable, nonblockable, own_migration, mapped)")
        }
        let action = try takeWord("expected a statement, e.g. mutex_lock(lock);")
        var argument: Located<String>?
        var value: Located<String>?
        if action.value == "return" {
            value = try takeWord("expected the value after 'return' (true, false, 0, -EAGAIN)")
        } else if current.kind == .leftParen {
            let open = advance()
            argument = try takeWord("expected the lock's name in the parentheses")
            guard current.kind == .rightParen else {
                throw failure("expected ')' to close the '(' at \(open.location.line):\(open.location.column)", at: current.location)
            }
            advance()
        }
        if current.isWord("else") {
            advance()
            guard current.isWord("return") else {
                throw failure("expected 'return VALUE' after 'else'", at: expectedLocation)
            }
            advance()
            value = try takeWord("expected the value after 'return' (true, false, 0, -EAGAIN)")
        }
        guard current.kind == .semicolon else {
            throw failure("expected ';' after '\(action.value)'", at: expectedLocation)
        }
        advance()
        return CallbackStatementAST(function: function, condition: condition, action: action, argument: argument, value: value)
    }
}
