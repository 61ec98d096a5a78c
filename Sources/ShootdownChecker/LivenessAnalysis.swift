/// Decides ``Eventually`` properties on a recorded ``TransitionGraph`` and finds lasso-shaped
/// counterexamples.
///
/// For a property `p`, let `G_p` be the states reachable from an initial state through states
/// where `p` does not hold (a `p`-state is never entered; an initial `p`-state is a start that is
/// already fine). A violation is either
/// - a terminal state in `G_p`: a finite maximal path that never reaches `p`, reported with the
///   shortest stem and an empty cycle; or
/// - a strongly connected component of `G_p` with at least one internal edge (a self-loop
///   counts) that admits an infinite path, fair if fairness is on, reported as a lasso whose
///   stem is a shortest path inside `G_p` to the component's first-reached state (its entry).
/// Among several such components, the one with the earliest entry is reported.
///
/// Weak fairness (per actor) is decided per maximal component `C`: it is accepting iff for
/// every actor `a` appearing anywhere in the graph, some edge with both ends in `C` is by `a`,
/// or some state of `C` has no outgoing edge by `a` in the full graph (edges leading to
/// `p`-states or out of `C` count as enabled). If instead `a` is enabled in every state of `C`
/// and never steps inside `C`, every cycle in `C` is unfair to `a`, so no sub-component can be
/// fair either; otherwise a closed walk through all of `C`'s required edges and states is fair,
/// because every actor either steps on it or is disabled somewhere along it.
///
/// Stored states the run never expanded (after a state limit) have no edges: they are neither
/// terminal nor on cycles, so every counterexample found is real.
struct LivenessAnalysis {
    /// The transition graph, with dense actor numbers.
    let graph: TransitionGraph
    /// States `0 ..< initialCount` are the initial states.
    let initialCount: Int
    /// The number of stored states.
    let stateCount: Int
    /// The fairness assumption.
    let fairness: Fairness

    /// Position of each state in the breadth-first order of `G_p`; -1 when not reached,
    /// -2 for a `p`-state (outside `G_p`).
    private var rank: [Int32]
    /// The parent of each `G_p` state in the breadth-first tree of `G_p`; -1 for a root.
    private var treeParent: [Int32]
    /// The states of `G_p`, in breadth-first order.
    private var order: [Int32] = []
    /// The number of the nontrivial component holding each state, or -1.
    private var componentOf: [Int32]

    /// Per actor, a stamp marking it enabled in the state examined last.
    private var enabledStamp: [Int]
    /// The current stamp for `enabledStamp`.
    private var stamp = 0
    /// Per actor, an edge inside the component by that actor, or -1.
    private var insideEdge: [Int]
    /// Per actor, the source state of `insideEdge`, or -1.
    private var insideSource: [Int]
    /// Per actor, a state of the component where the actor is disabled, or -1.
    private var disabledAt: [Int]

    /// Breadth-first search scratch for cycle legs, allocated on first use.
    private var legMark: [Int32] = []
    private var legStamp: Int32 = 0
    private var legParent: [Int32] = []
    private var legEdge: [Int] = []
    private var legQueue: [Int32] = []

    /// An analysis of `graph` (whose actors must already be compacted) over `stateCount` states.
    init(graph: TransitionGraph, initialCount: Int, stateCount: Int, fairness: Fairness) {
        self.graph = graph
        self.initialCount = initialCount
        self.stateCount = stateCount
        self.fairness = fairness
        rank = [Int32](repeating: -1, count: stateCount)
        treeParent = rank
        componentOf = rank
        enabledStamp = [Int](repeating: 0, count: graph.actorCount)
        insideEdge = [Int](repeating: -1, count: graph.actorCount)
        insideSource = insideEdge
        disabledAt = insideEdge
    }

    /// A counterexample to the property whose awaited states are those for which `isReached`
    /// (given a state index) returns `true`, or `nil` when it holds on the recorded graph.
    /// `isReached` is called at most once per state.
    mutating func counterexample(isReached: (Int) -> Bool) -> LassoShape? {
        if let terminal = exploreAvoiding(isReached) {
            return lasso(to: terminal, cycle: [])
        }
        guard let (entry, members, number) = acceptingComponent() else {
            return nil
        }
        switch fairness {
        case .none:
            return lasso(to: entry, cycle: leg(from: entry, to: entry, within: number, nonEmpty: true))
        case .weak:
            _ = classify(members, number: number)
            return lasso(to: entry, cycle: fairWalk(from: entry, within: number))
        }
    }

