import ShootdownChecker

/// `threads` threads each increment a private counter `steps` times, then add it to a shared
/// total in one step. Private counter `t` is location `t`, the total is location `threads`.
///
/// The full state space has `(steps + 2)^threads` states (each thread is at one of `steps + 2`
/// program points and the total follows from which threads finished). Private increments are
/// independent of everything the other threads may still do, so partial-order reduction runs
/// the threads' increments one thread at a time and only interleaves the shared steps.
struct IndependentCounters: TransitionSystem {
    struct State: Hashable, Sendable {
        /// Each thread's program point: `0 ..< steps` before an increment, `steps` before the
        /// shared step, `steps + 1` done.
        var pc: SIMD8<UInt8> = .zero
        var total: UInt16 = 0
    }

    let threads: Int
    let steps: Int

    init(threads: Int, steps: Int) {
        precondition(threads <= 8 && steps < 250)
        self.threads = threads
        self.steps = steps
    }

    var initialStates: [State] { [State()] }
    var actorCount: Int { threads }
    /// Every step advances a program point or sets a flag for good.
    var isAcyclic: Bool { true }

    func enabledActions(in state: State, into actions: inout [Int]) {
        for thread in 0 ..< threads where Int(state.pc[thread]) <= steps {
            actions.append(thread)
        }
    }

    func successor(of state: State, via thread: Int) -> State {
        var next = state
        if Int(state.pc[thread]) == steps {
            next.total += UInt16(steps)
        }
        next.pc[thread] += 1
        return next
    }

    func footprint(of thread: Int, in state: State) -> Footprint {
        Int(state.pc[thread]) < steps
            ? Footprint(actor: thread, writes: [thread])
            : Footprint(actor: thread, reads: [threads], writes: [threads])
    }

    func futureFootprint(of thread: Int, in state: State) -> Footprint {
        switch Int(state.pc[thread]) {
        case ..<steps: Footprint(actor: thread, reads: [threads], writes: [thread, threads])
        case steps: Footprint(actor: thread, reads: [threads], writes: [threads])
        default: Footprint(actor: thread)
        }
    }

    /// The total never exceeds its final value (observes the total only).
    var totalBounded: Invariant<State> {
        let bound = threads * steps
        return Invariant("total bounded", observes: [threads]) { Int($0.total) <= bound }
    }

    /// Violated once two threads have added their counters.
    var atMostOneAdded: Invariant<State> {
        let steps = steps
        return Invariant("at most one added", observes: [threads]) { Int($0.total) <= steps }
    }

    /// Every execution ends with the full total.
    var fullTotal: FinalPredicate<State> {
        let bound = threads * steps
        return FinalPredicate("full total") { Int($0.total) == bound }
    }
}

/// Actor 0 cycles through three private program points forever; actor 1 can once raise a flag
/// that the invariant forbids. Every state lets actor 0's step alone be an ample set, so without
/// the cycle proviso the reduced graph would be actor 0's cycle only and would never raise the
/// flag.
struct IgnoredViolation: TransitionSystem {
    struct State: Hashable, Sendable {
        var spin = 0
        var raised = false
    }

    enum Step: Hashable, Sendable {
        case spin, raise
    }

    var initialStates: [State] { [State()] }
    var actorCount: Int { 2 }

    func enabledActions(in state: State, into actions: inout [Step]) {
        actions.append(.spin)
        if !state.raised {
            actions.append(.raise)
        }
    }

    func successor(of state: State, via step: Step) -> State {
        var next = state
        switch step {
        case .spin: next.spin = (state.spin + 1) % 3
        case .raise: next.raised = true
        }
        return next
    }

    func footprint(of step: Step, in state: State) -> Footprint {
        step == .spin ? Footprint(actor: 0, writes: [0]) : Footprint(actor: 1, writes: [1])
    }

    func futureFootprint(of actor: Int, in state: State) -> Footprint {
        if actor == 0 {
            return Footprint(actor: 0, writes: [0])
        }
        return state.raised ? Footprint(actor: 1) : Footprint(actor: 1, writes: [1])
    }

    static let neverRaised = Invariant<State>("never raised", observes: [1]) { !$0.raised }
}

/// `threads` identical threads each increment a shared counter `rounds` times, reading it into a
/// private register and writing the register plus one back as two steps. The threads are
/// interchangeable: the canonical state sorts their (program point, register) pairs.
struct SymmetricIncrement: TransitionSystem {
    struct Local: Hashable, Sendable, Comparable {
        /// Twice the rounds done, plus one between the read and the write.
        var pc = 0
        var register = 0

        static func < (lhs: Local, rhs: Local) -> Bool {
            (lhs.pc, lhs.register) < (rhs.pc, rhs.register)
        }
    }

