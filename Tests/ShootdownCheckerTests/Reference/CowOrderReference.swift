import ShootdownChecker

/// The SPIN model `cow_order.pml` (scenario 1 of the SPIN anchor runs, "COW ordering, case B"
/// of Documentation/mm/mmu_notifier.rst), transcribed step for step as a ``TransitionSystem``,
/// so that the checker's counts can be compared with SPIN's.
///
/// `n` pages, each mapped read-only (COW) to an old frame holding 0. The processes, numbered as
/// SPIN's pids and used as actors:
/// - `Cow[p]`, actor `p` for `p` in `0 ..< n`: the COW write fault on page `p`, five steps;
/// - `Writer`, actor `n`: writes 1 to page 0, then page 1, ..., page `n - 1`, each through the
///   new mapping once it is visible;
/// - `Dev[d]`, actor `n + 1 + d` for `d` in `0 ..< 2`: reads page `n - 1`, then ..., page 0
///   through the device TLB;
/// - `DevTLBFill`, actor `n + 3`: fills any empty device-TLB entry from the page table, at any
///   time, forever (one control state; its choice is the page).
///
/// Every step below is one transition, exactly one Promela assignment or `d_step` of the model:
///
/// | process | step | guard | effect |
/// |---|---|---|---|
/// | Cow[p] | C1 lock | `ptl == 0` | `ptl = 1` |
/// | | C2 clear + CPU flush | | `pte[p] = NONE` |
/// | | C3 notify (policy (a): after C2; policy (b): after C5) | | `dtlb[p] = NONE` |
/// | | C4 set new PTE | | `pte[p] = NEW` |
/// | | C5 unlock | | `ptl = 0` |
/// | Writer | W_i, i = 0, 1, ..., n-1 | `pte[i] == NEW` | `newmem[i] = 1` |
/// | Dev[d] | R_i, i = n-1, ..., 0 | `dtlb[i] != NONE \|\| pte[i] != NONE` | fill `dtlb[i] = pte[i]` if it is NONE; read the frame `dtlb[i]` names; 1: `seen[d] = 1`, 0 after `seen[d]`: violation |
/// | DevTLBFill | F_i, any i | `dtlb[i] == NONE && pte[i] != NONE` | `dtlb[i] = pte[i]` |
///
/// `ptl` is one lock for every page, or one per page (``LockLayout``). Old frames are never
/// written, so they hold no state.
///
/// Counting conventions, for comparing with SPIN (`pan -DNOREDUCE`, exhaustive search):
/// - SPIN's `states stored` is the number of reachable states, the checker's
///   ``Statistics/states`` with no reduction and no symmetry;
/// - SPIN's `transitions` is `stored + matched`, which is `1 +` the number of edges of the
///   reachable graph (the initial state counts as reached by one transition); the checker's
///   ``Statistics/transitions`` is the number of edges, so it equals SPIN's `transitions - 1`;
/// - no process is ever deleted (`DevTLBFill` never ends), so SPIN adds no `-end-` transitions.
///
/// The violation: SPIN's `assert(!seen)` fails inside the read, and `pan -c0` then carries on as
/// if it had held. With ``ViolationRecording/sticky`` the failing read also sets a `violated`
/// bit that nothing clears, which ``noStaleRead`` checks; the states reached after a violation
/// then exist twice (with and without the bit), so the state space is larger than SPIN's `-c0`
/// one (2,340 states instead of 2,268 for policy (b), N = 2). With
/// ``ViolationRecording/unrecorded`` the read changes nothing beyond the model's own variables,
/// the state space is exactly SPIN's, and ``noReadAboutToFail`` tells the violation from the
/// state before the failing read (SPIN's error depth).
struct CowOrderReference: TransitionSystem {
    /// When the device TLB entry of the faulting page is invalidated.
    enum Policy: Sendable, Hashable, CustomStringConvertible {
        /// SPIN policy (a), the default: C1 C2 C3 C4 C5, the notifier runs under the PTL between
        /// clearing the PTE and setting the new one (`ptep_clear_flush_notify`).
        case underPTL
        /// SPIN policy (b), `-DPOLICY_B`: C1 C2 C4 C5 C3, the notifier runs only at range_end,
        /// after the new PTE is set and the PTL released.
        case atRangeEnd

