/// Breadth-first exhaustive exploration of a ``TransitionSystem``, level by level.
///
/// States are stored once, in breadth-first order, in a ``VisitedStore`` (full states, or only
/// fingerprints); each non-initial state keeps its parent's index and the action that reached it
/// (or, with fingerprints, that action's position among the parent's enabled actions), so the
/// path to any state is a shortest one. Depth is not stored per state: because states are
/// numbered in breadth-first order, the states of depth `d` are the index range
/// `levelStart[d] ..< levelStart[d + 1]`.
///
/// Invariants are evaluated on every new state, final predicates on every terminal state. When
/// the specification has eventualities, the explorer also records the transition graph (with the
/// action of each edge alongside) for liveness analysis.
///
/// Each level is cut into chunks of consecutive states. A chunk is expanded first (successors,
/// ample sets, canonical forms and hashes, by an ``Expander``, possibly on helper threads of a
/// ``ChunkPool``), then the table memory its lookups will touch is prefetched, and only then are
/// its successors looked up and stored, in order, on the exploring thread. Numbering, parents and
/// every reported path are exactly those of expanding one state at a time on one thread, whatever
/// the number of threads; the chunks only let cache misses overlap and expansion run in parallel.
///
/// Partial-order reduction's cycle proviso (C3) is decided while storing: a state expanded
/// through an ample set one of whose successors was already stored before the expansion of the
/// state's level began is fully expanded at once (its other successors are generated and stored
/// right after). That is enough to keep every action from being postponed forever around a
/// cycle. In any cycle of the reduced graph, take a state of least depth: its predecessor on
/// the cycle is at least as deep, and every state of a depth is stored before the expansion of
/// that depth begins, so when the predecessor was expanded, its edge into that state closed onto
/// a state stored before its level's expansion began; an ample edge would have made the
/// predecessor fully expanded, and any other edge means it already was. Every cycle therefore
/// contains a fully expanded state. (In particular, fully expanding whenever an ample successor
/// is already stored at all would also be enough; successors rediscovered in the next level,
/// such as the far corner of a diamond of independent steps, cannot close a cycle onto a state
/// of least depth, so they do not count, which keeps most ample sets.) With fingerprints, the
/// next level's fingerprints are kept in a separate table to tell the two cases apart. Because
/// storing happens in frontier order on one thread, all of this is the same for every thread
/// count.
///
/// The explorer is inlinable so that it is specialised for the client's concrete system.
@usableFromInline
struct Explorer<System: TransitionSystem, Store: VisitedStore> where Store.State == System.State {
    @usableFromInline typealias State = System.State
    @usableFromInline typealias Action = System.Action

    /// The system explored.
    @usableFromInline let system: System
    /// The properties judged.
    @usableFromInline let specification: Specification<State>
    /// The options of the run.
    @usableFromInline let options: CheckOptions
    /// What the run actually does.
    @usableFromInline let plan: ExplorationPlan
    /// Generates successors, on this thread and on helpers.
    @usableFromInline let expander: Expander<System>
    /// The clock timing the run.
    @usableFromInline let clock: ContinuousClock
    /// When the run started.
    @usableFromInline let start: ContinuousClock.Instant

    /// The visited states.
    @usableFromInline var store: Store
    /// The parent of each state; -1 for initial states.
    @usableFromInline var parents: SegmentedArray<Int32>
    /// With exact storage, the action reaching state `i`, stored at `i - initialCount` (initial
    /// states have none).
    @usableFromInline var reachingActions: SegmentedArray<Action>
    /// With fingerprint storage, the position of that action among the parent's enabled
    /// actions, stored at `i - initialCount`; 255 means "see `largeOrdinals`".
    @usableFromInline var reachingOrdinals: SegmentedArray<UInt8>
    /// Positions of 255 and more, by state index.
    @usableFromInline var largeOrdinals: [Int: UInt32]
    /// For each initial state (index), the position in `system.initialStates` it comes from.
    @usableFromInline var initialOrigins: [Int]
    /// The first index of each breadth-first depth.
    @usableFromInline var levelStart: [Int]
    /// The number of distinct initial states; they are states `0 ..< initialCount`.
    @usableFromInline var initialCount: Int
    /// The number of states whose successors were all generated.
    @usableFromInline var expandedCount: Int
    /// Transitions explored, including those to states already stored.
    @usableFromInline var transitions: Int
    /// Expanded states with no enabled action.
    @usableFromInline var terminalCount: Int
    /// Whether exploration reached every reachable state.
    @usableFromInline var isComplete: Bool
    /// Set when a violation ends the search (``CheckOptions/stopAtFirstViolation``).
    @usableFromInline var stoppedAtViolation: Bool
    /// Whether final predicates are decided on stored states before the terminal states
    /// (stopping at the first violation, in an acyclic system).
    @usableFromInline var decidesEarly: Bool
    /// States expanded through a proper ample subset.
    @usableFromInline var ampleStates: Int
    /// States fully expanded by the cycle proviso.
    @usableFromInline var provisoExpansions: Int

