import ShootdownChecker

/// `writers` actors each write their own location once (actor `w` writes location `w`), and one
/// more actor (number `writers`) reads all those locations once, into its register. The writers
/// are independent of each other, but each conflicts with the reader's future and the reader with
/// each of them, so no ample set exists before the reader has read: every such state is fully
/// expanded, and only sleep sets keep the writers' diamonds from being explored both ways.
///
/// The state is one bit per actor (done or not) and the register (the writers done when the
/// reader read). Every step sets a bit for good, so the system is acyclic, and every state is
/// reached after as many steps as it has bits set, so no transition closes onto an earlier level.
struct WritersAndReader: TransitionSystem {
    struct State: Hashable, Sendable {
        var done: UInt16 = 0
        var register: UInt16 = 0
    }

    let writers: Int

    var initialStates: [State] { [State()] }
    var actorCount: Int { writers + 1 }
    var isAcyclic: Bool { true }

    func enabledActions(in state: State, into actions: inout [Int]) {
        for actor in 0 ... writers where state.done & (1 << actor) == 0 {
            actions.append(actor)
        }
    }

    func successor(of state: State, via actor: Int) -> State {
        var next = state
        if actor == writers {
            next.register = state.done
        }
        next.done |= 1 << actor
        return next
    }

    func footprint(of actor: Int, in state: State) -> Footprint {
        actor == writers
            ? Footprint(actor: actor, reads: LocationSet(0 ..< writers))
            : Footprint(actor: actor, writes: [actor])
    }

    func futureFootprint(of actor: Int, in state: State) -> Footprint {
        state.done & (1 << actor) == 0 ? footprint(of: actor, in: state) : Footprint(actor: actor)
    }

    /// Every terminal state: its register tells which writers came before the reader, so the
    /// terminal states are the `2^writers` orders the reader can see.
    static let readerDone = FinalPredicate<State>("reader done") { _ in true }

    /// The reader never sees every writer done (observes nothing the writers write, so it does
    /// not constrain the reduction; violated when the reader reads last).
    var readerEarly: FinalPredicate<State> {
        let all = UInt16((1 << writers) - 1)
        return FinalPredicate("reader not last") { $0.register != all }
    }
}

/// Actor 0 reaches its end either in one step (`jump`) or in two (`step`, `step`); actor 1 takes
/// one independent step. The system is acyclic, but the state after actor 0's jump is reached
/// again one level later through its two steps: sleep sets must then be withdrawn.
struct Shortcut: TransitionSystem {
    struct State: Hashable, Sendable {
        var position = 0
        var other = false
    }

    enum Step: Hashable, Sendable {
        case jump, step, other
    }

    var initialStates: [State] { [State()] }
    var actorCount: Int { 2 }
    var isAcyclic: Bool { true }

    func enabledActions(in state: State, into actions: inout [Step]) {
        if state.position == 0 {
            actions.append(.jump)
        }
        if state.position < 2 {
            actions.append(.step)
        }
        if !state.other {
            actions.append(.other)
        }
    }

    func successor(of state: State, via step: Step) -> State {
        var next = state
        switch step {
        case .jump: next.position = 2
        case .step: next.position += 1
        case .other: next.other = true
        }
        return next
    }

    func footprint(of step: Step, in state: State) -> Footprint {
        step == .other ? Footprint(actor: 1, writes: [1]) : Footprint(actor: 0, writes: [0])
    }

    func futureFootprint(of actor: Int, in state: State) -> Footprint {
        if actor == 0 {
            return state.position < 2 ? Footprint(actor: 0, writes: [0]) : Footprint(actor: 0)
        }
        return state.other ? Footprint(actor: 1) : Footprint(actor: 1, writes: [1])
    }

    /// Observes actor 1's location, so that actor 1's step is never an ample set.
    static let seen = Invariant<State>("other seen", observes: [1]) { _ in true }
}
