/// What a storing lane found for one transition's target: one byte per transition.
@usableFromInline
enum LaneOutcome {
    /// Stored before the current level's expansion began (or, when levels are not tracked,
    /// stored at all).
    @inlinable static var storedBefore: UInt8 { 0 }
    /// Stored since the current level's expansion began (only when levels are tracked).
    @inlinable static var storedInLevel: UInt8 { 1 }
    /// New: the lane stored it.
    @inlinable static var new: UInt8 { 2 }
    /// Added to `new` when a per-state check asked for a closer look at the new state.
    @inlinable static var flagged: UInt8 { 4 }
}

extension FingerprintShards {
    /// Stores, in order, the fingerprints among `hashes` whose shards belong to lane `lane` of
    /// `lanes` (shard `s` belongs to lane ``lane(of:lanes:)``), and writes one ``LaneOutcome`` per such transition `t` at `outcomes[t]` (the
    /// other transitions' bytes are left alone). `flags(t)` is asked about every new target; when
    /// it returns `true`, the outcome is marked ``LaneOutcome/flagged``. With `masks`, the sleep
    /// set `sleep[t]` of each transition whose target is of the next level (new, or stored in
    /// the level) is merged into that target's (``SleepMasks/merge(_:into:shard:)``), and the
    /// sleep sets, which hold every state of the next level, tell whether a stored target is of
    /// the next level (``SleepMasks/intersect(_:into:shard:)``).
    ///
    /// Lanes own disjoint shards, so lanes may run on several threads at once; the fingerprints
    /// of one shard are stored in the order of `hashes` whatever the number of lanes, so the
    /// first transition to reach a state is the one that stores it. The home slots are read in a
    /// first pass, so that the second pass's cache misses overlap; the words read are returned
    /// only to keep those loads.
    @inlinable
    func store(
        _ hashes: UnsafeBufferPointer<UInt64>,
        lane: Int,
        lanes: Int,
        outcomes: UnsafeMutablePointer<UInt8>,
        masks: SleepMasks? = nil,
        sleep: UnsafeBufferPointer<UInt32> = UnsafeBufferPointer(start: nil, count: 0),
        flags: (Int) -> Bool
    ) -> UInt64 {
        var owned: UInt64 = 0
        for shard in 0 ..< Self.shardCount where Self.lane(of: shard, lanes: lanes) == lane {
            owned |= 1 << UInt64(shard)
        }
        var sink: UInt64 = 0
        for hash in hashes {
            let key = FingerprintTable.key(hash)
            let shard = Self.shard(of: key)
            if owned & (1 << UInt64(shard)) != 0 {
                sink &+= tables[shard].homeEntry(of: Self.local(key))
            }
        }
        for transition in hashes.indices {
            let key = FingerprintTable.key(hashes[transition])
            let shard = Self.shard(of: key)
            guard owned & (1 << UInt64(shard)) != 0 else {
                continue
            }
            let local = Self.local(key)
            let (found, slot) = tables[shard].find(local)
            if found {
                let inLevel: Bool
                if let masks {
                    inLevel = masks.intersect(sleep[transition], into: hashes[transition], shard: shard)
                } else {
                    inLevel = tracksLevels && levelTables[shard].find(local).found
                }
                outcomes[transition] = inLevel ? LaneOutcome.storedInLevel : LaneOutcome.storedBefore
            } else {
                insert(local: local, shard: shard, at: slot)
                outcomes[transition] = LaneOutcome.new | (flags(transition) ? LaneOutcome.flagged : 0)
                if let masks {
                    masks.merge(sleep[transition], into: hashes[transition], shard: shard)
                }
            }
        }
        return sink
    }
}
