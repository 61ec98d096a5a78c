/// The explored transition graph in compressed sparse row form, recorded only when liveness
/// properties need it. The action of each edge is kept beside it by the explorer, so this type
/// is not generic.
///
/// States are expanded in index order, so the edges leaving state `i` are the contiguous range
/// `edgeStart[i] ..< edgeStart[i + 1]`. States at or beyond `expandedCount` (stored but never
/// expanded, because the state limit stopped the run) have no recorded edges and are not terminal.
@usableFromInline
struct TransitionGraph {
    /// `edgeStart[i]` is the first edge of state `i`; one more entry than expanded states.
    @usableFromInline var edgeStart: [Int]
    /// The target state of each edge.
    @usableFromInline var edgeTarget: [Int32]
    /// The actor of each edge; after `compactActors()`, a dense number `0 ..< actorCount`.
    @usableFromInline var edgeActor: [Int32]
    /// The number of distinct actors, known after `compactActors()`.
    @usableFromInline var actorCount: Int

    /// An empty graph.
    @inlinable
    init() {
        edgeStart = [0]
        edgeTarget = []
        edgeActor = []
        actorCount = 0
    }

    /// The number of states whose edges are recorded.
    var expandedCount: Int { edgeStart.count - 1 }

    /// The number of edges.
    var edgeCount: Int { edgeTarget.count }

    /// The edges leaving `state` (empty for a state that was not expanded).
    func edges(of state: Int) -> Range<Int> {
        state < expandedCount ? edgeStart[state] ..< edgeStart[state + 1] : 0 ..< 0
    }

    /// Whether `state` was expanded and has no enabled action.
    func isTerminal(_ state: Int) -> Bool {
        state < expandedCount && edgeStart[state] == edgeStart[state + 1]
    }

    /// Adds an edge from the state being expanded.
    @inlinable
    mutating func addEdge(to target: Int, actor: Int) {
        guard let actor32 = Int32(exactly: actor) else {
            preconditionFailure("footprint actor \(actor) does not fit in Int32")
        }
        edgeTarget.append(Int32(truncatingIfNeeded: target))
        edgeActor.append(actor32)
    }

    /// Closes the edge list of the state being expanded.
    @inlinable
    mutating func finishState() {
        edgeStart.append(edgeTarget.count)
    }

    /// The number of edges before the state being expanded: where its edges begin.
    @inlinable
    var openStateStart: Int {
        edgeStart[edgeStart.count - 1]
    }

    /// Drops the edges added since the last `finishState()`: that state counts as unexpanded.
    @inlinable
    mutating func discardOpenState() {
        let kept = openStateStart
        edgeTarget.removeSubrange(kept...)
        edgeActor.removeSubrange(kept...)
    }

    /// Renumbers actors densely (`0 ..< actorCount`, in increasing order of their ids).
    @usableFromInline
    mutating func compactActors() {
        guard let low = edgeActor.min(), let high = edgeActor.max() else {
            actorCount = 0
            return
        }
        if Int(high) - Int(low) < 1 << 16 {
            var number = [Int32](repeating: -1, count: Int(high) - Int(low) + 1)
            for actor in edgeActor {
                number[Int(actor) - Int(low)] = 0
            }
            var next: Int32 = 0
            for offset in number.indices where number[offset] == 0 {
                number[offset] = next
                next += 1
            }
            for edge in edgeActor.indices {
                edgeActor[edge] = number[Int(edgeActor[edge]) - Int(low)]
            }
            actorCount = Int(next)
        } else {
            var dense: [Int32: Int32] = [:]
            for actor in Set(edgeActor).sorted() {
                dense[actor] = Int32(dense.count)
            }
            for edge in edgeActor.indices {
                edgeActor[edge] = dense[edgeActor[edge]]!
            }
            actorCount = dense.count
        }
    }

    /// Approximate bytes allocated for the graph.
    @inlinable
    var allocatedBytes: Int {
        edgeStart.capacity * MemoryLayout<Int>.stride
            + edgeTarget.capacity * MemoryLayout<Int32>.stride
            + edgeActor.capacity * MemoryLayout<Int32>.stride
    }
}
