/// Tarjan's strongly-connected-components algorithm over a subgraph of a ``TransitionGraph``, with an
/// explicit stack instead of recursion so deep graphs cannot overflow the call stack.
///
/// The subgraph is given by `member`: a state belongs to it when `member[state] >= 0`, and only
/// edges between members are followed. Scratch arrays are kept between runs so several
/// subgraphs of the same graph can be analysed without reallocating.
struct StronglyConnectedComponents {
    /// Discovery number per state; -1 when not yet discovered in the current run.
    private var discovery: [Int32]
    /// The smallest discovery number reachable through the DFS subtree and one back edge.
    private var lowLink: [Int32]
    /// Whether a state is on the Tarjan stack.
    private var onStack: [Bool]
    /// The Tarjan stack of states not yet assigned to a component.
    private var pending: [Int32] = []
    /// The DFS path: each frame is a state and the next of its edges to examine.
    private var frames: [(state: Int32, nextEdge: Int)] = []

    /// Scratch space for a graph of `stateCount` states.
    init(stateCount: Int) {
        discovery = [Int32](repeating: -1, count: stateCount)
        lowLink = [Int32](repeating: 0, count: stateCount)
        onStack = [Bool](repeating: false, count: stateCount)
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
        for index in discovery.indices {
            discovery[index] = -1
        }
        var counter: Int32 = 0
        for root in roots where discovery[Int(root)] < 0 {
            open(root, counter: &counter, graph: graph)
            while let frame = frames.last {
                let state = Int(frame.state)
                let edges = graph.edges(of: state)
                var edge = frame.nextEdge
                var descended = false
                while edge < edges.upperBound {
                    let target = Int(graph.edgeTarget[edge])
                    edge += 1
                    if member[target] < 0 {
                        continue
                    }
                    if discovery[target] < 0 {
                        frames[frames.count - 1].nextEdge = edge
                        open(Int32(truncatingIfNeeded: target), counter: &counter, graph: graph)
                        descended = true
                        break
                    }
                    if onStack[target] {
                        lowLink[state] = min(lowLink[state], discovery[target])
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
                if lowLink[state] == discovery[state] {
                    var split = pending.count - 1
                    while pending[split] != Int32(truncatingIfNeeded: state) {
                        split -= 1
                    }
                    for member in pending[split...] {
                        onStack[Int(member)] = false
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
        discovery[index] = counter
        lowLink[index] = counter
        counter += 1
        onStack[index] = true
        pending.append(state)
        frames.append((state, graph.edges(of: index).lowerBound))
    }
}
