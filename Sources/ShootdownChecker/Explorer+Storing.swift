/// What storing a transition's target found.
@usableFromInline
enum StoredTarget {
    /// The target was new: it is a state of the next level.
    case new
    /// The target was already stored during this level's expansion: a state of the next level.
    case storedInNextLevel
    /// The target was stored before this level's expansion began: its depth is at most the
    /// source's. (Without the cycle proviso or sleep sets, every stored target is reported so.)
    case storedBefore
}

extension Explorer {
    /// Stores the distinct initial states (canonical under symmetry reduction).
    @inlinable
    mutating func storeInitialStates(limit: Int) {
        for (position, initial) in system.initialStates.enumerated() {
            let state = plan.symmetric ? system.canonical(initial) : initial
            let hash = system.fingerprint(of: state)
            let probe = store.find(state, hash: hash)
            if probe.found {
                continue
            }
            if storedCount >= limit {
                isComplete = false
                break
            }
            store.insert(state, hash: hash, at: probe)
            let index = storedCount
            storedCount += 1
            initialOrigins.append(position)
            if holdsLevel {
                next.append(state)
            }
            if levelStart.isEmpty {
                levelStart.append(0)
            }
            admit(state, at: index)
        }
    }

    /// Stores the successors of the states `sources`, expanded in `expansion`, in order;
    /// `false` when the state limit or a violation stopped exploration (on the limit, the state
    /// being expanded counts as unexpanded). `decided`, when given, holds what storing lanes
    /// found for each transition; otherwise each target is looked up and stored here.
    @inlinable
    mutating func absorb(
        _ expansion: Expansion<System>,
        decided: LaneResults?,
        sources: Range<Int>,
        depth: Int,
        limit: Int
    ) -> Bool {
        var terminal = 0
        var position = 0
        let count = sources.count
        while position < count {
            let batchEnd = min(position + Self.batchStates, count)
            if decided == nil {
                let hashes = expansion.transitions(ofSource: position).lowerBound ..< expansion.ends[batchEnd - 1]
                touched &+= expansion.hashes.withUnsafeBufferPointer { all in
                    store.prefetch(UnsafeBufferPointer(rebasing: all[hashes]))
                }
            }
            for source in position ..< batchEnd {
                let index = sources.lowerBound + source
                let stored = absorbSource(
                    expansion,
                    decided: decided,
                    position: source,
                    index: index,
                    terminal: &terminal,
                    depth: depth,
                    limit: limit
                )
                if !stored {
                    expandedCount = index
                    return false
                }
                if stoppedAtViolation {
                    return false
                }
            }
            position = batchEnd
        }
        return true
    }

    /// Stores the successors of state `index`, the `position`-th source of `expansion`, and
    /// decides whether the cycle proviso expands it fully. `terminal` counts the terminal sources
    /// of `expansion` met so far.
    @inlinable
    mutating func absorbSource(
        _ expansion: Expansion<System>,
        decided: LaneResults?,
        position: Int,
        index: Int,
        terminal: inout Int,
        depth: Int,
        limit: Int
    ) -> Bool {
        let transitions = expansion.transitions(ofSource: position)
        let ample = Int(expansion.ampleActor[position])
        if transitions.isEmpty && ample == -1 {
            reachedTerminal(expansion.terminals[terminal], at: index)
            terminal += 1
        }
        if plan.sleepSets {
            sleptActions += Int(expansion.slept[position])
        }
        var closedBackwards = false
        for transition in transitions {
            var outcome: UInt8?
            if let decided {
                outcome = decided.outcome(of: transition, hash: expansion.hashes[transition])
            }
            let target = storeSuccessor(transition, of: expansion, decided: outcome, from: index, depth: depth, limit: limit)
            guard let target else {
                return false
            }
            if target == .storedBefore && plan.sleepSets {
                closedOntoEarlierLevel = true
                return false
            }
            closedBackwards = closedBackwards || target == .storedBefore
        }
        if ample >= 0 {
            if closedBackwards && plan.needsCycleProviso {
                provisoSources.append((index, ample))
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
    /// edges are then dropped). The last two are told apart only under the cycle proviso.
    ///
    /// `decided` is what a storing lane found (a ``LaneOutcome``), the target's fingerprint being
    /// stored already if it was new; when `nil`, the target is looked up and stored here. `late`
    /// records the edge among the level's late edges (the cycle proviso's full expansions).
    @inlinable
    mutating func storeSuccessor(
        _ transition: Int,
        of expansion: Expansion<System>,
        decided: UInt8?,
        from parent: Int,
        depth: Int,
        limit: Int,
        late: Bool = false
    ) -> StoredTarget? {
        let hash = expansion.hashes[transition]
        var probe = StoreProbe(found: false, index: -1, slot: -1)
        var admits = true
        if let decided {
            probe.found = decided & LaneOutcome.new == 0
            probe.inLevel = decided == LaneOutcome.storedInLevel
            admits = decided & LaneOutcome.flagged != 0 || decidesEarly
        } else {
            probe = store.find(expansion.successors[transition], hash: hash)
            if let sleepMasks = expander.sleepMasks, !probe.found || probe.inLevel || probe.index >= nextLevelBase {
                sleepMasks.merge(expansion.sleepMasks[transition], into: hash, shard: SleepMasks.shard(of: hash))
            }
        }
        if !probe.found && storedCount >= limit {
            if recordsGraph && !late {
                edgeActions.removeSubrange(graph.openStateStart...)
                graph.discardOpenState()
            }
            return nil
        }
        transitions += 1
        var target = probe.index
        if !probe.found {
            let state = expansion.successors[transition]
            if decided == nil {
                store.insert(state, hash: hash, at: probe)
            }
            target = storedCount
            storedCount += 1
            links.append(parent: parent)
            if expander.keepsActions {
                reachingActions.append(expansion.actions[transition])
            }
            if expander.keepsOrdinals {
                reachingOrdinals.append(expansion.ordinals[transition])
            }
            if holdsLevel {
                next.append(state)
            }
            if levelStart.count == depth + 1 {
                levelStart.append(target)
            }
            if admits {
                admit(state, at: target)
            } else if storedCount == nextProgress {
                reportProgress()
            }
        }
        if recordsGraph {
            let actor = Int(expansion.actors[transition])
            if late {
                lateEdges.append((parent, target, actor, expansion.actions[transition]))
            } else {
                graph.addEdge(to: target, actor: actor)
                edgeActions.append(expansion.actions[transition])
            }
        }
        if !probe.found {
            return .new
        }
        if Store.keepsStates {
            return target >= nextLevelBase ? .storedInNextLevel : .storedBefore
        }
        return probe.inLevel ? .storedInNextLevel : .storedBefore
    }

    /// The position of the action reaching the non-initial state `index` among its parent's
    /// enabled actions.
    @inlinable
    func reachingOrdinal(of index: Int) -> Int {
        reachingOrdinals[index - initialCount]
    }

    /// The parent of state `index`, or -1 for an initial state.
    @inlinable
    func parent(of index: Int) -> Int {
        index < initialCount ? -1 : links.parent(of: index - initialCount)
    }
}
