extension Parser {
    /// `Result: WORD` and `Expect: PROPERTY VERDICT` lines, up to the end of the file; those
    /// qualified with `[SELECTOR]` (for some variants only) come back apart.
    mutating func parseExpectations() throws(LitmusError) -> (all: [ExpectationAST], qualified: [VariantExpectationAST]) {
        var expectations: [ExpectationAST] = []
        var qualified: [VariantExpectationAST] = []
        while !current.isEndOfFile {
            guard let keyword = current.word, keyword == "Result" || keyword == "Expect",
                  [.colon, .leftBracket].contains(peek().kind) else {
                throw sectionFailure(expectationsStarted: !expectations.isEmpty || !qualified.isEmpty)
            }
            advance()
            var selector: SelectorAST?
            if current.kind == .leftBracket {
                selector = try parseSelector(closedBy: .rightBracket, opener: advance())
                guard current.kind == .colon, !startsNewLine(current) else {
                    throw failure("expected ':' after '\(keyword)[…]'", at: expectedLocation)
                }
            }
            advance()  // ':'
            let expectation = try parseExpectation(keyword)
            if let selector {
                qualified.append(VariantExpectationAST(selector: selector, expectation: expectation))
            } else {
                expectations.append(expectation)
            }
        }
        return (expectations, qualified)
    }

    /// The rest of a `Result:` or `Expect:` line, after the colon.
    private mutating func parseExpectation(_ keyword: String) throws(LitmusError) -> ExpectationAST {
        if keyword == "Result" {
            let outcome = try takeWordOnLine("expected an outcome after 'Result:' (Always, Sometimes or Never)")
            try expectEndOfLine(after: "the outcome")
            return .result(outcome)
        } else {
            let property = try takeWordOnLine("expected a property after 'Expect:', such as 'eventually' or 'no-freed-frame-access'")
            let verdict = try takeWordOnLine(
                "expected a verdict after '\(property.value)', such as 'holds' or 'violated'"
            )
            try expectEndOfLine(after: "the verdict")
            return .expect(property: property, verdict: verdict)
        }
    }

    /// The error for a token where a condition, an expectation or the end of the file belongs,
    /// suggesting the keyword it is a near miss of.
    func sectionFailure(expectationsStarted: Bool) -> LitmusError {
        let expected = expectationsStarted
            ? "expected an expectation (Result:, Expect:) or the end of the file"
            : "expected a condition (exists, ~exists, forall or eventually) or an expectation (Result:, Expect:)"
        guard let word = current.word else {
            if expectationsStarted, current.kind == .tilde {
                return failure("conditions must come before the expectations", at: current.location)
            }
            return failure(expected, at: current.location)
        }
        if expectationsStarted, ["exists", "forall", "eventually"].contains(word) {
            return failure("conditions must come before the expectations", at: current.location)
        }
        if word == "Result" || word == "Expect" {
            return failure("expected ':' after '\(word)'", at: current.end)
        }
        return failure(expected, at: current.location, suggestion: NearestWord.suggest(word, among: Self.sectionKeywords))
    }

    /// A word on the same line as the token before it.
    private mutating func takeWordOnLine(_ expectation: String) throws(LitmusError) -> Located<String> {
        guard current.word != nil, !startsNewLine(current) else {
            throw failure(expectation, at: expectedLocation)
        }
        return try takeWord(expectation)
    }

    /// Checks that nothing follows on the current line.
    private func expectEndOfLine(after what: String) throws(LitmusError) {
        guard current.isEndOfFile || startsNewLine(current) else {
            throw failure("expected the end of the line after \(what)", at: current.location)
        }
    }
}
