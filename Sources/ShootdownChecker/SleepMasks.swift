/// The sleep sets of the states of two breadth-first levels, as actor bit masks keyed by the
/// states' 64-bit hashes: the level being expanded, which expanding threads read, and the next
/// level, which is written while its states are stored.
///
/// A state's sleep set in the next level is the intersection of the sets its incoming
/// transitions of the current level carry (``merge(_:into:shard:)``), so it is complete once the
/// current level is stored, and it does not depend on the order of storing.
///
/// Every state of the next level gets an entry, even with an empty set, and an entry is keyed by
/// 32 bits of the hash: states whose keys collide share one entry, the intersection of their
/// sets, which is a subset of each one's. A collision therefore only takes actors out of a sleep
/// set, which explores more and is always sound; and so is every state found, even in exact
/// storage, where the hash does not identify a state.
///
/// The tables are cut into the shards of ``FingerprintShards``, by the same bits of the hash, so
/// that a storing lane writes only the tables of its own shards.
@usableFromInline
final class SleepMasks: @unchecked Sendable {
    /// `2 * shardCount` tables: one half per level parity.
    @usableFromInline let tables: UnsafeMutablePointer<SleepTable>
    /// Which half (0 or 1) holds the level being expanded; the other holds the next level.
    @usableFromInline var expanding: Int

    /// Empty sets for both levels.
    @inlinable
    init() {
        tables = .allocate(capacity: 2 * FingerprintShards.shardCount)
        tables.initialize(repeating: SleepTable(), count: 2 * FingerprintShards.shardCount)
        expanding = 0
    }

    deinit {
        for table in 0 ..< 2 * FingerprintShards.shardCount {
            tables[table].deallocate()
        }
        tables.deinitialize(count: 2 * FingerprintShards.shardCount)
        tables.deallocate()
    }

    /// The shard of the state whose hash is `hash`.
    @inlinable
    static func shard(of hash: UInt64) -> Int {
        FingerprintShards.shard(of: FingerprintTable.key(hash))
    }

    /// The sleep set of the state of the level being expanded whose hash is `hash`.
    @inlinable
    func mask(of hash: UInt64) -> UInt32 {
        tables[expanding * FingerprintShards.shardCount + Self.shard(of: hash)].mask(of: hash)
    }

    /// Folds the sleep set `mask` carried by a transition into its target of the next level,
    /// whose hash is `hash` and which is in shard `shard`. Only the shard's owner calls this
    /// during a level.
    @inlinable
    func merge(_ mask: UInt32, into hash: UInt64, shard: Int) {
        tables[(1 - expanding) * FingerprintShards.shardCount + shard].merge(mask, into: hash)
    }

    /// Folds `mask` into the entry of the next level keyed as `hash` is, in shard `shard`, if
    /// there is one; whether there was. A state stored before the level is found only if its key
    /// collides with a state of the next level (probability about the shard's entries over
    /// 2³²); the intersection is then merely smaller. Only the shard's owner calls this during a
    /// level.
    @inlinable
    func intersect(_ mask: UInt32, into hash: UInt64, shard: Int) -> Bool {
        tables[(1 - expanding) * FingerprintShards.shardCount + shard].intersect(mask, into: hash)
    }

    /// The next level becomes the level being expanded; the sets of the level expanded so far
    /// are dropped. Called between levels, when no other thread reads or writes the tables.
    @inlinable
    func beginLevel() {
        expanding = 1 - expanding
        let next = (1 - expanding) * FingerprintShards.shardCount
        for shard in 0 ..< FingerprintShards.shardCount {
            tables[next + shard].removeAll()
        }
    }

    /// Bytes allocated for the tables.
    @inlinable
    var allocatedBytes: Int {
        (0 ..< 2 * FingerprintShards.shardCount).reduce(0) {
            $0 + tables[$1].capacity * MemoryLayout<UInt64>.stride
        }
    }
}

