/// A line stating what checking the scenario should find.
public enum ExpectationAST: Sendable, Equatable {
    /// `Result: WORD`: the herd-style observation of the final condition (such as `Never`).
    case result(Located<String>)
    /// `Expect: PROPERTY VERDICT`, such as `Expect: eventually violated`.
    case expect(property: Located<String>, verdict: Located<String>)
}
