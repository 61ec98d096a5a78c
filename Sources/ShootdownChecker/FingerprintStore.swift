/// The visited set of fingerprint mode: the states' 64-bit hashes (62 bits of each) in
/// ``FingerprintShards``, without the states themselves. A state found there cannot say its
/// index.
///
/// The exploring thread stores through this type only outside a level's expansion (initial
/// states, the cycle proviso's extra successors); during an expansion, storing lanes store into
/// the shards directly (``LevelPipeline``).
@usableFromInline
struct FingerprintStore<State: Hashable>: VisitedStore {
    /// The fingerprints.
    @usableFromInline let shards: FingerprintShards

    /// States are not kept.
    @inlinable
    static var keepsStates: Bool { false }

    /// Fingerprint storage.
    @inlinable
    static var storage: Storage { .fingerprint }

    /// An empty store; `tracksLevels` keeps apart the fingerprints stored since the current
    /// level began.
    @inlinable
    init(tracksLevels: Bool) {
        shards = FingerprintShards(tracksLevels: tracksLevels)
    }

    /// The number of states stored.
    @inlinable
    var count: Int { shards.count }

    /// Looks the fingerprint `hash` up; `state` itself is not consulted.
    @inlinable
    func find(_ state: State, hash: UInt64) -> StoreProbe {
        let (found, inLevel) = shards.find(hash)
        return StoreProbe(found: found, index: -1, slot: -1, inLevel: inLevel)
    }

    /// Stores the fingerprint `hash`.
    @inlinable
    mutating func insert(_ state: State, hash: UInt64, at probe: StoreProbe) {
        shards.insert(hash)
    }

    /// Forgets which fingerprints the previous level stored.
    @inlinable
    mutating func beginLevel() {
        shards.beginLevel()
    }

    /// Touches the home slots of `hashes`.
    @inlinable
    func prefetch(_ hashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var sink: UInt64 = 0
        for hash in hashes {
            let key = FingerprintTable.key(hash)
            sink &+= shards.tables[FingerprintShards.shard(of: key)].homeEntry(of: FingerprintShards.local(key))
        }
        return sink
    }

    /// Never called: states are not kept.
    @inlinable
    func state(at index: Int) -> State {
        preconditionFailure("fingerprint storage keeps no states")
    }

    /// Never called: states are not kept.
    @inlinable
    func withStates<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<State>) -> Result) -> Result {
        preconditionFailure("fingerprint storage keeps no states")
    }

    /// The shards, for storing lanes.
    @inlinable
    var laneShards: FingerprintShards? { shards }

    /// Bytes allocated for the fingerprints.
    @inlinable
    var allocatedBytes: Int { shards.allocatedBytes }
}
