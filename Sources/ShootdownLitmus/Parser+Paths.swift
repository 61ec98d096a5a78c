extension Parser {
    /// Zero or more `path NAME(PAGE) [in "FILE"] [checked] { ITEM … }` blocks,
    /// `subscriber NAME … { … }` blocks and `include "FILE";` of libraries of them, after the
    /// settings.
    mutating func parseLibrary() throws(LitmusError) -> LibraryAST {
        var library = LibraryAST()
        while true {
            if current.isWord("path"), peek().word != nil, peek(2).kind == .leftParen {
                library.paths.append(try parsePath())
            } else if current.isWord("subscriber"), peek().word != nil {
                library.subscribers.append(try parseSubscriber())
            } else if current.isWord("include"), case .string = peek().kind {
                let included = try parseLibraryInclude()
                library.paths += included.paths
                library.subscribers += included.subscribers
            } else {
                return library
            }
        }
    }

    private mutating func parsePath() throws(LitmusError) -> PathAST {
        advance()  // 'path'
        let name = try takeWord("")
        guard Self.isIdentifier(name.value) else {
            throw failure("a path name is an identifier, not '\(name.value)'", at: name.location)
        }
        let open = advance()  // '('
        let parameter = try takeWord("expected the path's page parameter, e.g. path \(name.value)(x)")
        guard current.kind == .rightParen else {
            throw failure("a path takes one page: expected ')' to close the '(' at \(open.location.line):\(open.location.column)",
                          at: current.location)
        }
        advance()
        var file: Located<String>?
        if current.isWord("in") {
            advance()
            file = try takeString("expected the file the path's steps cite, in quotes, e.g. path \(name.value)(x) in \"mm/memory.c\"")
        }
        let checked = current.isWord("checked")
        if checked { advance() }
        guard current.kind == .leftBrace else {
            throw failure("expected '{' to begin the steps of path '\(name.value)'", at: expectedLocation)
        }
        let brace = advance()
        var body: [PathItemAST] = []
        while current.kind != .rightBrace {
            guard current.word != nil else {
                if current.isEndOfFile {
                    throw failure("expected '}' to close the path opened at \(brace.location.line):\(brace.location.column)",
                                  at: current.location)
                }
                throw failure("expected a kernel call, a label, 'if', 'goto', 'return' or '}'", at: current.location)
            }
            body.append(contentsOf: try parsePathItem())
        }
        advance()  // '}'
        return PathAST(name: name, parameter: parameter, file: file, checked: checked, body: body)
    }

    /// One item, or a label and the item after it on its line:
    ///
    ///     LABEL:
    ///     [LABEL:] return;
    ///     [LABEL:] goto LABEL;
    ///     [LABEL:] if CONDITION goto LABEL;
    ///     [LABEL:] [FUNCTION:] CALL[(ARGS)] [in "FILE"] [when CONDITION];
    ///     [LABEL:] [FUNCTION:] step KIND[(ARG)] "CALL" [in "FILE"] [when CONDITION];
    ///
    /// `NAME:` is a label when its line ends there, or when another `NAME:`, a jump or a return
    /// follows it; otherwise it names the function of the step after it.
    private mutating func parsePathItem() throws(LitmusError) -> [PathItemAST] {
        var items: [PathItemAST] = []
        var function: Located<String>?
        while current.word != nil, peek().kind == .colon {
            let name = try takeWord("")
            let colon = advance()
            if current.location.line > colon.endLine || current.kind == .rightBrace || current.isEndOfFile
                || (current.word != nil && peek().kind == .colon) || startsJumpOrReturn {
                items.append(.label(name))
                if current.location.line > colon.endLine || current.kind == .rightBrace || current.isEndOfFile {
                    return items
                }
            } else {
                function = name
                break
            }
        }
        if function == nil, startsJumpOrReturn {
            items.append(try parseJumpOrReturn())
            return items
        }
        guard current.word != nil else {
            throw failure(function.map { "expected a kernel call after '\($0.value):'" } ?? "expected a kernel call",
                          at: current.location)
        }
        items.append(.step(try parsePathStep(function: function)))
        return items
    }

    /// Whether the current token begins `return;`, `goto LABEL;` or `if CONDITION goto LABEL;`.
    private var startsJumpOrReturn: Bool {
        guard peek().kind != .colon else { return false }
        return current.isWord("return") || current.isWord("goto") || current.isWord("if")
    }

    private mutating func parseJumpOrReturn() throws(LitmusError) -> PathItemAST {
        let keyword = advance()
        let item: PathItemAST
        switch keyword.word {
        case "return":
            item = .ret(keyword.location)
        case "goto":
            item = .jump(condition: nil, label: try takeWord("expected a label after 'goto'"))
        default:
            let condition = try takeWord("expected a condition after 'if', e.g. if pte_changed goto unlock;")
            guard current.isWord("goto") else {
                throw failure("expected 'goto LABEL' after 'if \(condition.value)'", at: expectedLocation)
            }
            advance()
            item = .jump(condition: condition, label: try takeWord("expected a label after 'goto'"))
        }
        guard current.kind == .semicolon else {
            throw failure("expected ';' after '\(keyword.word ?? "")'", at: expectedLocation)
        }
        advance()
        return item
    }

    /// `CALL[(ARGS)]` or `step KIND[(ARG)] "CALL"`, then `[in "FILE"] [when CONDITION] ;`.
    private mutating func parsePathStep(function: Located<String>?) throws(LitmusError) -> PathStepAST {
        let action: PathStepAST.Action
        let what: String
        if current.isWord("step"), peek().word != nil {
            advance()  // 'step'
            let kind = try takeWord("")
            var argument: Located<String>?
            if current.kind == .leftParen {
                let open = advance()
                argument = try takeWord("expected the argument of step kind '\(kind.value)'")
                guard current.kind == .rightParen else {
                    throw failure("expected ')' to close the '(' at \(open.location.line):\(open.location.column)",
                                  at: current.location)
                }
                advance()
            }
            let spelled = argument.map { "\(kind.value)(\($0.value))" } ?? kind.value
            let call = try takeString("expected the call text in quotes after 'step \(spelled)', e.g. step lock_ptl \"pte_offset_map_lock\"")
            action = .raw(kind: kind, argument: argument, call: call)
            what = "step \(spelled) \"\(call.value)\""
        } else {
            let call = try takeWord("")
            var arguments: [Located<String>] = []
            if current.kind == .leftParen { arguments = try parseArguments() }
            action = .call(call, arguments: arguments)
            what = "the kernel call '\(call.value)'"
        }
        var file: Located<String>?
        if current.isWord("in") {
            advance()
            file = try takeString("expected the file the step cites, in quotes, e.g. in \"mm/memory.c\"")
        }
        var condition: Located<String>?
        if current.isWord("when") {
            advance()
            condition = try takeWord("expected a condition after 'when', e.g. when changed")
        }
        guard current.kind == .semicolon else {
            throw failure("expected ';' after \(what)", at: expectedLocation)
        }
        advance()
        return PathStepAST(function: function, action: action, file: file, condition: condition)
    }

    /// Consumes a double-quoted string.
    mutating func takeString(_ expectation: String) throws(LitmusError) -> Located<String> {
        guard case let .string(text) = current.kind else { throw failure(expectation, at: expectedLocation) }
        return Located(text, at: advance().location)
    }
}
