extension Parser {
    /// How deeply parentheses and negations may nest in one condition.
    static let maximumNesting = 100
    /// How many operators (`/\`, `\/`, `~`) one condition may hold.
    static let maximumOperators = 1000

    /// The conditions after the thread table, in any order: at most one of `exists`, `~exists`
    /// and `forall`, and any number of `eventually`.
    mutating func parseConditions() throws(LitmusError) -> (final: FinalConditionAST?, eventualities: [LivenessAST]) {
        var final: FinalConditionAST?
        var eventualities: [LivenessAST] = []
        while true {
            let keyword = current
            let quantifier: FinalConditionAST.Quantifier?
            switch current.kind {
            case .word("exists"):
                quantifier = .exists
            case .word("forall"):
                quantifier = .forall
            case .word("eventually"):
                quantifier = nil
            case .tilde:
                advance()
                guard current.isWord("exists") else {
                    let suggestion = current.word.flatMap { NearestWord.suggest($0, among: ["exists"]) }
                    throw failure("expected 'exists' after '~'", at: current.location, suggestion: suggestion)
                }
                quantifier = .notExists
            default:
                return (final, eventualities)
            }
            advance()
            let (expression, text) = try parseCondition()
            guard let quantifier else {
                eventualities.append(LivenessAST(expression: expression, location: keyword.location, text: text))
                continue
            }
            if let first = final {
                try report(
                    "only one final condition (exists, ~exists or forall) may be given; "
                        + "the first is at \(first.location.line):\(first.location.column)",
                    at: keyword.location
                )
            } else {
                final = FinalConditionAST(
                    quantifier: quantifier, expression: expression, location: keyword.location, text: text
                )
            }
        }
    }

    /// An expression and its source text; nothing but a new condition may follow on its line.
    private mutating func parseCondition() throws(LitmusError) -> (ExprAST, String) {
        let first = index
        var operators = 0
        let expression = try parseDisjunction(depth: 0, operators: &operators)
        let text = text(from: first, through: index - 1)
        guard current.isEndOfFile || startsNewLine(current) || atSectionStart else {
            throw failure("expected '/\\', '\\/' or the end of the condition", at: current.location)
        }
        return (expression, text)
    }

    /// `conj (\/ conj)*`
    private mutating func parseDisjunction(depth: Int, operators: inout Int) throws(LitmusError) -> ExprAST {
        var left = try parseConjunction(depth: depth, operators: &operators)
        while current.kind == .or {
            try countOperator(&operators, at: advance().location)
            left = .or(left, try parseConjunction(depth: depth, operators: &operators))
        }
        return left
    }

    /// `unary (/\ unary)*`
    private mutating func parseConjunction(depth: Int, operators: inout Int) throws(LitmusError) -> ExprAST {
        var left = try parseUnary(depth: depth, operators: &operators)
        while current.kind == .and {
            try countOperator(&operators, at: advance().location)
            left = .and(left, try parseUnary(depth: depth, operators: &operators))
        }
        return left
    }

    /// `~ unary`, `( expr )` or an atom.
    private mutating func parseUnary(depth: Int, operators: inout Int) throws(LitmusError) -> ExprAST {
        switch current.kind {
        case .tilde:
            let tilde = advance()
            try countOperator(&operators, at: tilde.location)
            try checkNesting(depth + 1, at: tilde.location)
            return .not(try parseUnary(depth: depth + 1, operators: &operators))
        case .leftParen:
            let open = advance()
            try checkNesting(depth + 1, at: open.location)
            let inner = try parseDisjunction(depth: depth + 1, operators: &operators)
            guard current.kind == .rightParen else {
                throw failure(
                    "expected ')' to close the '(' at \(open.location.line):\(open.location.column)",
                    at: current.location
                )
            }
            advance()
            return inner
        default:
            return try parseAtom()
        }
    }

    /// `T:r=v`, `T:r!=v`, `x=v`, `x!=v`, `p(a, …)`, `true` or `false`.
    private mutating func parseAtom() throws(LitmusError) -> ExprAST {
        guard current.word != nil else {
            throw failure("expected a condition such as 'x=1', 'P0:r0=1' or 'done(P0)'", at: current.location)
        }
        let first = try takeWord("")
        switch current.kind {
        case .colon:
            advance()
            guard let name = current.word, Self.isRegisterName(name) else {
                throw failure("expected a register name after '\(first.value):'", at: current.location)
            }
            let register = try takeWord("")
            guard current.kind == .equals || current.kind == .notEquals else {
                throw failure("expected '=' or '!=' after '\(first.value):\(register.value)'", at: current.location)
            }
            let equals = advance().kind == .equals
            var value = try takeWord("expected a value after '\(equals ? "=" : "!=")'")
            // A snapshot byte may combine names: `ZERO|READ`.
            while current.kind == .bar, peek().word != nil, peek().location.line == current.location.line {
                advance()
                value = Located(value.value + "|" + (try takeWord("")).value, at: value.location)
            }
            return .atom(.register(thread: first, register: register, equals: equals, value: value))
        case .equals, .notEquals:
            let equals = advance().kind == .equals
            let value = try takeWord("expected a value after '\(equals ? "=" : "!=")'")
            return .atom(.memory(location: first, equals: equals, value: value))
        case .leftParen:
            let open = advance()
            var arguments: [Located<String>] = []
            while true {
                arguments.append(try takeWord("expected an argument after '\(arguments.isEmpty ? "(" : ",")'"))
                switch current.kind {
                case .comma:
                    advance()
                case .rightParen:
                    advance()
                    return .atom(.predicate(name: first, arguments: arguments))
                default:
                    throw failure(
                        "expected ',' or ')' to close the '(' at \(open.location.line):\(open.location.column)",
                        at: current.location
                    )
                }
            }
        default:
            switch first.value {
            case "true": return .constant(true)
            case "false": return .constant(false)
            default: throw failure("expected ':', '=', '!=' or '(' after '\(first.value)'", at: current.location)
            }
        }
    }

    /// A register name in a condition: an identifier, or `RESULT.faults` (a dmirror command's
    /// fault count).
    static func isRegisterName(_ word: String) -> Bool {
        if word.hasSuffix(".faults") { return isIdentifier(String(word.dropLast(".faults".count))) }
        return isIdentifier(word)
    }

    private func countOperator(_ operators: inout Int, at location: SourceLocation) throws(LitmusError) {
        operators += 1
        if operators > Self.maximumOperators {
            throw failure("the condition is too long (more than \(Self.maximumOperators) operators)", at: location)
        }
    }

    private func checkNesting(_ depth: Int, at location: SourceLocation) throws(LitmusError) {
        if depth > Self.maximumNesting {
            throw failure("the condition is nested too deeply (more than \(Self.maximumNesting) levels)", at: location)
        }
    }
}