        var description: String {
            switch self {
            case .underPTL: "(a) under PTL"
            case .atRangeEnd: "(b) at range_end"
            }
        }
    }

    /// How many page-table locks there are.
    enum LockLayout: Sendable, Hashable, CustomStringConvertible {
        /// One PTL for every page (the pages share a page-table page); SPIN's default.
        case shared
        /// One PTL per page; SPIN's `-DPTL_PER_PAGE`.
        case perPage

        var description: String {
            switch self {
            case .shared: "shared PTL"
            case .perPage: "PTL per page"
            }
        }
    }

    /// What a read that fails the assertion leaves behind.
    enum ViolationRecording: Sendable, Hashable {
        /// It sets the sticky `violated` bit (a state variable SPIN does not have).
        case sticky
        /// Nothing: the read proceeds as if the assertion had held (`pan -c0`).
        case unrecorded
    }

    /// One step of a COW fault.
    enum CowStep: Sendable {
        case lock, clear, notify, set, unlock
    }

    /// A PTE or device-TLB entry: cleared or invalid, the old frame, or the new frame.
    static let none: UInt64 = 0
    static let old: UInt64 = 1
    static let new: UInt64 = 2

    /// The global state, packed in two words.
    ///
    /// `low`: `pte[p]` in bits `2p ..< 2p + 2`, `dtlb[p]` in bits `20 + 2p ..< 22 + 2p`,
    /// `newmem[p]` in bit `40 + p`, lock `l` (`0` when shared, `p` per page) in bit `50 + l`,
    /// `seen[d]` in bit `60 + d`, `violated` in bit 62.
    ///
    /// `high`: `Cow[p]`'s program counter (0 ... 5, 5 when done) in bits `3p ..< 3p + 3`, the
    /// writer's (0 ... n) in bits `30 ..< 34`, `Dev[d]`'s (0 ... n) in bits `34 + 4d ..< 38 + 4d`.
    struct State: Hashable, Sendable, CustomStringConvertible {
        var low: UInt64
        var high: UInt64

        func pte(_ page: Int) -> UInt64 { low >> UInt64(2 * page) & 3 }
        func dtlb(_ page: Int) -> UInt64 { low >> UInt64(20 + 2 * page) & 3 }
        func newmem(_ page: Int) -> UInt64 { low >> UInt64(40 + page) & 1 }
        func lockHeld(_ lock: Int) -> Bool { low >> UInt64(50 + lock) & 1 != 0 }
        func seen(_ device: Int) -> Bool { low >> UInt64(60 + device) & 1 != 0 }
        var violated: Bool { low >> 62 & 1 != 0 }
        func cowPC(_ page: Int) -> Int { Int(truncatingIfNeeded: high >> UInt64(3 * page) & 7) }
        var writerPC: Int { Int(truncatingIfNeeded: high >> 30 & 15) }
        func devicePC(_ device: Int) -> Int { Int(truncatingIfNeeded: high >> UInt64(34 + 4 * device) & 15) }

        mutating func setPTE(_ page: Int, _ value: UInt64) { setLow(2 * page, width: 2, value) }
        mutating func setDTLB(_ page: Int, _ value: UInt64) { setLow(20 + 2 * page, width: 2, value) }
        mutating func setNewmem(_ page: Int) { low |= 1 << UInt64(40 + page) }
        mutating func setLock(_ lock: Int, held: Bool) { setLow(50 + lock, width: 1, held ? 1 : 0) }
        mutating func setSeen(_ device: Int) { low |= 1 << UInt64(60 + device) }
        mutating func setViolated() { low |= 1 << 62 }
        mutating func advanceCow(_ page: Int) { high += 1 << UInt64(3 * page) }
        mutating func advanceWriter() { high += 1 << 30 }
        mutating func advanceDevice(_ device: Int) { high += 1 << UInt64(34 + 4 * device) }

        mutating func setLow(_ shift: Int, width: Int, _ value: UInt64) {
            let mask: UInt64 = (1 << UInt64(width)) - 1
            low = low & ~(mask << UInt64(shift)) | value << UInt64(shift)
        }

