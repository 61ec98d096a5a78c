import ShootdownChecker

/// Two threads each increment a shared counter `x` (initially 0) by reading it into a private
/// `tmp` and writing `tmp + 1` back, as separate steps; optionally inside a lock.
struct Increment: TransitionSystem {
    enum Discipline: Sendable {
        /// No lock: read, write.
        case racy
        /// Atomic acquire: acquire, read, write, release.
        case locked
        /// Test-then-set as two steps: test, set, read, write, release.
        case brokenLock
    }

    enum Kind: Hashable, Sendable {
        case test, acquire, set, read, write, release
    }

    struct Step: Hashable, Sendable {
        var thread: Int
        var kind: Kind
    }

    struct State: Hashable, Sendable {
        var x = 0
        var pc = [0, 0]
        var tmp = [0, 0]
        var locked = false
    }

    let discipline: Discipline

    /// Each thread's program, one step per program counter value.
    var program: [Kind] {
        switch discipline {
        case .racy: [.read, .write]
        case .locked: [.acquire, .read, .write, .release]
        case .brokenLock: [.test, .set, .read, .write, .release]
        }
    }

    /// Program counter values where a thread is inside its critical section.
    var criticalSection: Set<Int> {
        switch discipline {
        case .racy: []
        case .locked: [1, 2, 3]
        case .brokenLock: [2, 3, 4]
        }
    }

    var initialStates: [State] { [State()] }

    func enabledActions(in state: State, into actions: inout [Step]) {
        let program = program
        for thread in 0 ..< 2 where state.pc[thread] < program.count {
            let kind = program[state.pc[thread]]
            if (kind == .acquire || kind == .test) && state.locked {
                continue
            }
            actions.append(Step(thread: thread, kind: kind))
        }
    }

    func successor(of state: State, via step: Step) -> State {
        var next = state
        let thread = step.thread
        switch step.kind {
        case .test: break
        case .acquire, .set: next.locked = true
        case .read: next.tmp[thread] = state.x
        case .write: next.x = state.tmp[thread] + 1
        case .release: next.locked = false
        }
        next.pc[thread] += 1
        return next
    }

    func footprint(of step: Step, in state: State) -> Footprint {
        switch step.kind {
        case .test: Footprint(actor: step.thread, reads: [1])
        case .acquire, .set, .release: Footprint(actor: step.thread, reads: [1], writes: [1])
        case .read: Footprint(actor: step.thread, reads: [0])
        case .write: Footprint(actor: step.thread, writes: [0])
        }
    }

    var actorCount: Int { 2 }

    /// What the rest of the thread's program touches.
    func futureFootprint(of thread: Int, in state: State) -> Footprint {
        var future = Footprint(actor: thread)
        for kind in program.dropFirst(state.pc[thread]) {
            let step = footprint(of: Step(thread: thread, kind: kind), in: state)
            future.reads.formUnion(step.reads)
            future.writes.formUnion(step.writes)
        }
        return future
    }

    /// The two threads run the same program: sort their (program counter, register) pairs.
    func canonical(_ state: State) -> State {
        guard (state.pc[1], state.tmp[1]) < (state.pc[0], state.tmp[0]) else {
            return state
        }
        var swapped = state
        swapped.pc.swapAt(0, 1)
        swapped.tmp.swapAt(0, 1)
        return swapped
    }
}

extension Increment {
    /// The final value is 2.
    static let bothCounted = FinalPredicate<State>("x == 2") { $0.x == 2 }

    /// At most one thread is in its critical section. Threads enter and leave their critical
    /// sections only by steps that write the lock (location 1).
    func mutualExclusion() -> Invariant<State> {
        let critical = criticalSection
        return Invariant("mutual exclusion", observes: [1]) { state in
            state.pc.filter { critical.contains($0) }.count <= 1
        }
    }
}
