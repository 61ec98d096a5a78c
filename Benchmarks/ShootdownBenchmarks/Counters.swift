import ShootdownChecker

/// A synthetic system for benchmarking the checker alone: `counters` independent counters, each
/// counting from 0 up to `limit - 1`, one actor per counter. Every combination is reachable, so
/// it has `limit^counters` states and `counters * (limit - 1) * limit^(counters - 1)`
/// transitions, and every state but the last has several successors, some already stored (the
/// diamonds a real interleaving model is full of).
struct Counters: TransitionSystem {
    /// The counters, `bits` bits each, packed into one word.
    struct State: Hashable, Sendable {
        var packed: UInt64
    }

    /// Increment counter `index`.
    struct Action: Hashable, Sendable {
        var index: UInt8
    }

    let counters: Int
    let limit: Int
    let bits: Int

    init(counters: Int, limit: Int) {
        precondition(counters >= 1 && limit >= 2)
        var bits = 1
        while (1 << bits) < limit { bits += 1 }
        precondition(counters * bits <= 64, "the counters must fit in 64 bits")
        self.counters = counters
        self.limit = limit
        self.bits = bits
    }

    /// `limit^counters`.
    var stateCount: Int {
        (0 ..< counters).reduce(1) { product, _ in product * limit }
    }

    /// `counters * (limit - 1) * limit^(counters - 1)`.
    var transitionCount: Int {
        counters * (limit - 1) * stateCount / limit
    }

    @inline(__always)
    func value(_ index: Int, in state: State) -> Int {
        Int((state.packed >> UInt64(index * bits)) & ((1 << UInt64(bits)) - 1))
    }

    var initialStates: [State] { [State(packed: 0)] }

    func enabledActions(in state: State, into actions: inout [Action]) {
        for index in 0 ..< counters where value(index, in: state) < limit - 1 {
            actions.append(Action(index: UInt8(index)))
        }
    }

    func successor(of state: State, via action: Action) -> State {
        State(packed: state.packed + (1 << UInt64(Int(action.index) * bits)))
    }

    func footprint(of action: Action, in state: State) -> Footprint {
        let index = Int(action.index)
        return Footprint(actor: index, reads: LocationSet([index]), writes: LocationSet([index]))
    }

    /// Every counter at its top value: the only terminal state.
    func isDone(_ state: State) -> Bool {
        (0 ..< counters).allSatisfy { value($0, in: state) == limit - 1 }
    }

    /// The sum of the counters never exceeds its maximum (holds: it exercises the invariant path).
    var specification: Specification<State> {
        let maximum = counters * (limit - 1)
        let system = self
        return Specification(
            invariants: [
                Invariant("sum bounded") { state in
                    (0 ..< system.counters).reduce(0) { $0 + system.value($1, in: state) } <= maximum
                },
            ],
            finals: [FinalPredicate("all at top") { system.isDone($0) }]
        )
    }

    /// The same, plus `eventually all at top`, which makes the checker record the transition
    /// graph and run the weak-fairness liveness analysis on it.
    var livenessSpecification: Specification<State> {
        var specification = specification
        let system = self
        specification.eventualities.append(Eventually("all at top") { system.isDone($0) })
        return specification
    }
}
