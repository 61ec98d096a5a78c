/// The final condition and herd7's verdict on it.
public struct FinalConditionReport: Codable, Sendable, Equatable {
    /// `exists`, `~exists` or `forall`.
    public var kind: String
    /// The condition's expression as written, without the quantifier.
    public var condition: String
    /// herd7's observation of the expression over the terminal states: `Always`, `Sometimes`
    /// or `Never`; absent when a stop at the first violation left it unsettled.
    public var observation: String?
    /// Whether the quantified condition is validated (herd7's `Ok`, `true`, or `No`, `false`);
    /// absent when unsettled.
    public var validated: Bool?
    /// Distinct terminal states where the expression holds.
    public var positive: Int
    /// Distinct terminal states where it does not.
    public var negative: Int
}

/// A built-in invariant's verdict.
public struct InvariantReport: Codable, Sendable, Equatable {
    /// The invariant's name (`shootdown list` names them).
    public var name: String
    /// `holds`, `violated`, or `unsettled` (after a stop at the first violation).
    public var verdict: String
}

/// An `eventually` clause's verdict.
public struct LivenessReport: Codable, Sendable, Equatable {
    /// The clause's condition as written.
    public var condition: String
    /// `holds` or `violated`.
    public var verdict: String
    /// When violated: `livelock` (a fair execution loops without it) or `terminal` (an
    /// execution ends without it).
    public var counterexample: String?
}

/// One judged property: the verdict beside what the file expects.
public struct ExpectationReport: Codable, Sendable, Equatable {
    /// `final`, `eventually`, or an invariant's name.
    public var property: String
    /// What the file expects (`Always`/`Sometimes`/`Never` for `final`, else `holds`/`violated`).
    public var expected: String
    /// What the check found, in the same words.
    public var actual: String
    /// `expected == actual`.
    public var met: Bool
    /// Whether the file states the expectation (`Result:` or `Expect:`); `false` for a built-in
    /// invariant expected to hold because the file does not mention it.
    public var stated: Bool
}
