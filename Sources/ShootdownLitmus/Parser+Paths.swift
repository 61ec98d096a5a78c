extension Parser {
    /// Zero or more `path NAME(PAGE) { STEP; … }` blocks, after the settings.
    mutating func parsePaths() throws(LitmusError) -> [PathAST] {
        var paths: [PathAST] = []
        while current.isWord("path"), peek().word != nil, peek(2).kind == .leftParen {
            paths.append(try parsePath())
        }
        return paths
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
        guard current.kind == .leftBrace else {
            throw failure("expected '{' to begin the steps of path '\(name.value)'", at: expectedLocation)
        }
        let brace = advance()
        var steps: [PathStepAST] = []
        while current.kind != .rightBrace {
            guard current.word != nil else {
                if current.isEndOfFile {
                    throw failure("expected '}' to close the path opened at \(brace.location.line):\(brace.location.column)",
                                  at: current.location)
                }
                throw failure("expected a kernel call or '}'", at: current.location)
            }
            steps.append(try parsePathStep())
        }
        advance()  // '}'
        return PathAST(name: name, parameter: parameter, steps: steps)
    }

    /// `[FUNCTION:] CALL [(ARGS)] ;`
    private mutating func parsePathStep() throws(LitmusError) -> PathStepAST {
        var function: Located<String>?
        var call = try takeWord("")
        if current.kind == .colon {
            advance()
            function = call
            call = try takeWord("expected a kernel call after '\(function!.value):'")
        }
        var arguments: [Located<String>] = []
        if current.kind == .leftParen { arguments = try parseArguments() }
        guard current.kind == .semicolon else {
            throw failure("expected ';' after the kernel call '\(call.value)'", at: expectedLocation)
        }
        advance()
        return PathStepAST(function: function, call: call, arguments: arguments)
    }
}