        /// Every one of the ten page slots, used or not.
        var description: String {
            let entry = ["-", "O", "N", "?"]
            let pages = (0 ..< 10).map { page in
                "\(entry[Int(pte(page))])\(entry[Int(dtlb(page))])\(newmem(page))c\(cowPC(page))"
            }
            return "pages[pte dtlb newmem cow]=\(pages) locks=\(low >> 50 & 0x3FF) w=\(writerPC)"
                + " dev=\(devicePC(0)),\(devicePC(1)) seen=\(seen(0) ? 1 : 0)\(seen(1) ? 1 : 0)"
                + (violated ? " VIOLATED" : "")
        }
    }

    /// One step: the process (SPIN's pid, also the actor) and, for `DevTLBFill`, the page
    /// filled (0 for the other processes, which have one step enabled at most).
    struct Action: Hashable, Sendable, CustomStringConvertible {
        var process: UInt8
        var choice: UInt8

        var description: String { "pid \(process)/\(choice)" }
    }

    /// The number of pages, 2 ... 10.
    let n: Int
    let policy: Policy
    let locks: LockLayout
    let recording: ViolationRecording
    /// `Cow[p]`'s steps in order.
    let program: [CowStep]
    /// The position of the notify step in `program`.
    let notifyPC: Int
    /// `cowSteps[p][pc]`: the footprint of `Cow[p]`'s step at `pc < 5`.
    let cowSteps: [[Footprint]]
    /// `cowFutures[p][pc]`: the union of `Cow[p]`'s steps from `pc` (0 ... 5) on.
    let cowFutures: [[Footprint]]
    /// `writerFutures[pc]`: the union of the writer's steps from `pc` (0 ... n) on.
    let writerFutures: [Footprint]

    init(n: Int, policy: Policy = .underPTL, locks: LockLayout = .shared, recording: ViolationRecording = .sticky) {
        precondition((2 ... 10).contains(n), "2 ... 10 pages")
        self.n = n
        self.policy = policy
        self.locks = locks
        self.recording = recording
        program = policy == .underPTL ? [.lock, .clear, .notify, .set, .unlock] : [.lock, .clear, .set, .unlock, .notify]
        notifyPC = program.firstIndex(of: .notify)!
        let program = program
        cowSteps = (0 ..< n).map { page in
            let lock = Self.lockLocation(locks == .shared ? 0 : page)
            return program.map { step in
                switch step {
                case .lock: Footprint(actor: page, reads: [lock], writes: [lock])
                case .clear, .set: Footprint(actor: page, writes: [Self.pteLocation(page)])
                case .notify: Footprint(actor: page, writes: [Self.dtlbLocation(page)])
                case .unlock: Footprint(actor: page, writes: [lock])
                }
            }
        }
        cowFutures = cowSteps.enumerated().map { page, steps in
            (0 ... steps.count).map { pc in
                steps[pc...].reduce(Footprint(actor: page)) { Self.union($0, $1) }
            }
        }
        writerFutures = (0 ... n).map { pc in
            (pc ..< n).reduce(Footprint(actor: n)) { future, page in
                Self.union(future, Footprint(actor: n, reads: [Self.pteLocation(page)], writes: [Self.newmemLocation(page)]))
            }
        }
    }

    // MARK: Processes

    var writer: Int { n }
    func device(_ d: Int) -> Int { n + 1 + d }
    var filler: Int { n + 3 }
    var actorCount: Int { n + 4 }

    /// The lock `Cow[page]` takes.
    func lock(of page: Int) -> Int { locks == .shared ? 0 : page }

    /// The page `Dev[d]` reads next at program counter `pc < n`.
    func page(atDevicePC pc: Int) -> Int { n - 1 - pc }

    // MARK: Locations

    /// Abstract locations of footprints: `pte[p]`, `dtlb[p]`, `newmem[p]`, each lock, and the
    /// `violated` bit (the only location a property observes). `seen` and the program counters
    /// are local to their process.
    static func pteLocation(_ page: Int) -> Int { page }
    static func dtlbLocation(_ page: Int) -> Int { 10 + page }
    static func newmemLocation(_ page: Int) -> Int { 20 + page }
    static func lockLocation(_ lock: Int) -> Int { 30 + lock }
    static let violatedLocation = 40

    // MARK: Transition system

    var initialStates: [State] {
        var state = State(low: 0, high: 0)
        for page in 0 ..< n {
            state.setPTE(page, Self.old)
        }
        return [state]
    }

