/// The fingerprint set of fingerprint storage, cut into ``shardCount`` ordered tables
/// (``FingerprintTable``) by the fingerprint's top bits.
///
/// Two things follow from the cut. Threads can store into disjoint shards at once: each shard
/// has one owner at a time (a storing lane, see ``LevelPipeline``), so no locking is needed
/// inside a shard. And a table grows one shard at a time, so growing briefly holds a copy of one
/// shard (a 64th of the fingerprints) rather than of the whole set.
///
/// Inside its shard a fingerprint is kept rotated left by ``shardBits``: the shard's bits, the
/// same for all its keys, move to the bottom, so the table orders and places keys by the bits
/// below them. Rotation is a bijection, so no information is lost.
///
/// When asked to (`tracksLevels`), each shard also keeps the keys stored since
/// ``beginLevel()`` in a second, small table: the cycle proviso needs to tell a successor stored
/// during the expansion of the current level from an older one.
///
/// A class, so that storing lanes on several threads share one set; each shard is reached
/// through a pointer and mutated only by its owner.
@usableFromInline
final class FingerprintShards: @unchecked Sendable {
    /// log2 of the number of shards.
    @inlinable
    static var shardBits: Int { 6 }

    /// The bits of a fingerprint that tell stored states apart: the shard's and the bits its
    /// table keeps of the rotated key (``FingerprintTable/entryBits``: the fingerprint's two
    /// lowest bits are dropped).
    @inlinable
    static var distinguishedBits: Int { shardBits + FingerprintTable.entryBits }

    /// The number of shards.
    @inlinable
    static var shardCount: Int { 1 << shardBits }

    /// The lane that stores shard `shard` when `lanes` lanes share the shards out: lanes own
    /// runs of consecutive shards, so that the tables' headers (``tables`` holds them side by
    /// side) that one lane writes on every insertion share no cache line with another lane's.
    @inlinable
    static func lane(of shard: Int, lanes: Int) -> Int {
        shard * max(lanes, 1) / shardCount
    }

    /// The shards' tables.
    @usableFromInline let tables: UnsafeMutablePointer<FingerprintTable>
    /// Per shard, the keys stored since the current level began, when `tracksLevels`.
    @usableFromInline let levelTables: UnsafeMutablePointer<FingerprintTable>
    /// Whether `levelTables` are kept.
    @usableFromInline let tracksLevels: Bool

    /// An empty set; `tracksLevels` keeps each level's keys aside as well.
    @inlinable
    init(tracksLevels: Bool) {
        self.tracksLevels = tracksLevels
        tables = Self.allocateTables(capacity: 256)
        levelTables = Self.allocateTables(capacity: 16)
    }

    /// Room for one table per shard, each with `capacity` home positions, starting on a
    /// 128-byte boundary (a pair of cache lines, which x86 prefetchers fetch together), so that
    /// the boundary between two lanes' runs of tables is also one between cache lines.
    @inlinable
    static func allocateTables(capacity: Int) -> UnsafeMutablePointer<FingerprintTable> {
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: shardCount * MemoryLayout<FingerprintTable>.stride,
            alignment: max(128, MemoryLayout<FingerprintTable>.alignment))
        let tables = raw.bindMemory(to: FingerprintTable.self, capacity: shardCount)
        tables.initialize(repeating: FingerprintTable(capacity: capacity), count: shardCount)
        return tables
    }

    deinit {
        tables.deinitialize(count: Self.shardCount)
        UnsafeMutableRawPointer(tables).deallocate()
        levelTables.deinitialize(count: Self.shardCount)
        UnsafeMutableRawPointer(levelTables).deallocate()
    }

    /// The shard of the stored form of a fingerprint (``FingerprintTable/key(_:)``).
    @inlinable
    static func shard(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: key >> UInt64(64 - shardBits))
    }

    /// `key` as its shard keeps it: rotated left by ``shardBits`` (never 0, as `key` is not).
    @inlinable
    static func local(_ key: UInt64) -> UInt64 {
        (key << UInt64(shardBits)) | (key >> UInt64(64 - shardBits))
    }

    /// The number of fingerprints stored.
    @inlinable
    var count: Int {
        (0 ..< Self.shardCount).reduce(0) { $0 + tables[$1].count }
    }

    /// Looks the fingerprint `hash` up: whether it is stored and, if so, whether it was stored
    /// since the current level began (only known when `tracksLevels`).
    @inlinable
    func find(_ hash: UInt64) -> (found: Bool, inLevel: Bool) {
        let key = FingerprintTable.key(hash)
        let shard = Self.shard(of: key)
        let local = Self.local(key)
        guard tables[shard].find(local).found else {
            return (false, false)
        }
        return (true, tracksLevels && levelTables[shard].find(local).found)
    }

    /// Stores the fingerprint `hash`, which `find` just reported absent.
    @inlinable
    func insert(_ hash: UInt64) {
        let key = FingerprintTable.key(hash)
        insert(local: Self.local(key), shard: Self.shard(of: key), at: tables[Self.shard(of: key)].find(Self.local(key)).slot)
    }

    /// Stores the rotated key `local` in `shard` at `slot`, where `find` just reported it absent.
    @inlinable
    func insert(local: UInt64, shard: Int, at slot: Int) {
        tables[shard].insert(local, at: slot)
        if tracksLevels {
            levelTables[shard].insert(local, at: levelTables[shard].find(local).slot)
        }
    }

    /// Starts a new level: forgets which keys the previous level stored.
    @inlinable
    func beginLevel() {
        guard tracksLevels else {
            return
        }
        for shard in 0 ..< Self.shardCount where levelTables[shard].count > 0 {
            levelTables[shard].removeAll()
        }
    }

    /// Bytes allocated for the tables.
    @inlinable
    var allocatedBytes: Int {
        (0 ..< Self.shardCount).reduce(0) { $0 + tables[$1].allocatedBytes + levelTables[$1].allocatedBytes }
    }
}
