/// Breadth-first exhaustive exploration of a ``TransitionSystem``.
///
/// States are stored once, in breadth-first order, in a ``StateTable``; each non-initial state
/// keeps its parent's index and the action that reached it, so the path to any state is a
/// shortest one. Depth is not stored per state: because states are numbered in breadth-first
/// order, the states of depth `d` are the index range `levelStart[d] ..< levelStart[d + 1]`.
///
/// Invariants are evaluated on every new state, final predicates on every terminal state. When
/// the specification has eventualities, the explorer also records the transition graph (with the
/// action of each edge alongside) for liveness analysis.
///
/// States are expanded in small batches: the successors of a few consecutive states are generated
/// and hashed first, the table memory their lookups will touch is prefetched, and only then are
/// they looked up and stored, in order. Numbering, parents and every reported path are exactly
/// those of expanding one state at a time; the batch only lets the cache misses overlap.
///
/// The explorer is inlinable so that it is specialised for the client's concrete system.
@usableFromInline
struct Explorer<System: TransitionSystem> {
    @usableFromInline typealias State = System.State
    @usableFromInline typealias Action = System.Action

    @usableFromInline let system: System
    @usableFromInline let specification: Specification<State>
    @usableFromInline let options: CheckOptions
    @usableFromInline let clock: ContinuousClock
    @usableFromInline let start: ContinuousClock.Instant

    /// The visited states.
    @usableFromInline var table: StateTable<State>
    /// The parent of each state; -1 for initial states.
    @usableFromInline var parents: [Int32]
    /// The action reaching state `i`, stored at `i - initialCount` (initial states have none).
    @usableFromInline var reachingActions: [Action]
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

    /// The number of stored states at which `progress` is next called.
    @usableFromInline var nextProgress: Int
    /// Accumulates the words read by `StateTable.prefetch`, so those loads are kept.
    @usableFromInline var touched: UInt64

    @inlinable
    init(
        system: System,
        specification: Specification<State>,
        options: CheckOptions,
        clock: ContinuousClock,
        start: ContinuousClock.Instant
    ) {
        self.system = system
        self.specification = specification
        self.options = options
        self.clock = clock
        self.start = start
        table = StateTable()
        parents = []
        reachingActions = []
        levelStart = []
        initialCount = 0
        expandedCount = 0
        transitions = 0
        terminalCount = 0
        isComplete = true
        firstViolation = Array(repeating: -1, count: specification.invariants.count)
        openInvariants = specification.invariants.count
        finalSatisfied = Array(repeating: 0, count: specification.finals.count)
        finalUnsatisfied = finalSatisfied
        finalWitness = Array(repeating: -1, count: specification.finals.count)
        finalCounterexample = finalWitness
        recordsGraph = !specification.eventualities.isEmpty
        graph = TransitionGraph()
        edgeActions = []
        nextProgress = options.progress != nil && options.progressInterval > 0 ? options.progressInterval : Int.max
        touched = 0
    }

    /// The number of stored states.
    @inlinable
    var stateCount: Int { table.count }

    /// The largest depth of a stored state, 0 when nothing is stored.
    @inlinable
    var maxDepth: Int { max(levelStart.count - 1, 0) }