/// One shard's sleep sets of one level: an open-addressing table of 64-bit slots, each a 32-bit
/// key taken from a state's hash (never 0, which marks an empty slot) above a 32-bit actor mask,
/// probed linearly from the position the key gives, and doubled when four fifths full. Emptied
/// between levels, it keeps its slots, so that each shard's table grows to the widest level once.
@usableFromInline
struct SleepTable {
    /// The slots, or `nil` before the first entry.
    @usableFromInline var slots: UnsafeMutablePointer<UInt64>?
    /// The number of slots, a power of two (0 before the first entry).
    @usableFromInline var capacity: Int
    /// The number of entries.
    @usableFromInline var count: Int

    /// An empty table.
    @inlinable
    init() {
        slots = nil
        capacity = 0
        count = 0
    }

    /// The slots a table starts with.
    @inlinable
    static var initialCapacity: Int { 64 }

    /// The key of the state whose hash is `hash`: 32 bits below the shard's, 0 taken as 1.
    @inlinable
    static func key(_ hash: UInt64) -> UInt64 {
        max((hash >> 16) & 0xFFFF_FFFF, 1)
    }

    /// The first slot probed for `key`, among `capacity` slots (the key's bits are a hash's).
    @inlinable
    static func home(of key: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: key) & (capacity - 1)
    }

    /// Where the entry keyed `key` is in `slots`, or the empty slot where it would go.
    @inlinable
    func position(of key: UInt64, in slots: UnsafeMutablePointer<UInt64>) -> (position: Int, found: Bool) {
        let last = capacity - 1
        var position = Self.home(of: key, capacity: capacity)
        while true {
            let slot = slots[position]
            if slot == 0 {
                return (position, false)
            }
            if slot >> 32 == key {
                return (position, true)
            }
            position = (position + 1) & last
        }
    }

    /// The mask of the entry keyed as `hash` is, or 0 (the empty set) when there is none.
    @inlinable
    func mask(of hash: UInt64) -> UInt32 {
        guard let slots else {
            return 0
        }
        let (position, found) = position(of: Self.key(hash), in: slots)
        return found ? UInt32(truncatingIfNeeded: slots[position]) : 0
    }

    /// Intersects the mask of the entry keyed as `hash` is with `mask`, or adds the entry with
    /// `mask` when there is none.
    @inlinable
    mutating func merge(_ mask: UInt32, into hash: UInt64) {
        if (count + 1) * 5 > capacity * 4 {
            grow()
        }
        guard let slots else {
            preconditionFailure("a grown table has slots")
        }
        let key = Self.key(hash)
        let (position, found) = position(of: key, in: slots)
        if found {
            slots[position] &= 0xFFFF_FFFF_0000_0000 | UInt64(mask)
        } else {
            slots[position] = key << 32 | UInt64(mask)
            count += 1
        }
    }

    /// Intersects the mask of the entry keyed as `hash` is with `mask`, if there is one;
    /// whether there was.
    @inlinable
    mutating func intersect(_ mask: UInt32, into hash: UInt64) -> Bool {
        guard let slots else {
            return false
        }
        let (position, found) = position(of: Self.key(hash), in: slots)
        if found {
            slots[position] &= 0xFFFF_FFFF_0000_0000 | UInt64(mask)
        }
        return found
    }

    /// Doubles the slots (or allocates the first ones) and places the entries again.
    @inlinable
    mutating func grow() {
        let old = slots
        let oldCapacity = capacity
        capacity = max(Self.initialCapacity, 2 * oldCapacity)
        let fresh = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        fresh.initialize(repeating: 0, count: capacity)
        let last = capacity - 1
        if let old {
            for index in 0 ..< oldCapacity where old[index] != 0 {
                var position = Self.home(of: old[index] >> 32, capacity: capacity)
                while fresh[position] != 0 {
                    position = (position + 1) & last
                }
                fresh[position] = old[index]
            }
            old.deallocate()
        }
        slots = fresh
    }

    /// Drops every entry. The slots are kept if the entries filled a quarter of them, so that a
    /// table does not grow again level after level, and freed otherwise, so that a table does
    /// not stay as large as the widest level while the levels narrow.
    @inlinable
    mutating func removeAll() {
        if let slots {
            if count * 4 >= capacity {
                slots.update(repeating: 0, count: capacity)
            } else {
                slots.deallocate()
                self.slots = nil
                capacity = 0
            }
        }
        count = 0
    }

    /// Frees the slots.
    @inlinable
    func deallocate() {
        slots?.deallocate()
    }
}