    struct State: Hashable, Sendable {
        var x = 0
        var locals: [Local]
    }

    struct Step: Hashable, Sendable {
        var thread: Int
    }

    let threads: Int
    let rounds: Int

    var initialStates: [State] { [State(locals: Array(repeating: Local(), count: threads))] }
    var actorCount: Int { threads }
    /// Every step advances a program point or sets a flag for good.
    var isAcyclic: Bool { true }

    func enabledActions(in state: State, into actions: inout [Step]) {
        for thread in 0 ..< threads where state.locals[thread].pc < 2 * rounds {
            actions.append(Step(thread: thread))
        }
    }

    func successor(of state: State, via step: Step) -> State {
        var next = state
        let local = state.locals[step.thread]
        if local.pc % 2 == 0 {
            next.locals[step.thread].register = state.x
        } else {
            next.x = local.register + 1
        }
        next.locals[step.thread].pc += 1
        return next
    }

    func footprint(of step: Step, in state: State) -> Footprint {
        state.locals[step.thread].pc % 2 == 0
            ? Footprint(actor: step.thread, reads: [0])
            : Footprint(actor: step.thread, writes: [0])
    }

    func futureFootprint(of actor: Int, in state: State) -> Footprint {
        state.locals[actor].pc < 2 * rounds ? Footprint(actor: actor, reads: [0], writes: [0]) : Footprint(actor: actor)
    }

    func canonical(_ state: State) -> State {
        var canonical = state
        canonical.locals.sort()
        return canonical
    }

    /// The counter never exceeds the number of increments (observes the counter).
    var bounded: Invariant<State> {
        let bound = threads * rounds
        return Invariant("bounded", observes: [0]) { $0.x <= bound }
    }

    /// Violated as soon as the counter reaches 2.
    static let belowTwo = Invariant<State>("below two", observes: [0]) { $0.x < 2 }

    /// Every increment counted.
    var allCounted: FinalPredicate<State> {
        let bound = threads * rounds
        return FinalPredicate("all counted") { $0.x == bound }
    }
}

/// Two identical threads each step a private counter round `0, 1, 2` forever, or (thread whose
/// counter is 2 only) stop. The canonical state sorts the two counters, so a cycle of the
/// reduced graph may lift to a walk ending in the swapped state.
struct RotatingCounters: TransitionSystem {
    struct State: Hashable, Sendable {
        var counters: [Int] = [0, 0]
        var stopped = false
    }

    enum Step: Hashable, Sendable {
        case tick(Int), stop(Int)
    }

    var initialStates: [State] { [State(counters: [0, 1]), State(counters: [1, 0])] }

    func enabledActions(in state: State, into actions: inout [Step]) {
        guard !state.stopped else {
            return
        }
        for thread in 0 ..< 2 {
            actions.append(.tick(thread))
        }
        for thread in 0 ..< 2 where state.counters[thread] == 2 && state.counters[1 - thread] == 2 {
            actions.append(.stop(thread))
        }
    }

    func successor(of state: State, via step: Step) -> State {
        var next = state
        switch step {
        case .tick(let thread): next.counters[thread] = (state.counters[thread] + 1) % 3
        case .stop: next.stopped = true
        }
        return next
    }

    func footprint(of step: Step, in state: State) -> Footprint {
        switch step {
        case .tick(let thread): Footprint(actor: thread, writes: [thread])
        case .stop(let thread): Footprint(actor: thread, reads: [0, 1], writes: [2])
        }
    }

    func canonical(_ state: State) -> State {
        var canonical = state
        canonical.counters.sort()
        return canonical
    }

    static let stops = Eventually<State>("stops") { $0.stopped }
}

/// Two actors each raise their own flag once (locations 0 and 1). The raises are independent,
/// so without the visibility condition the reduced graph would raise flag 0 first and never see
/// the state where only flag 1 is raised.
struct TwoFlags: TransitionSystem {
    var initialStates: [[Bool]] { [[false, false]] }
    var actorCount: Int { 2 }
    /// Every step advances a program point or sets a flag for good.
    var isAcyclic: Bool { true }

    func enabledActions(in state: [Bool], into actions: inout [Int]) {
        for actor in 0 ..< 2 where !state[actor] {
            actions.append(actor)
        }
    }

    func successor(of state: [Bool], via actor: Int) -> [Bool] {
        var next = state
        next[actor] = true
        return next
    }

    func footprint(of actor: Int, in state: [Bool]) -> Footprint {
        Footprint(actor: actor, writes: [actor])
    }

    func futureFootprint(of actor: Int, in state: [Bool]) -> Footprint {
        state[actor] ? Footprint(actor: actor) : Footprint(actor: actor, writes: [actor])
    }