    /// Breadth-first search of `G_p`; returns the first terminal state met (the one with the
    /// shortest stem), or `nil` after filling `order`, `rank` and `treeParent` for all of `G_p`.
    private mutating func exploreAvoiding(_ isReached: (Int) -> Bool) -> Int? {
        for index in rank.indices {
            rank[index] = -1
        }
        order.removeAll(keepingCapacity: true)
        for initial in 0 ..< initialCount {
            enter(initial, from: -1, isReached)
        }
        var head = 0
        while head < order.count {
            let state = Int(order[head])
            head += 1
            if graph.isTerminal(state) {
                return state
            }
            for edge in graph.edges(of: state) {
                let target = Int(graph.edgeTarget[edge])
                if rank[target] == -1 {
                    enter(target, from: state, isReached)
                }
            }
        }
        return nil
    }

    /// Classifies a state seen for the first time: a `p`-state, or a new `G_p` state.
    private mutating func enter(_ state: Int, from parent: Int, _ isReached: (Int) -> Bool) {
        if isReached(state) {
            rank[state] = -2
        } else {
            rank[state] = Int32(truncatingIfNeeded: order.count)
            treeParent[state] = Int32(truncatingIfNeeded: parent)
            order.append(Int32(truncatingIfNeeded: state))
        }
    }

    /// Among the accepting components of `G_p`, the one whose entry (its state first reached by
    /// the breadth-first search of `G_p`) comes first; with the entry and the members.
    private mutating func acceptingComponent() -> (entry: Int, members: [Int32], number: Int32)? {
        for index in componentOf.indices {
            componentOf[index] = -1
        }
        var best: (entry: Int, members: [Int32], number: Int32)?
        var next: Int32 = 0
        var search = StronglyConnectedComponents(stateCount: stateCount)
        search.forEachComponent(of: graph, member: rank, roots: order) { members in
            if members.count == 1 {
                let state = Int(members[members.startIndex])
                let hasSelfLoop = graph.edges(of: state).contains { Int(graph.edgeTarget[$0]) == state }
                if !hasSelfLoop {
                    return
                }
            }
            let number = next
            next += 1
            for member in members {
                componentOf[Int(member)] = number
            }
            if fairness == .weak && !classify(members, number: number) {
                return
            }
            var entry = Int(members[members.startIndex])
            for member in members where rank[Int(member)] < rank[entry] {
                entry = Int(member)
            }
            if let current = best, rank[current.entry] <= rank[entry] {
                return
            }
            best = (entry, Array(members), number)
        }
        return best
    }

    /// Finds, for each actor, an edge inside component `number` by it (`insideEdge`,
    /// `insideSource`) or a member where it is disabled (`disabledAt`), and returns whether every
    /// actor has one: whether the component is accepting under weak fairness. The scan stops as
    /// soon as every actor has one, so the waypoints recorded are enough but not exhaustive.
    private mutating func classify(_ members: some Collection<Int32>, number: Int32) -> Bool {
        for actor in 0 ..< graph.actorCount {
            insideEdge[actor] = -1
            insideSource[actor] = -1
            disabledAt[actor] = -1
        }
        var unserved = graph.actorCount
        for member in members {
            let state = Int(member)
            stamp += 1
            for edge in graph.edges(of: state) {
                let actor = Int(graph.edgeActor[edge])
                enabledStamp[actor] = stamp
                if insideEdge[actor] < 0 && disabledAt[actor] < 0
                    && componentOf[Int(graph.edgeTarget[edge])] == number
                {
                    insideEdge[actor] = edge
                    insideSource[actor] = state
                    unserved -= 1
                }
            }
            for actor in 0 ..< graph.actorCount
            where enabledStamp[actor] != stamp && insideEdge[actor] < 0 && disabledAt[actor] < 0 {
                disabledAt[actor] = state
                unserved -= 1
            }
            if unserved == 0 {
                return true
            }
        }
        return unserved == 0
    }

