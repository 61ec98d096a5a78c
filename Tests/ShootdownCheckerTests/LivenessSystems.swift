import ShootdownChecker

/// Two threads that each raise a flag, check the other's, and politely lower theirs and retry
/// when both are raised; whoever sees the other's flag down is done. Optionally a third actor,
/// an arbiter, can once grant thread 0 priority: thread 1 then stops raising its flag.
struct PoliteThreads: TransitionSystem {
    enum Step: Hashable, Sendable {
        case raise(Int), check(Int), lower(Int), grant
    }

    struct State: Hashable, Sendable {
        /// 0: about to raise, 1: about to check, 2: about to lower, 3: done.
        var pc = [0, 0]
        var flag = [false, false]
        var granted = false
    }

    let hasArbiter: Bool

    var initialStates: [State] { [State()] }

    func enabledActions(in state: State, into actions: inout [Step]) {
        for thread in 0 ..< 2 {
            switch state.pc[thread] {
            case 0 where !(thread == 1 && state.granted): actions.append(.raise(thread))
            case 1: actions.append(.check(thread))
            case 2: actions.append(.lower(thread))
            default: break
            }
        }
        if hasArbiter && !state.granted {
            actions.append(.grant)
        }
    }

    func successor(of state: State, via step: Step) -> State {
        var next = state
        switch step {
        case .raise(let thread):
            next.flag[thread] = true
            next.pc[thread] = 1
        case .check(let thread):
            next.pc[thread] = state.flag[1 - thread] ? 2 : 3
        case .lower(let thread):
            next.flag[thread] = false
            next.pc[thread] = 0
        case .grant:
            next.granted = true
        }
        return next
    }

    /// Flags are locations 0 and 1, the grant 2, "someone done" 3 (written by the check that
    /// finishes); thread 1's raise is guarded by the grant.
    func footprint(of step: Step, in state: State) -> Footprint {
        switch step {
        case .raise(let thread): Footprint(actor: thread, reads: thread == 1 ? [2] : [], writes: [thread])
        case .lower(let thread): Footprint(actor: thread, writes: [thread])
        case .check(let thread): Footprint(actor: thread, reads: [1 - thread], writes: state.flag[1 - thread] ? [] : [3])
        case .grant: Footprint(actor: 2, writes: [2])
        }
    }

    var actorCount: Int { hasArbiter ? 3 : 2 }

    func futureFootprint(of actor: Int, in state: State) -> Footprint {
        switch actor {
        case 2: state.granted ? Footprint(actor: 2) : Footprint(actor: 2, writes: [2])
        default: state.pc[actor] == 3 ? Footprint(actor: actor) : Footprint(actor: actor, reads: [1 - actor, 2], writes: [actor, 3])
        }
    }

    /// Without the arbiter the two threads are interchangeable: sort their (pc, flag) pairs.
    func canonical(_ state: State) -> State {
        guard !hasArbiter, (state.pc[1], state.flag[1] ? 1 : 0) < (state.pc[0], state.flag[0] ? 1 : 0) else {
            return state
        }
        var swapped = state
        swapped.pc.swapAt(0, 1)
        swapped.flag.swapAt(0, 1)
        return swapped
    }

    static let someoneDone = Eventually<State>("someone done", observes: [3]) { $0.pc.contains(3) }
}

/// A device retries an access (a self-loop: the state does not change) until a fixer thread
/// sets the flag it needs; then it completes.
struct DeviceRetry: TransitionSystem {
    enum Step: Hashable, Sendable {
        case retry, complete, fix
    }

    struct State: Hashable, Sendable {
        var fixed = false
        var done = false
    }

    var initialStates: [State] { [State()] }

    func enabledActions(in state: State, into actions: inout [Step]) {
        if !state.done {
            actions.append(state.fixed ? .complete : .retry)
        }
        if !state.fixed {
            actions.append(.fix)
        }
    }

    func successor(of state: State, via step: Step) -> State {
        var next = state
        switch step {
        case .retry: break
        case .complete: next.done = true
        case .fix: next.fixed = true
        }
        return next
    }

    /// The fix flag is location 0, completion location 1.
    func footprint(of step: Step, in state: State) -> Footprint {
        switch step {
        case .fix: Footprint(actor: 1, writes: [0])
        case .retry: Footprint(actor: 0, reads: [0])
        case .complete: Footprint(actor: 0, reads: [0], writes: [1])
        }
    }

    var actorCount: Int { 2 }

    func futureFootprint(of actor: Int, in state: State) -> Footprint {
        if actor == 1 {
            return state.fixed ? Footprint(actor: 1) : Footprint(actor: 1, writes: [0])
        }
        return state.done ? Footprint(actor: 0) : Footprint(actor: 0, reads: [0], writes: [1])
    }

    static let completes = Eventually<State>("device completes", observes: [1]) { $0.done }
}

/// Two threads taking two locks in opposite orders, then releasing them.
struct LockOrder: TransitionSystem {
    struct State: Hashable, Sendable {
        var pc = [0, 0]
        /// The owner of each lock, or -1.
        var owner = [-1, -1]
    }

    /// Thread `t` takes lock `order[t][0]`, then `order[t][1]`, releases them in reverse order.
    let order = [[0, 1], [1, 0]]

    var initialStates: [State] { [State()] }

    func enabledActions(in state: State, into actions: inout [Int]) {
        for thread in 0 ..< 2 {
            switch state.pc[thread] {
            case 0, 1:
                if state.owner[order[thread][state.pc[thread]]] == -1 {
                    actions.append(thread)
                }
            case 2, 3:
                actions.append(thread)
            default: break
            }
        }
    }

    func successor(of state: State, via thread: Int) -> State {
        var next = state
        switch state.pc[thread] {
        case 0, 1: next.owner[order[thread][state.pc[thread]]] = thread
        case 2: next.owner[order[thread][1]] = -1
        default: next.owner[order[thread][0]] = -1
        }
        next.pc[thread] += 1
        return next
    }

    func footprint(of thread: Int, in state: State) -> Footprint {
        Footprint(actor: thread, reads: [0, 1], writes: [0, 1])
    }

    var actorCount: Int { 2 }

    func futureFootprint(of thread: Int, in state: State) -> Footprint {
        state.pc[thread] < 4 ? Footprint(actor: thread, reads: [0, 1], writes: [0, 1]) : Footprint(actor: thread)
    }

    /// Every step writes the locks, so any location set containing them is a valid observation.
    static let bothDone = Eventually<State>("both done", observes: [0, 1]) { $0.pc == [4, 4] }
}
