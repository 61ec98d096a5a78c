/// Everything one run of ``Checker`` found.
public struct CheckResult<System: TransitionSystem>: Sendable {
    /// Figures about the exploration.
    public var statistics: Statistics
    /// One outcome per invariant, in specification order.
    public var invariants: [InvariantOutcome<System>]
    /// One outcome per final predicate, in specification order.
    public var finals: [FinalOutcome<System>]
    /// One outcome per eventuality, in specification order.
    public var eventualities: [LivenessOutcome<System>]
    /// `false` when the state limit stopped exploration early: violations found are real, but a
    /// property reported as holding may still fail in the unexplored part.
    public var isComplete: Bool
    /// `true` when ``CheckOptions/stopAtFirstViolation`` ended the search at a violation: that
    /// violation is real; every property not found violated is unsettled.
    public var stoppedAtViolation: Bool

    /// A result with the given parts.
    public init(
        statistics: Statistics,
        invariants: [InvariantOutcome<System>],
        finals: [FinalOutcome<System>],
        eventualities: [LivenessOutcome<System>],
        isComplete: Bool,
        stoppedAtViolation: Bool = false
    ) {
        self.stoppedAtViolation = stoppedAtViolation
        self.statistics = statistics
        self.invariants = invariants
        self.finals = finals
        self.eventualities = eventualities
        self.isComplete = isComplete
    }
}
