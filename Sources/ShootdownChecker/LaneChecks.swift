/// The per-state checks a storing lane runs on every new state, on whatever thread it runs: the
/// invariants not violated yet. A state on which one fails is flagged, and the exploring thread
/// then runs the full bookkeeping (``Explorer/admit(_:at:)``) on it; other states skip it.
/// Because the checks are those still open when the level began, every state the full
/// bookkeeping would act on is flagged.
///
/// Final predicates' settled values (when they are decided early) are left to the exploring
/// thread: a client's predicate may walk shared reference-counted structures (an expression
/// tree), and two threads doing so at once write the same reference counts.
@usableFromInline
struct LaneChecks<State>: Sendable {
    /// Invariants to evaluate.
    @usableFromInline var invariants: [@Sendable (State) -> Bool]

    /// No checks.
    @inlinable
    init() {
        invariants = []
    }

    /// The same checks through closures of the copy's own, for one thread. Calling a closure
    /// kept in an array retains its context for the call, so threads calling one shared closure
    /// would all write its reference count, once per state; a closure that only calls another
    /// does not retain the one it calls.
    @inlinable
    func replica() -> LaneChecks {
        var copy = LaneChecks()
        copy.invariants = invariants.map { holds in { @Sendable state in holds(state) } }
        return copy
    }

    /// Whether `state` needs the full bookkeeping: an invariant fails.
    @inlinable
    func flags(_ state: State) -> Bool {
        for holds in invariants where !holds(state) {
            return true
        }
        return false
    }
}

extension Explorer {
    /// The checks still open now, for the lanes of the level about to be expanded.
    @inlinable
    var openChecks: LaneChecks<State> {
        var checks = LaneChecks<State>()
        for (number, invariant) in specification.invariants.enumerated() where firstViolation[number] < 0 {
            checks.invariants.append(invariant.holds)
        }
        return checks
    }
}
