/// The visited set of fingerprint mode: a ``FingerprintTable`` of the states' 64-bit hashes,
/// without the states themselves. A state found there cannot say its index.
@usableFromInline
struct FingerprintStore<State: Hashable>: VisitedStore {
    /// The fingerprints.
    @usableFromInline var table: FingerprintTable

    /// States are not kept.
    @inlinable
    static var keepsStates: Bool { false }

    /// Fingerprint storage.
    @inlinable
    static var storage: Storage { .fingerprint }

    /// An empty store.
    @inlinable
    init() {
        table = FingerprintTable()
    }

    /// The number of states stored.
    @inlinable
    var count: Int { table.count }

    /// Looks the fingerprint `hash` up; `state` itself is not consulted.
    @inlinable
    func find(_ state: State, hash: UInt64) -> StoreProbe {
        let (found, slot) = table.find(FingerprintTable.key(hash))
        return StoreProbe(found: found, index: -1, slot: slot)
    }

    /// Stores the fingerprint `hash`.
    @inlinable
    mutating func insert(_ state: State, hash: UInt64, at probe: StoreProbe) -> Int {
        let index = table.count
        precondition(index < Int(Int32.max), "state table is full")
        table.insert(FingerprintTable.key(hash), at: probe.slot)
        return index
    }

    /// Touches the home slots of `hashes`.
    @inlinable
    func prefetch(_ hashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
        table.prefetch(hashes)
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

    /// Bytes allocated for the fingerprints.
    @inlinable
    var allocatedBytes: Int { table.allocatedBytes }
}