    func enabledActions(in state: State, into actions: inout [Action]) {
        for page in 0 ..< n {
            let pc = state.cowPC(page)
            if pc < program.count && !(program[pc] == .lock && state.lockHeld(lock(of: page))) {
                actions.append(Action(process: UInt8(page), choice: 0))
            }
        }
        let w = state.writerPC
        if w < n && state.pte(w) == Self.new {
            actions.append(Action(process: UInt8(writer), choice: 0))
        }
        for d in 0 ..< 2 {
            let pc = state.devicePC(d)
            if pc < n {
                let page = page(atDevicePC: pc)
                if state.dtlb(page) != Self.none || state.pte(page) != Self.none {
                    actions.append(Action(process: UInt8(device(d)), choice: 0))
                }
            }
        }
        for page in 0 ..< n where state.dtlb(page) == Self.none && state.pte(page) != Self.none {
            actions.append(Action(process: UInt8(filler), choice: UInt8(page)))
        }
    }

    func successor(of state: State, via action: Action) -> State {
        var next = state
        let process = Int(action.process)
        if process < n {
            let page = process
            switch program[state.cowPC(page)] {
            case .lock: next.setLock(lock(of: page), held: true)
            case .clear: next.setPTE(page, Self.none)
            case .notify: next.setDTLB(page, Self.none)
            case .set: next.setPTE(page, Self.new)
            case .unlock: next.setLock(lock(of: page), held: false)
            }
            next.advanceCow(page)
        } else if process == writer {
            next.setNewmem(state.writerPC)
            next.advanceWriter()
        } else if process == filler {
            let page = Int(action.choice)
            next.setDTLB(page, state.pte(page))
        } else {
            let d = process - n - 1
            let page = page(atDevicePC: state.devicePC(d))
            let entry = read(page, in: state)
            if entry != state.dtlb(page) {
                next.setDTLB(page, entry)
            }
            // Old frames hold 0 for ever; the new frame holds `newmem`.
            if entry == Self.new && state.newmem(page) == 1 {
                next.setSeen(d)
            } else if state.seen(d) && recording == .sticky {
                next.setViolated()
            }
            next.advanceDevice(d)
        }
        return next
    }

    /// The device-TLB entry a read of `page` uses: the cached one, or the PTE walked on a miss.
    func read(_ page: Int, in state: State) -> UInt64 {
        let cached = state.dtlb(page)
        return cached != Self.none ? cached : state.pte(page)
    }

    /// Whether `Dev[d]`'s next read is enabled and fails the assertion (reads 0 after a 1).
    func readFails(_ d: Int, in state: State) -> Bool {
        let pc = state.devicePC(d)
        guard pc < n && state.seen(d) else {
            return false
        }
        let entry = read(page(atDevicePC: pc), in: state)
        return entry != Self.none && !(entry == Self.new && state.newmem(page(atDevicePC: pc)) == 1)
    }

    // MARK: Footprints

    /// Whether `dtlb[page]` may still be filled, by `DevTLBFill` or by a device read, in an
    /// execution where actor `idle` (-1: none) takes no step: it is empty now, or `Cow[page]` may
    /// still take its notify step, the only step that empties it. Once it holds a frame and
    /// `Cow[page]` is past its notify step (or stands still), nothing changes it again.
    func mayFill(_ page: Int, in state: State, whileIdle idle: Int = -1) -> Bool {
        state.dtlb(page) == Self.none || (idle != page && state.cowPC(page) <= notifyPC)
    }

    func actor(of action: Action, in state: State) -> Int {
        Int(action.process)
    }

