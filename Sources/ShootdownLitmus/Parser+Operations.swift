extension Parser {
    /// `REG = *LOC`, `*LOC = INT`, `*LOC = REG`, `NAME(ARGS)` or `REG = NAME(ARGS)`.
    mutating func parseOperation() throws(LitmusError) -> OperationAST {
        let first = index
        let start = current.location
        let kind: OperationKind
        if current.kind == .star {
            advance()
            let location = try takeWord("expected a location after '*'")
            guard current.kind == .equals else {
                throw failure("expected '=' after '*\(location.value)'", at: current.location)
            }
            advance()
            kind = .write(location: location, value: try parseWrittenValue())
        } else {
            let name = try takeWord("expected an operation")
            switch current.kind {
            case .equals:
                advance()
                kind = try parseAssignment(to: name)
            case .leftParen:
                kind = .call(result: nil, name: name, arguments: try parseArguments())
            default:
                throw failure("expected '=' or '(' after '\(name.value)'", at: current.location)
            }
        }
        return OperationAST(kind: kind, location: start, text: text(from: first, through: index - 1))
    }

    /// The right-hand side of `REG = …`: a read `*LOC` or a call `NAME(ARGS)`.
    private mutating func parseAssignment(to register: Located<String>) throws(LitmusError) -> OperationKind {
        guard Self.isIdentifier(register.value) else {
            throw failure("expected a register name, found '\(register.value)'", at: register.location)
        }
        if current.kind == .star {
            advance()
            return .read(register: register, location: try takeWord("expected a location after '*'"))
        }
        if current.word != nil, peek().kind == .leftParen {
            let name = try takeWord("")
            return .call(result: register, name: name, arguments: try parseArguments())
        }
        throw failure("expected '*LOCATION' or a call after '='", at: current.location)
    }

    /// The value of a write: an integer literal or a register.
    private mutating func parseWrittenValue() throws(LitmusError) -> Located<ValueAST> {
        guard let word = current.word else {
            throw failure("expected an integer or a register after '='", at: current.location)
        }
        let value = try takeWord("")
        if LitmusInteger.isIntegerShaped(word), let integer = LitmusInteger.value(of: word) {
            return Located(.integer(integer), at: value.location)
        }
        guard Self.isIdentifier(word) else {
            throw failure("expected an integer or a register after '=', found '\(word)'", at: value.location)
        }
        return Located(.register(word), at: value.location)
    }

    /// `( [ARG (, ARG)*] )`: zero or more words or integers.
    mutating func parseArguments() throws(LitmusError) -> [Located<String>] {
        let open = advance()  // '('
        var arguments: [Located<String>] = []
        if current.kind == .rightParen {
            advance()
            return arguments
        }
        while true {
            arguments.append(try takeWord("expected an argument"))
            switch current.kind {
            case .comma:
                advance()
            case .rightParen:
                advance()
                return arguments
            default:
                throw failure(
                    "expected ',' or ')' to close the '(' at \(open.location.line):\(open.location.column)",
                    at: current.location
                )
            }
        }
    }
}
