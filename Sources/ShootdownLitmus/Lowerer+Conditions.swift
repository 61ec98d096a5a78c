import ShootdownModel

extension Lowerer {
    static let predicates = ["done", "other_mm"]

    /// `other_mm(x, V)`: the copy of `x` another address space maps holds `V`. The page must
    /// be shared with one: declared `cow`, or forked.
    private func lowerOtherMM(_ name: Located<String>, _ arguments: [Located<String>]) throws(LitmusError) -> StatePredicate {
        guard arguments.count == 2 else {
            throw error("other_mm takes a page and a value, e.g. other_mm(x, 1)", at: name.location)
        }
        let page = try resolvePage(arguments[0])
        guard let value = arguments[1].integerValue, value >= 0 else {
            throw error("memory holds a non-negative integer, not '\(arguments[1].value)'", at: arguments[1].location)
        }
        let forked = threads.contains { $0.operations.contains(.kernel(.fork, page: page)) }
        guard pages[page].cowShared || forked else {
            throw error("page '\(arguments[0].value)' is shared with no other address space: declare it 'cow' or fork it",
                        at: arguments[0].location)
        }
        return .otherMM(page: page, value: value)
    }

    func lower(_ expression: ExprAST) throws(LitmusError) -> StatePredicate {
        switch expression {
        case let .constant(value): return .constant(value)
        case let .not(inner): return .not(try lower(inner))
        case let .and(left, right): return .and(try lower(left), try lower(right))
        case let .or(left, right): return .or(try lower(left), try lower(right))
        case let .atom(atom): return try lower(atom)
        }
    }

    private func lower(_ atom: AtomAST) throws(LitmusError) -> StatePredicate {
        switch atom {
        case let .register(threadWord, registerWord, equals, valueWord):
            let thread = try resolveThread(threadWord)
            let registers = threads[thread].registers
            guard let register = registers.firstIndex(of: registerWord.value) else {
                throw error("thread \(threadWord.value) has no register '\(registerWord.value)'", at: registerWord.location,
                            suggesting: registerWord.value, among: registers)
            }
            let value = try lowerRegisterValue(valueWord, register: registerWord, thread: thread)
            let atom = StatePredicate.register(thread: thread, register: register, value: value)
            return equals ? atom : .not(atom)
        case let .memory(pageWord, equals, valueWord):
            let page = try resolvePage(pageWord)
            guard let number = valueWord.integerValue else {
                throw error("memory holds an integer, not '\(valueWord.value)'", at: valueWord.location)
            }
            let atom = StatePredicate.memory(page: page, value: number)
            return equals ? atom : .not(atom)
        case let .predicate(name, arguments):
            guard Lowerer.predicates.contains(name.value) else {
                throw error("unknown predicate '\(name.value)' (known: \(Lowerer.predicates.joined(separator: ", ")))",
                            at: name.location, suggesting: name.value, among: Lowerer.predicates)
            }
            if name.value == "other_mm" { return try lowerOtherMM(name, arguments) }
            guard arguments.count == 1 else { throw error("done takes one thread, e.g. done(DEV0)", at: name.location) }
            return .done(thread: try resolveThread(arguments[0]))
        }
    }

    func lowerExpectations(hasFinal: Bool, hasLiveness: Bool) throws(LitmusError) -> Expectations {
        var expectations = Expectations()
        let properties = ["eventually"] + World.builtInInvariants.map(\.name)
        for expectation in ast.expectations {
            switch expectation {
            case let .result(word):
                let names = Observation.allCases.map(\.rawValue)
                guard let observation = Observation(rawValue: word.value) else {
                    throw error("a Result is Always, Sometimes or Never, not '\(word.value)'", at: word.location,
                                suggesting: word.value, among: names)
                }
                guard hasFinal else { throw error("Result: needs an exists, ~exists or forall condition", at: word.location) }
                guard expectations.observation == nil else { throw error("Result: is given twice", at: word.location) }
                expectations.observation = observation
            case let .expect(property, verdictWord):
                guard properties.contains(property.value) else {
                    throw error("unknown property '\(property.value)' (known: \(properties.joined(separator: ", ")))",
                                at: property.location, suggesting: property.value, among: properties)
                }
                if property.value == "eventually" && !hasLiveness {
                    throw error("Expect: eventually needs an 'eventually' condition", at: property.location)
                }
                guard let verdict = Verdict(rawValue: verdictWord.value) else {
                    throw error("a verdict is 'holds' or 'violated', not '\(verdictWord.value)'", at: verdictWord.location,
                                suggesting: verdictWord.value, among: Verdict.allCases.map(\.rawValue))
                }
                guard expectations.verdicts[property.value] == nil else {
                    throw error("'\(property.value)' is expected twice", at: property.location)
                }
                expectations.verdicts[property.value] = verdict
            }
        }
        return expectations
    }
}
