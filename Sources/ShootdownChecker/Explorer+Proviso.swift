extension Explorer {
    /// Fully expands the states the cycle proviso picked in the level just stored
    /// (`provisoSources`), in order: generates the transitions their ample sets left out and
    /// stores them, after every other successor of the level. `false` when the state limit or a
    /// violation stopped exploration (on the limit, the state being expanded and those after it
    /// in `provisoSources` count as unexpanded).
    @inlinable
    mutating func expandProvisoSources(
        depth: Int,
        limit: Int,
        scratch: inout Expander<System>.Scratch,
        rest: inout Expansion<System>
    ) -> Bool {
        for (number, (index, ample)) in provisoSources.enumerated() {
            provisoExpansions += 1
            rest.removeAll()
            expander.expandRest(of: provisoState(index), besides: ample, into: &rest, scratch: &scratch)
            touched &+= rest.hashes.withUnsafeBufferPointer { store.prefetch($0) }
            let lateStart = lateEdges.count
            for transition in rest.successors.indices {
                let stored = storeSuccessor(
                    transition,
                    of: rest,
                    decided: nil,
                    from: index,
                    depth: depth,
                    limit: limit,
                    late: true
                )
                if stored == nil {
                    expandedCount = index
                    lateEdges.removeSubrange(lateStart...)
                    provisoSources.removeSubrange(..<number)
                    cutAtProvisoSources()
                    return false
                }
            }
            if stoppedAtViolation {
                return false
            }
        }
        return true
    }

    /// The state `index` of the level being expanded.
    @inlinable
    func provisoState(_ index: Int) -> State {
        Store.keepsStates ? store.state(at: index) : level.state(at: index - levelBase)
    }

    /// After exploration stopped within a level: the states still waiting in `provisoSources`
    /// were not fully expanded, so the first of them and every later state count as unexpanded,
    /// and their recorded edges are dropped.
    @inlinable
    mutating func cutAtProvisoSources() {
        guard let first = provisoSources.first?.index else {
            return
        }
        expandedCount = min(expandedCount, first)
        if recordsGraph {
            lateEdges.removeAll { $0.source >= first }
            mergeLateEdges()
            let kept = graph.edgeStart[first]
            graph.edgeStart.removeSubrange((first + 1)...)
            graph.edgeTarget.removeSubrange(kept...)
            graph.edgeActor.removeSubrange(kept...)
            edgeActions.removeSubrange(kept...)
        }
    }

    /// Moves the level's late edges into the graph, each after the other edges of its source, so
    /// that every state's edges are contiguous again.
    @inlinable
    mutating func mergeLateEdges() {
        guard !lateEdges.isEmpty else {
            return
        }
        let firstSource = lateEdges[0].source
        let tail = graph.edgeStart[firstSource]
        let targets = Array(graph.edgeTarget[tail...])
        let actors = Array(graph.edgeActor[tail...])
        let actions = Array(edgeActions[tail...])
        let starts = graph.edgeStart[firstSource...].map { $0 - tail }
        graph.edgeTarget.removeSubrange(tail...)
        graph.edgeActor.removeSubrange(tail...)
        edgeActions.removeSubrange(tail...)
        graph.edgeStart.removeSubrange((firstSource + 1)...)
        var late = 0
        for offset in 0 ..< starts.count - 1 {
            for edge in starts[offset] ..< starts[offset + 1] {
                graph.edgeTarget.append(targets[edge])
                graph.edgeActor.append(actors[edge])
                edgeActions.append(actions[edge])
            }
            while late < lateEdges.count && lateEdges[late].source == firstSource + offset {
                graph.addEdge(to: lateEdges[late].target, actor: lateEdges[late].actor)
                edgeActions.append(lateEdges[late].action)
                late += 1
            }
            graph.finishState()
        }
        lateEdges.removeAll(keepingCapacity: true)
    }
}