    /// Per invariant, the first (so shallowest) violating state, or -1.
    @usableFromInline var firstViolation: [Int]
    /// The number of invariants not violated yet; once violated, an invariant is not evaluated
    /// again (its first violation is the shortest).
    @usableFromInline var openInvariants: Int
    /// Per final predicate, how many terminal states satisfy it.
    @usableFromInline var finalSatisfied: [Int]
    /// Per final predicate, how many terminal states do not satisfy it.
    @usableFromInline var finalUnsatisfied: [Int]
    /// Per final predicate, the first terminal state satisfying it, or -1.
    @usableFromInline var finalWitness: [Int]
    /// Per final predicate, the first terminal state not satisfying it, or -1.
    @usableFromInline var finalCounterexample: [Int]

    /// Whether the transition graph is recorded.
    @usableFromInline let recordsGraph: Bool
    /// The transition graph, when recorded.
    @usableFromInline var graph: TransitionGraph
    /// The action of each recorded edge.
    @usableFromInline var edgeActions: [Action]

    /// The states of the level being expanded, held in full when the store does not keep them
    /// or when helper threads read them (see `holdsLevel`).
    @usableFromInline var levelStates: [State]
    /// The index of the first state of the level being expanded.
    @usableFromInline var levelBase: Int
    /// The states of the next level, collected as they are stored, when `holdsLevel`.
    @usableFromInline var nextStates: [State]
    /// The most bytes held at once by `levelStates`, `nextStates` and `nextLevelKeys`.
    @usableFromInline var frontierBytes: Int
    /// The index of the first state of the next level (the number of states stored when the
    /// expansion of the current level began).
    @usableFromInline var nextLevelBase: Int
    /// Under partial-order reduction with fingerprints, the fingerprints of the next level's
    /// states, to tell a successor stored in this level's expansion from an older one.
    @usableFromInline var nextLevelKeys: FingerprintTable

    /// The number of stored states at which `progress` is next called.
    @usableFromInline var nextProgress: Int
    /// Accumulates the words read by the store's prefetch, so those loads are kept.
    @usableFromInline var touched: UInt64

    /// An explorer that has stored nothing yet.
    @inlinable
    init(
        system: System,
        specification: Specification<State>,
        options: CheckOptions,
        plan: ExplorationPlan,
        clock: ContinuousClock,
        start: ContinuousClock.Instant
    ) {
        self.system = system
        self.specification = specification
        self.options = options
        self.plan = plan
        expander = Expander(system: system, plan: plan)
        self.clock = clock
        self.start = start
        store = Store()
        parents = SegmentedArray()
        reachingActions = SegmentedArray()
        reachingOrdinals = SegmentedArray()
        largeOrdinals = [:]
        initialOrigins = []
        levelStart = []
        initialCount = 0
        expandedCount = 0
        transitions = 0
        terminalCount = 0
        isComplete = true
        stoppedAtViolation = false
        decidesEarly = options.stopAtFirstViolation && system.isAcyclic && !plan.recordsGraph
            && specification.finals.contains { $0.settled != nil && $0.violatingValue != nil }
        ampleStates = 0
        provisoExpansions = 0
        firstViolation = Array(repeating: -1, count: specification.invariants.count)
        openInvariants = specification.invariants.count
        finalSatisfied = Array(repeating: 0, count: specification.finals.count)
        finalUnsatisfied = finalSatisfied
        finalWitness = Array(repeating: -1, count: specification.finals.count)
        finalCounterexample = finalWitness
        recordsGraph = plan.recordsGraph
        graph = TransitionGraph()
        edgeActions = []
        levelStates = []
        levelBase = 0
        nextStates = []
        frontierBytes = 0
        nextLevelBase = 0
        nextLevelKeys = FingerprintTable(capacity: 16)
        nextProgress = options.progress != nil && options.progressInterval > 0 ? options.progressInterval : Int.max
        touched = 0
    }

    /// The number of stored states.
    @inlinable
    var stateCount: Int { store.count }

    /// The largest depth of a stored state, 0 when nothing is stored.
    @inlinable
    var maxDepth: Int { max(levelStart.count - 1, 0) }

