extension Expander {
    /// The actor whose enabled actions form a valid ample set in `state`, or -1 when the state
    /// must be expanded fully. `scratch.actions` and `scratch.actors` hold the state's
    /// enabled actions and their actors, and `scratch.footprints` their footprints when the
    /// system gave them; otherwise footprints are computed per candidate, in order, so that the
    /// actors after the first valid one cost nothing.
    ///
    /// Candidates are the actors with an enabled action, in increasing order; the set `T` of
    /// all enabled actions of actor `t` is taken when
    /// - (C0) `T` is not the whole enabled set (and is not empty, by construction);
    /// - (C1) every action of `T` is independent of the future footprint of every other actor
    ///   `u` in `0 ..< actorCount` (over executions in which `t` stands still): `T`'s writes meet neither what `u` may read nor what it may
    ///   write, and `T`'s reads meet nothing `u` may write. Then no sequence of other actors'
    ///   steps from `state` can disable, enable or be affected by an action of `T` (the
    ///   footprint of an action covers the guards of its actor's alternatives), so `T` is a
    ///   persistent set;
    /// - (C2) no action of `T` writes an observed location, so taking `T` first changes no
    ///   property's value along the way.
    /// The cycle proviso (C3) is the explorer's: it depends on which states are already stored.
    /// Footprints naming an actor outside `0 ..< actorCount` disable the reduction in `state`.
    @inlinable
    func ampleActor(in state: State, scratch: inout Scratch) -> Int {
        let count = scratch.actions.count
        guard count > 1 else {
            return -1
        }
        let actorCount = plan.actorCount
        scratch.stamp += 1
        let stamp = scratch.stamp
        var lowest = Int.max
        var highest = Int.min
        for actor in scratch.actors {
            guard actor >= 0 && actor < actorCount else {
                return -1
            }
            scratch.enabledStamp[actor] = stamp
            lowest = min(lowest, actor)
            highest = max(highest, actor)
        }
        // C0: a single actor's actions are the whole enabled set.
        guard lowest < highest else {
            return -1
        }
        candidates: for actor in lowest ... highest where scratch.enabledStamp[actor] == stamp {
            // The candidate's footprint: the union over its enabled actions.
            var reads = LocationSet()
            var writes = LocationSet()
            let given = !scratch.footprints.isEmpty
            for (ordinal, owner) in scratch.actors.enumerated() where owner == actor {
                let footprint = given ? scratch.footprints[ordinal] : system.footprint(of: scratch.actions[ordinal], in: state)
                guard footprint.actor == actor else {
                    return -1
                }
                reads.formUnion(footprint.reads)
                writes.formUnion(footprint.writes)
            }
            // C2: invisible.
            if writes.intersects(plan.observed) {
                continue
            }
            // C1: independent of every other actor's future. The actor that refuted this
            // candidate last time is asked first, since the same conflicts recur from state to
            // state; the answer does not depend on the order.
            let suspect = scratch.refuter[actor]
            if suspect >= 0 && suspect != actor
                && futureConflicts(of: suspect, with: actor, reads: reads, writes: writes, in: state, scratch: &scratch) {
                continue candidates
            }
            for other in plan.checkOrder where other != actor && other != suspect {
                if futureConflicts(of: other, with: actor, reads: reads, writes: writes, in: state, scratch: &scratch) {
                    scratch.refuter[actor] = other
                    continue candidates
                }
            }
            return actor
        }
        return -1
    }

    /// Whether the steps of candidate `candidate`, reading `reads` and writing `writes`, depend
    /// on a step actor `other` may still take from `state` while `candidate` stands still.
    ///
    /// An actor's future over every execution is computed once per state and compared first;
    /// it covers its future over the executions in which the candidate stands still, so only
    /// when it conflicts is the latter computed, for actors whose futures depend on it.
    @inlinable
    func futureConflicts(
        of other: Int,
        with candidate: Int,
        reads: LocationSet,
        writes: LocationSet,
        in state: State,
        scratch: inout Scratch
    ) -> Bool {
        if scratch.futureStamp[other] != scratch.stamp {
            scratch.futureStamp[other] = scratch.stamp
            scratch.future[other] = system.futureFootprint(of: other, in: state)
        }
        guard Self.conflicts(reads: reads, writes: writes, with: scratch.future[other]) else {
            return false
        }
        guard plan.idleDependent[other] else {
            return true
        }
        let future = system.futureFootprint(of: other, in: state, whileIdle: candidate)
        return Self.conflicts(reads: reads, writes: writes, with: future)
    }

    /// Whether steps reading `reads` and writing `writes` depend on a step within `future`.
    @inlinable
    static func conflicts(reads: LocationSet, writes: LocationSet, with future: Footprint) -> Bool {
        writes.intersects(future.reads.union(future.writes)) || reads.intersects(future.writes)
    }
}