    /// Flag 1 is never raised before flag 0.
    static let inOrder = Invariant<[Bool]>("flag 1 after flag 0", observes: [0, 1]) { !$0[1] || $0[0] }
}

/// Two identical threads pass a token back and forth. Swapping the threads is a symmetry, and
/// the canonical state always gives the token to thread 0, so the reduced graph is a single
/// state with a self-loop, which lifts to a walk that needs two passes to close.
struct TokenPassing: TransitionSystem {
    var initialStates: [Int] { [0, 1] }

    func enabledActions(in owner: Int, into actions: inout [Int]) {
        actions.append(owner)
    }

    func successor(of owner: Int, via thread: Int) -> Int {
        1 - thread
    }

    func footprint(of thread: Int, in owner: Int) -> Footprint {
        Footprint(actor: thread, reads: [0], writes: [0])
    }

    func canonical(_ owner: Int) -> Int {
        0
    }

    static let never = Eventually<Int>("never") { _ in false }
}

/// Four actors each flip their own bit once (bits 0 to 3, locations 0 to 3). Actor 2 may flip
/// only while bits 0 and 1 are both clear, and bits 2 and 3 are observed. From the state where
/// only bit 0 is set, flipping bit 1 alone is an ample set; from the state where only bit 1 is
/// set, flipping bit 0 alone is one too, and leads to the same state, which the first one has
/// just stored: closing such a diamond in the next level cannot close a cycle, so it does not
/// call for full expansion.
struct DiamondClosing: TransitionSystem {
    var initialStates: [[Bool]] { [[false, false, false, false]] }
    var actorCount: Int { 4 }

    func enabledActions(in state: [Bool], into actions: inout [Int]) {
        for actor in 0 ..< 4 where !state[actor] && (actor != 2 || !state[0] && !state[1]) {
            actions.append(actor)
        }
    }

    func successor(of state: [Bool], via actor: Int) -> [Bool] {
        var next = state
        next[actor] = true
        return next
    }

    func footprint(of actor: Int, in state: [Bool]) -> Footprint {
        actor == 2 ? Footprint(actor: 2, reads: [0, 1], writes: [2]) : Footprint(actor: actor, writes: [actor])
    }

    func futureFootprint(of actor: Int, in state: [Bool]) -> Footprint {
        var enabled: [Int] = []
        enabledActions(in: state, into: &enabled)
        return enabled.contains(actor) ? footprint(of: actor, in: state) : Footprint(actor: actor)
    }

    /// Observes bits 2 and 3.
    static let observed = Invariant<[Bool]>("bits 2 and 3 not both set first", observes: [2, 3]) { !($0[2] && $0[3] && !$0[0]) }
}

/// `threads` threads each step a private counter round `0 ..< modulus` forever, and may once
/// move a shared token from 0 to their own number plus one (location `threads`). A thread's
/// counter steps are independent of every other thread, so they form ample sets, and going
/// round the cycle closes back onto states of earlier levels: the cycle proviso fully expands
/// many states, at every depth. The state space has `modulus^threads * (threads + 1)` states.
struct CyclingCounters: TransitionSystem {
    struct State: Hashable, Sendable {
        var counters: SIMD4<UInt8> = .zero
        var token: UInt8 = 0
    }

    let threads: Int
    let modulus: Int

    var initialStates: [State] { [State()] }
    var actorCount: Int { threads }
    var isAcyclic: Bool { false }

    /// Action `t` steps thread `t`'s counter; action `threads + t` takes the token for thread `t`.
    func enabledActions(in state: State, into actions: inout [Int]) {
        for thread in 0 ..< threads {
            actions.append(thread)
            if state.token == 0 {
                actions.append(threads + thread)
            }
        }
    }

    func successor(of state: State, via action: Int) -> State {
        var next = state
        if action < threads {
            next.counters[action] = UInt8((Int(state.counters[action]) + 1) % modulus)
        } else {
            next.token = UInt8(action - threads + 1)
        }
        return next
    }

    func footprint(of action: Int, in state: State) -> Footprint {
        action < threads
            ? Footprint(actor: action, writes: [action])
            : Footprint(actor: action - threads, reads: [threads], writes: [threads])
    }

    func futureFootprint(of thread: Int, in state: State) -> Footprint {
        Footprint(actor: thread, reads: [threads], writes: [thread, threads])
    }

    /// Violated once thread 1 holds the token while thread 0's counter is at its last value.
    var notLastWithToken: Invariant<State> {
        let last = UInt8(modulus - 1)
        return Invariant("not last with token", observes: [0, threads]) { !($0.token == 2 && $0.counters[0] == last) }
    }
}
