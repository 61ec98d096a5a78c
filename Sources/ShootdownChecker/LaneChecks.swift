/// The per-state checks run on every successor of a level, by the thread that expanded it: the
/// invariants not violated yet. A new state on which one fails is flagged by its storing lane,
/// and the exploring thread then runs the full bookkeeping (``Explorer/admit(_:at:)``) on it;
/// other states skip it. Because the checks are those still open when the level began, every
/// state the full bookkeeping would act on is flagged.
///
/// Final predicates' settled values (when they are decided early) are left to the exploring
/// thread: a client's predicate may walk shared reference-counted structures (an expression
/// tree), and two threads doing so at once write the same reference counts.
@usableFromInline
struct LaneChecks<State>: Sendable {
    /// Invariants to evaluate; a state on which one does not hold is flagged
    /// (``ChunkWork/flagSuccessors(with:)``).
    @usableFromInline var invariants: [@Sendable (State) -> Bool]

    /// No checks.
    @inlinable
    init() {
        invariants = []
    }
}

extension Explorer {
    /// The checks still open now, for the successors of the level about to be expanded.
    @inlinable
    var openChecks: LaneChecks<State> {
        var checks = LaneChecks<State>()
        for (number, invariant) in specification.invariants.enumerated() where firstViolation[number] < 0 {
            checks.invariants.append(invariant.holds)
        }
        return checks
    }
}