    /// Explores until every reachable state is expanded or the state limit is hit.
    @inlinable
    mutating func run() {
        let limit = min(options.stateLimit ?? Int.max, Int(Int32.max))

        for state in system.initialStates {
            let tag = StateTable<State>.tag(of: state)
            let probe = table.find(state, tag: tag)
            if probe.index >= 0 {
                continue
            }
            if table.count >= limit {
                isComplete = false
                break
            }
            let index = table.insert(state, tag: tag, slot: probe.slot)
            parents.append(-1)
            if levelStart.isEmpty {
                levelStart.append(0)
            }
            admit(state, at: index)
        }
        initialCount = table.count
        if !isComplete {
            return
        }

        // Buffers reused for every batch: no allocation per state once they have grown.
        var actions: [Action] = []
        var batchActions: [Action] = []
        var successors: [State] = []
        var tags: [UInt32] = []
        var batchEnds: [Int] = []
        actions.reserveCapacity(16)
        batchActions.reserveCapacity(Self.batchSuccessors + 16)
        successors.reserveCapacity(Self.batchSuccessors + 16)
        tags.reserveCapacity(Self.batchSuccessors + 16)
        batchEnds.reserveCapacity(Self.batchStates)
        var depth = 0
        var current = 0
        expansion: while current < table.count {
            // Generate the successors of a batch of states and their tags, then prefetch what
            // their lookups will read, so the cache misses of a whole batch overlap instead of
            // being paid one after the other.
            let batchStart = current
            var batchEnd = current
            batchActions.removeAll(keepingCapacity: true)
            successors.removeAll(keepingCapacity: true)
            tags.removeAll(keepingCapacity: true)
            batchEnds.removeAll(keepingCapacity: true)
            while batchEnd < table.count && batchEnd - batchStart < Self.batchStates
                && successors.count < Self.batchSuccessors
            {
                let state = table.states[batchEnd]
                actions.removeAll(keepingCapacity: true)
                system.enabledActions(in: state, into: &actions)
                for action in actions {
                    let next = system.successor(of: state, via: action)
                    tags.append(StateTable<State>.tag(of: next))
                    successors.append(next)
                    batchActions.append(action)
                }
                batchEnds.append(successors.count)
                batchEnd += 1
            }
            touched &+= table.prefetch(tags)

            // Then store the successors in order, exactly as if each state were expanded alone.
            var first = 0
            for end in batchEnds {
                if depth + 1 < levelStart.count && current == levelStart[depth + 1] {
                    depth += 1
                }
                if first == end {
                    reachedTerminal(table.states[current], at: current)
                }
                for position in first ..< end {
                    let next = successors[position]
                    let tag = tags[position]
                    let probe = table.find(next, tag: tag)
                    var target = probe.index
                    transitions += 1
                    if target < 0 {
                        if table.count >= limit {
                            transitions -= 1
                            isComplete = false
                            if recordsGraph {
                                edgeActions.removeSubrange(graph.openStateStart...)
                                graph.discardOpenState()
                            }
                            break expansion
                        }
                        target = table.insert(next, tag: tag, slot: probe.slot)
                        parents.append(Int32(truncatingIfNeeded: current))
                        reachingActions.append(batchActions[position])
                        if levelStart.count == depth + 1 {
                            levelStart.append(target)
                        }
                        admit(next, at: target)
                    }
                    if recordsGraph {
                        let action = batchActions[position]
                        let actor = system.footprint(of: action, in: table.states[current]).actor
                        graph.addEdge(to: target, actor: actor)
                        edgeActions.append(action)
                    }
                }
                if recordsGraph {
                    graph.finishState()
                }
                first = end
                current += 1
            }
        }
        expandedCount = current
    }

    /// At most this many states are expanded per batch.
    @inlinable
    static var batchStates: Int { 16 }

    /// A batch stops taking states once it has this many successors.
    @inlinable
    static var batchSuccessors: Int { 48 }

    /// Evaluates the invariants on a newly stored state and reports progress.
    @inlinable
    mutating func admit(_ state: State, at index: Int) {
        if openInvariants > 0 {
            for (number, invariant) in specification.invariants.enumerated()
            where firstViolation[number] < 0 && !invariant.holds(state) {
                firstViolation[number] = index
                openInvariants -= 1
            }
        }
        if table.count == nextProgress {
            reportProgress()
        }
    }

    /// Calls the progress callback and schedules the next call.
    @inlinable
    mutating func reportProgress() {
        nextProgress += options.progressInterval
        options.progress?(
            Progress(
                states: table.count,
                transitions: transitions,
                depth: maxDepth,
                seconds: seconds(since: start, on: clock)
            )
        )
    }

    /// Evaluates the final predicates on a terminal state.
    @inlinable
    mutating func reachedTerminal(_ state: State, at index: Int) {
        terminalCount += 1
        for (number, final) in specification.finals.enumerated() {
            if final.holds(state) {
                finalSatisfied[number] += 1
                if finalWitness[number] < 0 {
                    finalWitness[number] = index
                }
            } else {
                finalUnsatisfied[number] += 1
                if finalCounterexample[number] < 0 {
                    finalCounterexample[number] = index
                }
            }
        }
    }

    /// Approximate bytes allocated for states, bookkeeping, index and graph.
    @inlinable
    var allocatedBytes: Int {
        table.allocatedBytes
            + parents.capacity * MemoryLayout<Int32>.stride
            + reachingActions.capacity * MemoryLayout<Action>.stride
            + levelStart.capacity * MemoryLayout<Int>.stride
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
