extension Expander {
    /// Appends the transitions of `state` that sleep sets leave, with the sleep set each carries
    /// to its target (Godefroid's sleep sets, kept per actor). `scratch` holds the state's
    /// enabled actions with their actors and footprints; `ample` is the actor of the ample set
    /// chosen, or -1.
    ///
    /// The state's sleep set `Z` (``SleepMasks``) holds actors all of whose enabled actions need
    /// not be taken here: each leads to a state that another explored path reaches as well. The
    /// actions taken are the ample set's, or every enabled action when there is none, less those
    /// of the actors in `Z`. The action `x` taken passes on to its target the actors `b`, other
    /// than its own, that are in `Z` or whose actions were all taken here before `x`, and whose
    /// enabled actions are all independent of `x`:
    /// - `x` writes nothing they read or write and reads nothing they write (their footprints
    ///   cover their guards, so `x` leaves the same actions of `b` enabled, with the same
    ///   effect, and they commute with `x`);
    /// - `x` and they do not both write observed locations, so that every order of the
    ///   properties' observations stays explored.
    /// An actor with an action left out of the state's ample set is never passed on: it was not
    /// explored here.
    ///
    /// Sleep sets leave out transitions, never terminal states, and with the two conditions
    /// above no reachable violation of an invariant either (Godefroid 1996, ch. 5 and 6; the
    /// search must merge the sets of every transition into a state before expanding it, which
    /// the breadth-first levels give as long as no transition closes onto an earlier level: the
    /// explorer checks that).
    @inlinable
    func expandAwake(_ state: State, ample: Int, into expansion: inout Expansion<System>, scratch: inout Scratch) {
        let asleep = sleepMasks.map { $0.mask(of: system.fingerprint(of: state)) } ?? 0
        var enabled: UInt32 = 0
        for actor in scratch.actors {
            enabled |= 1 &<< UInt32(truncatingIfNeeded: actor)
        }
        let taken: UInt32
        if ample >= 0 {
            taken = asleep & (1 &<< UInt32(ample)) == 0 ? 1 &<< UInt32(ample) : 0
        } else {
            taken = enabled & ~asleep
        }
        if asleep & enabled == 0 && taken & (taken &- 1) == 0 {
            // One actor taken and none asleep: no actor to pass on.
            for ordinal in scratch.actions.indices where taken & (1 &<< UInt32(scratch.actors[ordinal])) != 0 {
                emit(from: state, ordinal: ordinal, scratch: scratch, into: &expansion, sleep: 0)
            }
            expansion.ends.append(expansion.successors.count)
            expansion.slept.append(0)
            expansion.ampleActor.append(Int32(truncatingIfNeeded: ample))
            return
        }
        // Each actor's footprint over its enabled actions, and where its last action taken is.
        var remaining = enabled
        while remaining != 0 {
            let actor = remaining.trailingZeroBitCount
            remaining &= remaining &- 1
            scratch.actorFootprints[actor] = Footprint(actor: actor)
            scratch.lastTaken[actor] = -1
        }
        var slept: Int32 = 0
        for (ordinal, actor) in scratch.actors.enumerated() {
            let footprint = scratch.footprints[ordinal]
            scratch.actorFootprints[actor].reads.formUnion(footprint.reads)
            scratch.actorFootprints[actor].writes.formUnion(footprint.writes)
            if taken & (1 &<< UInt32(actor)) != 0 {
                scratch.lastTaken[actor] = ordinal
                continue
            }
            if ample < 0 || actor == ample {
                slept += 1
            }
        }
        var done: UInt32 = 0
        var pending = taken
        for ordinal in scratch.actions.indices {
            let actor = scratch.actors[ordinal]
            let bit: UInt32 = 1 &<< UInt32(actor)
            guard taken & bit != 0 else {
                continue
            }
            // Actors whose every action taken comes before this one.
            var open = pending
            while open != 0 {
                let other = open.trailingZeroBitCount
                open &= open &- 1
                if scratch.lastTaken[other] < ordinal {
                    done |= 1 &<< UInt32(other)
                    pending &= ~(1 &<< UInt32(other))
                }
            }
            let footprint = scratch.footprints[ordinal]
            let writesObserved = footprint.writes.intersects(plan.observed)
            var carried: UInt32 = 0
            var candidates = (asleep | done) & enabled & ~bit
            while candidates != 0 {
                let other = candidates.trailingZeroBitCount
                candidates &= candidates &- 1
                let steps = scratch.actorFootprints[other]
                if !Self.conflicts(reads: footprint.reads, writes: footprint.writes, with: steps)
                    && !(writesObserved && steps.writes.intersects(plan.observed)) {
                    carried |= 1 &<< UInt32(other)
                }
            }
            emit(from: state, ordinal: ordinal, scratch: scratch, into: &expansion, sleep: carried)
        }
        expansion.ends.append(expansion.successors.count)
        expansion.slept.append(slept)
        let leftAsleep = ample < 0 && enabled & asleep != 0
        expansion.ampleActor.append(Int32(truncatingIfNeeded: leftAsleep ? -2 : ample))
    }
}
