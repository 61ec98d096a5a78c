import ShootdownModel

/// Everything a machine-readable report says about one scenario checked in one variant: the
/// configuration, the exploration's figures, every verdict beside its expectation, and the
/// executions that refute a property.
public struct ScenarioReport: Codable, Sendable, Equatable {
    /// The scenario's name and description, as the file's header gives them.
    public struct Identity: Codable, Sendable, Equatable {
        /// The name from the header line.
        public var name: String
        /// The one-line description, if the file has one.
        public var description: String?
    }

    /// The `.litmus` file, as named on the command line.
    public var file: String
    public var scenario: Identity
    /// The configuration the scenario was checked in.
    public var variant: VariantReport
    /// Figures about the search.
    public var exploration: ExplorationReport
    /// The `exists` / `~exists` / `forall` clause and its verdict; absent when the file has none.
    public var finalCondition: FinalConditionReport?
    /// Every built-in invariant's verdict.
    public var invariants: [InvariantReport]
    /// Every `eventually` clause's verdict.
    public var liveness: [LivenessReport]
    /// Every judged property: what the file expects beside what was found.
    public var expectations: [ExpectationReport]
    /// Every expectation held and the search was complete (or stopped at a violation and the
    /// settled verdicts met theirs); `shootdown check` exits 1 when this is false for a scenario.
    public var expectationsMet: Bool
    /// The executions that refute a property, and the witness of a satisfiable `exists`
    /// condition (empty with `--no-counterexamples`).
    public var traces: [TraceReport]
    /// With `--suggest`: the repair search (`docs/REPAIR.md`); absent otherwise.
    public var repairs: RepairReport?
}