    func footprint(of action: Action, in state: State) -> Footprint {
        let process = Int(action.process)
        if process < n {
            return cowSteps[process][state.cowPC(process)]
        }
        if process == writer {
            var footprint = Footprint(actor: process)
            footprint.reads.insert(Self.pteLocation(state.writerPC))
            footprint.writes.insert(Self.newmemLocation(state.writerPC))
            return footprint
        }
        if process == filler {
            // The guards of every alternative that is or may become enabled are read.
            var reads = LocationSet()
            for page in 0 ..< n where mayFill(page, in: state) {
                reads.insert(Self.dtlbLocation(page))
                reads.insert(Self.pteLocation(page))
            }
            var writes = LocationSet()
            writes.insert(Self.dtlbLocation(Int(action.choice)))
            return Footprint(actor: process, reads: reads, writes: writes)
        }
        let d = process - n - 1
        let page = page(atDevicePC: state.devicePC(d))
        var reads = LocationSet()
        var writes = LocationSet()
        reads.insert(Self.dtlbLocation(page))
        // A hit neither reads the PTE nor depends on it to be enabled.
        if state.dtlb(page) == Self.none {
            reads.insert(Self.pteLocation(page))
            writes.insert(Self.dtlbLocation(page))
        }
        // The old frame is constant; only the new one is a location.
        if read(page, in: state) == Self.new {
            reads.insert(Self.newmemLocation(page))
        }
        if recording == .sticky && readFails(d, in: state) {
            writes.insert(Self.violatedLocation)
        }
        return Footprint(actor: process, reads: reads, writes: writes)
    }

    func futureFootprint(of actor: Int, in state: State) -> Footprint {
        futureFootprint(of: actor, in: state, whileIdle: -1)
    }

    /// The devices' and the filler's futures depend on whether the Cow that may empty an entry
    /// stands still.
    func futureDependsOnIdleActor(_ actor: Int) -> Bool {
        actor > writer
    }

    /// What `actor` may still touch in executions where actor `idle` (-1: any actor may move)
    /// takes no step.
    func futureFootprint(of actor: Int, in state: State, whileIdle idle: Int) -> Footprint {
        if actor < n {
            return cowFutures[actor][state.cowPC(actor)]
        }
        if actor == writer {
            return writerFutures[state.writerPC]
        }
        var future = Footprint(actor: actor)
        if actor == filler {
            for page in 0 ..< n where mayFill(page, in: state, whileIdle: idle) {
                future.reads.insert(Self.dtlbLocation(page))
                future.reads.insert(Self.pteLocation(page))
                future.writes.insert(Self.dtlbLocation(page))
            }
        } else if actor < filler {
            let d = actor - n - 1
            let pc = state.devicePC(d)
            for page in 0 ..< max(n - pc, 0) {
                future.reads.insert(Self.dtlbLocation(page))
                future.reads.insert(Self.newmemLocation(page))
                if mayFill(page, in: state, whileIdle: idle) {
                    future.reads.insert(Self.pteLocation(page))
                    future.writes.insert(Self.dtlbLocation(page))
                }
            }
            if pc < n && recording == .sticky {
                future.writes.insert(Self.violatedLocation)
            }
        }
        return future
    }

    /// The state graph has no cycle: ``progress(of:)`` grows along every step.
    var isAcyclic: Bool { true }

    /// Twice the sum of all program counters, plus the number of filled device-TLB entries.
    /// Every step but a fill advances one program counter (+2) and empties at most one entry
    /// (the notify step, -1); a fill, by `DevTLBFill` or within a read, fills one entry (+1).
    func progress(of state: State) -> Int {
        var sum = state.writerPC + state.devicePC(0) + state.devicePC(1)
        var filled = 0
        for page in 0 ..< n {
            sum += state.cowPC(page)
            filled += state.dtlb(page) == Self.none ? 0 : 1
        }
        return 2 * sum + filled
    }

    /// Everything `a` or `b` reads or writes, as `a`'s actor.
    static func union(_ a: Footprint, _ b: Footprint) -> Footprint {
        Footprint(actor: a.actor, reads: a.reads.union(b.reads), writes: a.writes.union(b.writes))
    }

    // MARK: Properties

    /// SPIN's `assert(!seen)`, through the sticky bit: no device read 0 after reading 1.
    static let noStaleRead = Invariant<State>("no stale read after a new one", observes: [violatedLocation]) {
        !$0.violated
    }

    /// The same assertion without the sticky bit: no device is about to take a read that fails
    /// it. Its shortest counterexample ends one step before the failing read (SPIN's error
    /// depth). It depends on program counters, which no location names, so it observes every
    /// location and turns partial-order reduction off.
    var noReadAboutToFail: Invariant<State> {
        let system = self
        return Invariant("no read about to fail") { state in
            !system.readFails(0, in: state) && !system.readFails(1, in: state)
        }
    }
}