    /// Whether each level's states are also collected in `levelStates` (from `nextStates`), rather
    /// than read from the store: when the store keeps no states, and when helper threads read
    /// them (the store's own array grows while they read).
    @inlinable
    var holdsLevel: Bool { !Store.keepsStates || plan.threads > 1 }

    /// Explores until every reachable state is expanded or the state limit is hit.
    @inlinable
    mutating func run() {
        let limit = min(options.stateLimit ?? Int.max, Int(Int32.max))
        storeInitialStates(limit: limit)
        initialCount = store.count
        if stoppedAtViolation {
            isComplete = false
        }
        if !isComplete {
            return
        }

        var pool: ChunkPool<System>?
        if plan.threads > 1 {
            let started = ChunkPool(expander: expander, window: 4 * plan.threads + 4)
            started.start(helpers: plan.threads - 1)
            pool = started
        }
        defer { pool?.finish() }

        // Buffers reused for every chunk: no allocation per state once they have grown.
        var scratch = expander.makeScratch()
        var expansion = Expansion<System>()
        var rest = Expansion<System>()
        let chunkStates = pool == nil ? Self.batchStates : Self.parallelChunkStates
        var depth = 0
        var begin = 0
        levels: while begin < store.count {
            let end = store.count
            levelBase = begin
            nextLevelBase = end
            if plan.reduces && !Store.keepsStates {
                nextLevelKeys.removeAll()
            }
            if holdsLevel {
                swap(&levelStates, &nextStates)
                nextStates.removeAll(keepingCapacity: true)
            }
            let chunkCount: Int
            if let pool {
                chunkCount = pool.begin(level: levelStates, chunkSize: chunkStates)
            } else {
                chunkCount = (end - begin + chunkStates - 1) / chunkStates
            }
            for chunk in 0 ..< chunkCount {
                let first = begin + chunk * chunkStates
                let sources = first ..< min(first + chunkStates, end)
                if let pool {
                    pool.recycle(&expansion)
                    expansion = pool.take(chunk, scratch: &scratch)
                } else {
                    expansion.removeAll()
                    expand(sources, into: &expansion, scratch: &scratch)
                }
                if !absorb(expansion, sources: sources, depth: depth, limit: limit, scratch: &scratch, rest: &rest)
                    || stoppedAtViolation {
                    isComplete = false
                    break levels
                }
            }
            pool?.endLevel()
            recordFrontierBytes()
            depth += 1
            begin = end
        }
        recordFrontierBytes()
        if isComplete {
            expandedCount = store.count
        }
    }

    /// Raises `frontierBytes` to what the frontier holds now.
    @inlinable
    mutating func recordFrontierBytes() {
        let states = (levelStates.capacity + nextStates.capacity) * MemoryLayout<State>.stride
        frontierBytes = max(frontierBytes, states + nextLevelKeys.allocatedBytes)
    }

    /// Sequentially, at most this many states are expanded per chunk.
    @inlinable
    static var batchStates: Int { 16 }

    /// With helper threads, states per chunk.
    @inlinable
    static var parallelChunkStates: Int { 64 }

    /// Expands the stored states `sources` of the current level on this thread.
    @inlinable
    func expand(
        _ sources: Range<Int>,
        into expansion: inout Expansion<System>,
        scratch: inout Expander<System>.Scratch
    ) {
        if holdsLevel {
            levelStates.withUnsafeBufferPointer { states in
                let local = sources.lowerBound - levelBase ..< sources.upperBound - levelBase
                expander.expand(UnsafeBufferPointer(rebasing: states[local]), into: &expansion, scratch: &scratch)
            }
        } else {
            store.withStates(sources) { states in
                expander.expand(states, into: &expansion, scratch: &scratch)
            }
        }
    }

    /// The state at `index`, which belongs to the level being expanded.
    @inlinable
    func levelState(_ index: Int) -> State {
        Store.keepsStates ? store.state(at: index) : levelStates[index - levelBase]
    }

    /// Approximate bytes allocated for states, bookkeeping, index, frontier and graph.
    @inlinable
    var allocatedBytes: Int {
        store.allocatedBytes
            + parents.allocatedBytes
            + reachingActions.allocatedBytes
            + reachingOrdinals.allocatedBytes
            + largeOrdinals.capacity * (MemoryLayout<Int>.stride + MemoryLayout<UInt32>.stride)
            + levelStart.capacity * MemoryLayout<Int>.stride
            + frontierBytes
            + graph.allocatedBytes
            + edgeActions.capacity * MemoryLayout<Action>.stride
    }
}

/// Wall-clock seconds elapsed since `start`.
@inlinable
func seconds(since start: ContinuousClock.Instant, on clock: ContinuousClock) -> Double {
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}
