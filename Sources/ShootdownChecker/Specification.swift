/// Everything a run of ``Checker`` judges: invariants, final predicates and eventualities.
public struct Specification<State>: Sendable {
    /// Checked on every reached state.
    public var invariants: [Invariant<State>]
    /// Evaluated on every terminal state.
    public var finals: [FinalPredicate<State>]
    /// Liveness properties; when empty, the checker records no transition graph.
    public var eventualities: [Eventually<State>]

    /// A specification made of the given properties.
    public init(
        invariants: [Invariant<State>] = [],
        finals: [FinalPredicate<State>] = [],
        eventualities: [Eventually<State>] = []
    ) {
        self.invariants = invariants
        self.finals = finals
        self.eventualities = eventualities
    }
}
