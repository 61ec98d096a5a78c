/// Tarjan's strongly-connected-components algorithm over a subgraph of a ``TransitionGraph``, with
/// an explicit stack instead of recursion so deep graphs cannot overflow the call stack.
///
/// The subgraph is given by `member`: a state belongs to it when `member[state] >= 0`, and only
/// edges between members are followed. One array, `number`, holds everything the search needs
/// to know about an edge's target, so following an edge costs a single random access: whether
/// the target is outside the subgraph, undiscovered, still open (its discovery number), or
/// already in a finished component (`finished`, larger than any discovery number, so it never
/// lowers a low-link, which is exactly Tarjan's "not on the stack" case).
struct StronglyConnectedComponents {
    /// `number` of a state outside the subgraph.
    private static let outside: Int32 = -2
    /// `number` of a member not discovered yet.
    private static let undiscovered: Int32 = -1
    /// `number` of a member already assigned to a component.
    private static let finished = Int32.max

    /// Per state: `outside`, `undiscovered`, its discovery number, or `finished`.
    private var number: [Int32]
    /// The smallest discovery number reachable through the DFS subtree and one back edge.
    private var lowLink: [Int32]
    /// The Tarjan stack of states not yet assigned to a component.
    private var pending: [Int32] = []
    /// The DFS path: each frame is a state and the next of its edges to examine.
    private var frames: [(state: Int32, nextEdge: Int)] = []

    /// Scratch space for a graph of `stateCount` states.
    init(stateCount: Int) {
        number = [Int32](repeating: Self.outside, count: stateCount)
        lowLink = [Int32](repeating: 0, count: stateCount)
    }

    /// Calls `component` once per strongly connected component of the subgraph reachable from
    /// `roots` (searched in that order), in reverse topological order. The members slice is only
    /// valid during the call.
    mutating func forEachComponent(
        of graph: TransitionGraph,
        member: [Int32],
        roots: [Int32],
        _ component: (ArraySlice<Int32>) -> Void
    ) {
        for state in number.indices {
            number[state] = member[state] >= 0 ? Self.undiscovered : Self.outside
        }
        var counter: Int32 = 0
        for root in roots where number[Int(root)] == Self.undiscovered {
            open(root, counter: &counter, graph: graph)
            while let frame = frames.last {
                let state = Int(frame.state)
                let end = graph.edges(of: state).upperBound
                var edge = frame.nextEdge
                var descended = false
                while edge < end {
                    let target = Int(graph.edgeTarget[edge])
                    edge += 1
                    let seen = number[target]
                    if seen == Self.undiscovered {
                        frames[frames.count - 1].nextEdge = edge
                        open(Int32(truncatingIfNeeded: target), counter: &counter, graph: graph)
                        descended = true
                        break
                    }
                    if seen >= 0 && seen < lowLink[state] {
                        lowLink[state] = seen
                    }
                }
                if descended {
                    continue
                }
                frames.removeLast()
                if let parent = frames.last {
                    let parentState = Int(parent.state)
                    lowLink[parentState] = min(lowLink[parentState], lowLink[state])
                }
                if lowLink[state] == number[state] {
                    var split = pending.count - 1
                    while pending[split] != Int32(truncatingIfNeeded: state) {
                        split -= 1
                    }
                    for member in pending[split...] {
                        number[Int(member)] = Self.finished
                    }
                    component(pending[split...])
                    pending.removeSubrange(split...)
                }
            }
        }
    }

    /// Discovers `state` and pushes its frame.
    private mutating func open(_ state: Int32, counter: inout Int32, graph: TransitionGraph) {
        let index = Int(state)
        number[index] = counter
        lowLink[index] = counter
        counter += 1
        pending.append(state)
        frames.append((state, graph.edges(of: index).lowerBound))
    }
}
