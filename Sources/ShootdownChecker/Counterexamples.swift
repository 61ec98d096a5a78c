extension Explorer {
    /// The shortest path from an initial state to state `index`, along the parent links.
    func path(to index: Int) -> Path<System> {
        var indices: [Int] = []
        var cursor = index
        while cursor >= 0 {
            indices.append(cursor)
            cursor = Int(parents[cursor])
        }
        indices.reverse()
        return Path(
            states: indices.map { table.states[$0] },
            actions: indices.dropFirst().map { reachingActions[$0 - initialCount] }
        )
    }

    /// The ``Lasso`` of states and actions described by `shape`.
    func lasso(_ shape: LassoShape, graph: TransitionGraph) -> Lasso<System> {
        Lasso(
            stem: Path(
                states: shape.stemStates.map { table.states[$0] },
                actions: shape.stemEdges.map { edgeActions[$0] }
            ),
            cycle: shape.cycleEdges.map { edgeActions[$0] },
            cycleStates: shape.cycleEdges.map { table.states[Int(graph.edgeTarget[$0])] }
        )
    }
}
