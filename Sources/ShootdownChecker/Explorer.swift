/// Breadth-first exhaustive exploration of a ``TransitionSystem``, level by level.
///
/// States are numbered in breadth-first order and stored once in a ``VisitedStore`` (full
/// states, or only fingerprints); each non-initial state keeps its parent (``ParentLinks``) and
/// the action that reached it (or, with fingerprints, that action's position among the parent's
/// enabled actions), so the path to any state is a shortest one. Depth is not stored per state:
/// the states of depth `d` are the index range `levelStart[d] ..< levelStart[d + 1]`.
///
/// Invariants are evaluated on every new state, final predicates on every terminal state. When
/// the specification has eventualities, the explorer also records the transition graph (with the
/// action of each edge alongside) for liveness analysis.
///
/// Each level is cut into chunks of consecutive states. A chunk is expanded first (successors,
/// ample sets, canonical forms and hashes, by an ``Expander``), then its successors are looked
/// up and stored. With fingerprint storage or several threads, a ``LevelPipeline`` does both on
/// every thread: lanes store fingerprints shard by shard in chunk order, and the exploring thread
/// takes the chunks back in order to number the new states (`absorb`). With exact storage on one
/// thread, the exploring thread does it all. Either way, numbering, parents and every reported
/// path are exactly those of storing one transition at a time, in order, on one thread, whatever
/// the number of threads.
///
/// The frontier is kept compactly (``Frontier``: delta-coded blocks of states), and each block
/// of the level being expanded is released as soon as its chunk is stored.
///
/// Partial-order reduction's cycle proviso (C3) is decided while storing: a state expanded
/// through an ample set one of whose successors was already stored before the expansion of the
/// state's level began is fully expanded; its other successors are generated and stored once
/// every chunk of the level is stored, in the order of those states. That is enough to keep
/// every action from being postponed forever around a cycle. In any cycle of the reduced graph,
/// take a state of least depth: its predecessor on the cycle is at least as deep, and every state
/// of a depth is stored before the expansion of that depth begins, so when the predecessor was
/// expanded, its edge into that state closed onto a state stored before its level's expansion
/// began; an ample edge would have made the predecessor fully expanded, and any other edge means
/// it already was. Every cycle therefore contains a fully expanded state. (Successors
/// rediscovered in the next level, such as the far corner of a diamond of independent steps,
/// cannot close a cycle onto a state of least depth, so they do not count, which keeps most ample
/// sets.) Which states need the proviso depends only on what was stored before the level, so it
/// is the same in every storing order; with fingerprints, the store keeps the level's
/// fingerprints apart to tell the two cases apart.
///
/// Sleep sets (``ExplorationPlan/sleepSets``, in acyclic systems only) need every transition
/// into a state to be stored before the state is expanded, so that its sleep set is the
/// intersection of what they all carry (``SleepMasks``). Breadth-first levels give that for
/// transitions into the next level; a transition into a state stored before its level's
/// expansion began (a state reached by paths of different lengths) could have needed the state
/// to be expanded again for the actions its own sleep set left out, which this search does not
/// do: it stops (`closedOntoEarlierLevel`), and ``Checker`` runs it again without sleep sets.
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
    /// The number of states stored (numbered) so far: the index of the next new state.
    @usableFromInline var storedCount: Int
    /// The parent of each non-initial state `i`, as link `i - initialCount`.
    @usableFromInline var links: ParentLinks
    /// With exact storage, the action reaching state `i`, stored at `i - initialCount` (initial
    /// states have none).
    @usableFromInline var reachingActions: SegmentedArray<Action>
    /// With fingerprint storage, the position of that action among the parent's enabled
    /// actions, stored at `i - initialCount`.
    @usableFromInline var reachingOrdinals: ReachingOrdinals
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
    /// With sleep sets, the enabled actions left out because their actors were asleep.
    @usableFromInline var sleptActions: Int
    /// Set when, with sleep sets, a transition reached a state stored before its level's
    /// expansion began: that state may have been expanded with a sleep set this transition does
    /// not justify, so the search stops, to be run again without sleep sets.
    @usableFromInline var closedOntoEarlierLevel: Bool
    /// The states of the level being expanded that the cycle proviso expands fully, with the
    /// actor of the ample set already taken, in order.
    @usableFromInline var provisoSources: [(index: Int, ample: Int)]

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
    /// The edges of the cycle proviso's full expansions in the current level, recorded after the
    /// level's other edges and merged into the graph at the level's end.
    @usableFromInline var lateEdges: [(source: Int, target: Int, actor: Int, action: Action)]

    /// The states of the level being expanded, when `holdsLevel`.
    @usableFromInline var level: Frontier<State>
    /// The index of the first state of the level being expanded.
    @usableFromInline var levelBase: Int
    /// The states of the next level, collected as they are stored, when `holdsLevel`.
    @usableFromInline var next: Frontier<State>
    /// The most bytes held at once by `level` and `next`.
    @usableFromInline var frontierBytes: Int
    /// The index of the first state of the next level (the number of states stored when the
    /// expansion of the current level began).
    @usableFromInline var nextLevelBase: Int

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
        store = Store(tracksLevels: plan.reduces && plan.needsCycleProviso)
        storedCount = 0
        links = ParentLinks()
        reachingActions = SegmentedArray()
        reachingOrdinals = ReachingOrdinals()
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
        sleptActions = 0
        closedOntoEarlierLevel = false
        provisoSources = []
        firstViolation = Array(repeating: -1, count: specification.invariants.count)
        openInvariants = specification.invariants.count
        finalSatisfied = Array(repeating: 0, count: specification.finals.count)
        finalUnsatisfied = finalSatisfied
        finalWitness = Array(repeating: -1, count: specification.finals.count)
        finalCounterexample = finalWitness
        recordsGraph = plan.recordsGraph
        graph = TransitionGraph()
        edgeActions = []
        lateEdges = []
        level = Frontier()
        levelBase = 0
        next = Frontier()
        frontierBytes = 0
        nextLevelBase = 0
        nextProgress = options.progress != nil && options.progressInterval > 0 ? options.progressInterval : Int.max
        touched = 0
    }

    /// The number of stored states.
    @inlinable
    var stateCount: Int { storedCount }

    /// The largest depth of a stored state, 0 when nothing is stored.
    @inlinable
    var maxDepth: Int { max(levelStart.count - 1, 0) }

    /// Whether each level's states are also collected in `next` and expanded from `level`,
    /// rather than read from the store: when the store keeps no states, and when helper threads
    /// read them (the store's own array grows while they read).
    @inlinable
    var holdsLevel: Bool { !Store.keepsStates || plan.threads > 1 }

    /// Whether the blocks of the level being expanded may be released as soon as they are
    /// stored: unless the cycle proviso will read states back from them.
    @inlinable
    var releasesLevel: Bool { Store.keepsStates || !plan.needsCycleProviso || !plan.reduces }

    /// Explores until every reachable state is expanded or the state limit is hit.
    @inlinable
    mutating func run() {
        let limit = min(options.stateLimit ?? Int.max, Int(Int32.max))
        storeInitialStates(limit: limit)
        initialCount = storedCount
        if stoppedAtViolation {
            isComplete = false
        }
        if !isComplete {
            return
        }

        var pipeline: LevelPipeline<System>?
        if holdsLevel {
            let started = LevelPipeline(
                expander: expander,
                window: 4 * plan.threads + 4,
                shards: store.laneShards,
                threads: plan.threads
            )
            started.start(helpers: plan.threads - 1)
            pipeline = started
        }
        defer { pipeline?.finish() }

        // Buffers reused for every chunk: no allocation per state once they have grown.
        var scratch = expander.makeScratch()
        var expansion = Expansion<System>()
        var depth = 0
        var begin = 0
        while begin < storedCount {
            let end = storedCount
            levelBase = begin
            nextLevelBase = end
            store.beginLevel()
            expander.sleepMasks?.beginLevel()
            provisoSources.removeAll(keepingCapacity: true)
            var completed: Bool
            if let pipeline {
                next.seal()
                swap(&level, &next)
                next.removeAll()
                completed = expandLevel(with: pipeline, depth: depth, limit: limit, scratch: &scratch)
            } else {
                completed = expandLevel(begin ..< end, depth: depth, limit: limit, scratch: &scratch, expansion: &expansion)
            }
            if completed {
                completed = expandProvisoSources(depth: depth, limit: limit, scratch: &scratch, rest: &expansion)
            } else {
                cutAtProvisoSources()
            }
            if recordsGraph {
                mergeLateEdges()
            }
            recordFrontierBytes()
            if !completed {
                isComplete = false
                break
            }
            depth += 1
            begin = end
        }
        if isComplete {
            expandedCount = storedCount
        }
    }

    /// Expands and stores the level in `level` with `pipeline`; `false` when exploration stops
    /// within it.
    @inlinable
    mutating func expandLevel(
        with pipeline: LevelPipeline<System>,
        depth: Int,
        limit: Int,
        scratch: inout Expander<System>.Scratch
    ) -> Bool {
        let chunkCount = pipeline.begin(level: level.blocks, checks: openChecks)
        let blockSize = Frontier<State>.blockSize
        for chunk in 0 ..< chunkCount {
            let work = pipeline.take(chunk, scratch: &scratch)
            let first = levelBase + chunk * blockSize
            let sources = first ..< first + level.blocks[chunk].count
            let stored = absorb(work.expansion, decided: pipeline.results(of: work), sources: sources, depth: depth, limit: limit)
            pipeline.recycle(work)
            if !stored {
                return false
            }
            if releasesLevel {
                level.release(block: chunk)
            }
            if chunk % 64 == 63 {
                recordFrontierBytes()
            }
        }
        touched &+= pipeline.endLevel()
        return true
    }

    /// Expands and stores the stored states `sources` on this thread, reading them from the
    /// store; `false` when exploration stops within them.
    @inlinable
    mutating func expandLevel(
        _ sources: Range<Int>,
        depth: Int,
        limit: Int,
        scratch: inout Expander<System>.Scratch,
        expansion: inout Expansion<System>
    ) -> Bool {
        for first in stride(from: sources.lowerBound, to: sources.upperBound, by: Self.batchStates) {
            let chunk = first ..< min(first + Self.batchStates, sources.upperBound)
            expansion.removeAll()
            store.withStates(chunk) { states in
                expander.expand(states, into: &expansion, scratch: &scratch)
            }
            if !absorb(expansion, decided: nil, sources: chunk, depth: depth, limit: limit) {
                return false
            }
        }
        return true
    }

    /// Raises `frontierBytes` to what the frontier holds now.
    @inlinable
    mutating func recordFrontierBytes() {
        frontierBytes = max(frontierBytes, level.allocatedBytes + next.allocatedBytes)
    }

    /// States whose successors are looked up together, so that their cache misses overlap.
    @inlinable
    static var batchStates: Int { 16 }

    /// Approximate bytes allocated for states, bookkeeping, index, frontier and graph.
    @inlinable
    var allocatedBytes: Int {
        store.allocatedBytes
            + links.allocatedBytes
            + reachingActions.allocatedBytes
            + reachingOrdinals.allocatedBytes
            + levelStart.capacity * MemoryLayout<Int>.stride
            + frontierBytes
            + graph.allocatedBytes
            + (expander.sleepMasks?.allocatedBytes ?? 0)
            + edgeActions.capacity * MemoryLayout<Action>.stride
    }
}

/// Wall-clock seconds elapsed since `start`.
@inlinable
func seconds(since start: ContinuousClock.Instant, on clock: ContinuousClock) -> Double {
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}
