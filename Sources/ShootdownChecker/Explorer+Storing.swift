/// What storing a transition's target found.
@usableFromInline
enum StoredTarget {
    /// The target was new: it is a state of the next level.
    case new
    /// The target was already stored during this level's expansion: a state of the next level.
    case storedInNextLevel
    /// The target was stored before this level's expansion began: its depth is at most the
    /// source's.
    case storedBefore
}

extension Explorer {
    /// Stores the distinct initial states (canonical under symmetry reduction).
    @inlinable
    mutating func storeInitialStates(limit: Int) {
        for (position, initial) in system.initialStates.enumerated() {
            let state = plan.symmetric ? system.canonical(initial) : initial
            let hash = stateHash(state)
            let probe = store.find(state, hash: hash)
            if probe.found {
                continue
            }
            if store.count >= limit {
                isComplete = false
                break
            }
            let index = store.insert(state, hash: hash, at: probe)
            parents.append(-1)
            initialOrigins.append(position)
            if holdsLevel {
                nextStates.append(state)
            }
            if levelStart.isEmpty {
                levelStart.append(0)
            }
            admit(state, at: index)
        }
    }

    /// Stores the successors of the states `sources`, expanded in `expansion`, in order;
    /// `false` when the state limit stopped exploration (the state being expanded then counts
    /// as unexpanded).
    @inlinable
    mutating func absorb(
        _ expansion: Expansion<System>,
        sources: Range<Int>,
        depth: Int,
        limit: Int,
        scratch: inout Expander<System>.Scratch,
        rest: inout Expansion<System>
    ) -> Bool {
        var position = 0
        let count = sources.count
        while position < count {
            let batchEnd = min(position + Self.batchStates, count)
            let hashes = expansion.transitions(ofSource: position).lowerBound ..< expansion.ends[batchEnd - 1]
            touched &+= expansion.hashes.withUnsafeBufferPointer { all in
                store.prefetch(UnsafeBufferPointer(rebasing: all[hashes]))
            }
            for source in position ..< batchEnd {
                let index = sources.lowerBound + source
                let stored = absorbSource(
                    expansion,
                    position: source,
                    index: index,
                    depth: depth,
                    limit: limit,
                    scratch: &scratch,
                    rest: &rest
                )
                if !stored {
                    expandedCount = index
                    return false
                }
            }
            position = batchEnd
        }
        return true
    }

    /// Stores the successors of state `index`, the `position`-th source of `expansion`, and
    /// applies the cycle proviso to it.
    @inlinable
    mutating func absorbSource(
        _ expansion: Expansion<System>,
        position: Int,
        index: Int,
        depth: Int,
        limit: Int,
        scratch: inout Expander<System>.Scratch,
        rest: inout Expansion<System>
    ) -> Bool {
        let transitions = expansion.transitions(ofSource: position)
        let ample = Int(expansion.ampleActor[position])
        if transitions.isEmpty && ample < 0 {
            reachedTerminal(levelState(index), at: index)
        }
        var closedBackwards = false
        for transition in transitions {
            let target = storeSuccessor(transition, of: expansion, from: index, depth: depth, limit: limit)
            guard let target else {
                return false
            }
            closedBackwards = closedBackwards || target == .storedBefore
        }
        if ample >= 0 {
            if closedBackwards && plan.needsCycleProviso {
                provisoExpansions += 1
                rest.removeAll()
                expander.expandRest(of: levelState(index), besides: ample, into: &rest, scratch: &scratch)
                touched &+= rest.hashes.withUnsafeBufferPointer { store.prefetch($0) }
                for transition in rest.successors.indices {
                    guard storeSuccessor(transition, of: rest, from: index, depth: depth, limit: limit) != nil else {
                        return false
                    }
                }
            } else {
                ampleStates += 1
            }
        }
        if recordsGraph {
            graph.finishState()
        }
        return true
    }

    /// Stores the target of transition `transition` of `expansion`, taken from state `parent`:
    /// whether it was new, already stored in the next level, or stored before this level's
    /// expansion began; `nil` when the state limit forbids storing it (the parent's recorded
    /// edges are then dropped). The last two are told apart only under partial-order reduction.
    @inlinable
    mutating func storeSuccessor(
        _ transition: Int,
        of expansion: Expansion<System>,
        from parent: Int,
        depth: Int,
        limit: Int
    ) -> StoredTarget? {
        let hash = expansion.hashes[transition]
        let probe = store.find(expansion.successors[transition], hash: hash)
        var target = probe.index
        if !probe.found {
            if store.count >= limit {
                if recordsGraph {
                    edgeActions.removeSubrange(graph.openStateStart...)
                    graph.discardOpenState()
                }
                return nil
            }
        }
        transitions += 1
        if !probe.found {
            let state = expansion.successors[transition]
            target = store.insert(state, hash: hash, at: probe)
            parents.append(Int32(truncatingIfNeeded: parent))
            if expander.keepsActions {
                reachingActions.append(expansion.actions[transition])
            }
            if expander.keepsOrdinals {
                recordOrdinal(expansion.ordinals[transition], of: target)
            }
            if holdsLevel {
                nextStates.append(state)
            }
            if plan.reduces && !Store.keepsStates {
                let key = FingerprintTable.key(hash)
                nextLevelKeys.insert(key, at: nextLevelKeys.find(key).slot)
            }
            if levelStart.count == depth + 1 {
                levelStart.append(target)
            }
            admit(state, at: target)
        }
        if recordsGraph {
            graph.addEdge(to: target, actor: Int(expansion.actors[transition]))
            edgeActions.append(expansion.actions[transition])
        }
        if !probe.found {
            return .new
        }
        if !plan.reduces {
            return .storedBefore
        }
        if Store.keepsStates {
            return target >= nextLevelBase ? .storedInNextLevel : .storedBefore
        }
        return nextLevelKeys.find(FingerprintTable.key(hash)).found ? .storedInNextLevel : .storedBefore
    }

    /// Records the position of the action reaching state `index` among its parent's actions.
    @inlinable
    mutating func recordOrdinal(_ ordinal: UInt32, of index: Int) {
        if ordinal < 255 {
            reachingOrdinals.append(UInt8(truncatingIfNeeded: ordinal))
        } else {
            reachingOrdinals.append(255)
            largeOrdinals[index] = ordinal
        }
    }

    /// The position of the action reaching the non-initial state `index` among its parent's
    /// enabled actions.
    @inlinable
    func reachingOrdinal(of index: Int) -> Int {
        let short = reachingOrdinals[index - initialCount]
        return short < 255 ? Int(short) : Int(largeOrdinals[index]!)
    }
}
