import ShootdownChecker

/// A system given as a list of labelled edges between numbered states, for small hand-made
/// graph shapes.
struct ExplicitGraph: TransitionSystem {
    struct Edge: Hashable, Sendable, CustomStringConvertible {
        var from: Int
        var to: Int
        var actor: Int
        var label: String
        var description: String { "\(label)[\(actor)]: \(from)->\(to)" }
    }

    var initialStates: [Int]
    var edges: [Edge]

    init(initial: [Int], _ edges: [(from: Int, to: Int, actor: Int, label: String)]) {
        initialStates = initial
        self.edges = edges.map { Edge(from: $0.from, to: $0.to, actor: $0.actor, label: $0.label) }
    }

    func enabledActions(in state: Int, into actions: inout [Edge]) {
        actions.append(contentsOf: edges.filter { $0.from == state })
    }

    func successor(of state: Int, via edge: Edge) -> Int {
        edge.to
    }

    func footprint(of edge: Edge, in state: Int) -> Footprint {
        Footprint(actor: edge.actor)
    }

    /// All actors with an edge.
    var actors: Set<Int> { Set(edges.map(\.actor)) }
}
