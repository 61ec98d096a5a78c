/// The per-state checks a storing lane runs on every new state, on whatever thread it runs:
/// the invariants not violated yet and, when final predicates are decided early, their settled
/// values. A state on which one of them reports a violation is flagged, and the exploring
/// thread then runs the full bookkeeping (``Explorer/admit(_:at:)``) on it; other states skip
/// it. Because the checks are those still open when the level began, every state the full
/// bookkeeping would act on is flagged.
@usableFromInline
struct LaneChecks<State>: Sendable {
    /// Invariants to evaluate.
    @usableFromInline var invariants: [@Sendable (State) -> Bool]
    /// Settled values of final predicates to evaluate, with the value that violates each.
    @usableFromInline var settled: [(value: @Sendable (State) -> Bool?, violating: Bool)]

    /// No checks.
    @inlinable
    init() {
        invariants = []
        settled = []
    }

    /// Whether `state` needs the full bookkeeping: an invariant fails, or a final predicate is
    /// settled to its violating value.
    @inlinable
    func flags(_ state: State) -> Bool {
        for holds in invariants where !holds(state) {
            return true
        }
        for final in settled where final.value(state) == final.violating {
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
        if decidesEarly {
            for final in specification.finals {
                if let settled = final.settled, let violating = final.violatingValue {
                    checks.settled.append((settled, violating))
                }
            }
        }
        return checks
    }
}