    /// A closed walk from `entry` inside component `number` on which every actor either steps or
    /// is disabled in some state; `classify` must have run on that component.
    private mutating func fairWalk(from entry: Int, within number: Int32) -> [Int] {
        var served = [Bool](repeating: false, count: graph.actorCount)
        var walk: [Int] = []
        markDisabled(at: entry, in: &served)
        var here = entry
        for actor in 0 ..< graph.actorCount where !served[actor] {
            if insideEdge[actor] >= 0 {
                let edge = insideEdge[actor]
                let approach = leg(from: here, to: insideSource[actor], within: number, nonEmpty: false)
                follow(approach + [edge], onto: &walk, serving: &served)
                here = Int(graph.edgeTarget[edge])
            } else {
                let target = disabledAt[actor]
                follow(leg(from: here, to: target, within: number, nonEmpty: false), onto: &walk, serving: &served)
                here = target
            }
        }
        let closing = leg(from: here, to: entry, within: number, nonEmpty: walk.isEmpty)
        follow(closing, onto: &walk, serving: &served)
        assert(!served.contains(false), "fair walk leaves an actor unserved")
        return walk
    }

    /// Appends `edges` to `walk`, marking the actors that step or are disabled along them.
    private mutating func follow(_ edges: [Int], onto walk: inout [Int], serving served: inout [Bool]) {
        for edge in edges {
            walk.append(edge)
            served[Int(graph.edgeActor[edge])] = true
            markDisabled(at: Int(graph.edgeTarget[edge]), in: &served)
        }
    }

    /// Marks every actor with no outgoing edge from `state`.
    private mutating func markDisabled(at state: Int, in served: inout [Bool]) {
        stamp += 1
        for edge in graph.edges(of: state) {
            enabledStamp[Int(graph.edgeActor[edge])] = stamp
        }
        for actor in 0 ..< graph.actorCount where enabledStamp[actor] != stamp {
            served[actor] = true
        }
    }

    /// The edges of a shortest walk from `source` to `destination` inside component `number`;
    /// when `nonEmpty` and the two coincide, a shortest cycle through them.
    private mutating func leg(from source: Int, to destination: Int, within number: Int32, nonEmpty: Bool) -> [Int] {
        if source == destination && !nonEmpty {
            return []
        }
        if legMark.isEmpty {
            legMark = [Int32](repeating: 0, count: stateCount)
            legParent = [Int32](repeating: -1, count: stateCount)
            legEdge = [Int](repeating: -1, count: stateCount)
        }
        legStamp += 1
        legMark[source] = legStamp
        legQueue.removeAll(keepingCapacity: true)
        legQueue.append(Int32(truncatingIfNeeded: source))
        var head = 0
        while head < legQueue.count {
            let state = Int(legQueue[head])
            head += 1
            for edge in graph.edges(of: state) {
                let target = Int(graph.edgeTarget[edge])
                if componentOf[target] != number {
                    continue
                }
                if target == destination {
                    var edges = [edge]
                    var cursor = state
                    while cursor != source {
                        edges.append(legEdge[cursor])
                        cursor = Int(legParent[cursor])
                    }
                    return edges.reversed()
                }
                if legMark[target] != legStamp {
                    legMark[target] = legStamp
                    legParent[target] = Int32(truncatingIfNeeded: state)
                    legEdge[target] = edge
                    legQueue.append(Int32(truncatingIfNeeded: target))
                }
            }
        }
        preconditionFailure("no walk inside a strongly connected component")
    }

    /// The lasso whose stem follows the breadth-first tree of `G_p` from an initial state to
    /// `state`, and whose cycle is `cycle`.
    private func lasso(to state: Int, cycle: [Int]) -> LassoShape {
        var states: [Int] = []
        var cursor = state
        while cursor >= 0 {
            states.append(cursor)
            cursor = Int(treeParent[cursor])
        }
        states.reverse()
        var edges: [Int] = []
        edges.reserveCapacity(states.count - 1)
        for (parent, child) in zip(states, states.dropFirst()) {
            let edge = graph.edges(of: parent).first { Int(graph.edgeTarget[$0]) == child }!
            edges.append(edge)
        }
        return LassoShape(stemStates: states, stemEdges: edges, cycleEdges: cycle)
    }
}
