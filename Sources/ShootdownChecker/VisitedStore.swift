/// Where a lookup in a ``VisitedStore`` ended.
@usableFromInline
struct StoreProbe {
    /// Whether the state is stored.
    @usableFromInline var found: Bool
    /// The stored state's index, when found and the store can tell (-1 otherwise).
    @usableFromInline var index: Int
    /// Where the state goes if it is inserted right away.
    @usableFromInline var slot: Int
    /// Whether the state, found, was stored since the current level began; only stores that
    /// cannot tell indices say so (otherwise `false`).
    @usableFromInline var inLevel: Bool

    /// A probe with the given parts.
    @inlinable
    init(found: Bool, index: Int, slot: Int, inLevel: Bool = false) {
        self.found = found
        self.index = index
        self.slot = slot
        self.inLevel = inLevel
    }
}

/// The visited set of an exploration, looked up through a 64-bit hash computed beforehand
/// (possibly on another thread). States are numbered in insertion order by the explorer.
@usableFromInline
protocol VisitedStore {
    /// The stored states' type.
    associatedtype State: Hashable

    /// Whether full states are kept (and `state(at:)` may be called).
    static var keepsStates: Bool { get }

    /// The storage this store implements.
    static var storage: Storage { get }

    /// An empty store; `tracksLevels` asks it to tell states stored since the current level began
    /// (``StoreProbe/inLevel``), if it cannot tell indices.
    init(tracksLevels: Bool)

    /// The number of stored states.
    var count: Int { get }

    /// Looks `state`, whose 64-bit hash is `hash`, up.
    func find(_ state: State, hash: UInt64) -> StoreProbe

    /// Stores `state`, which `find` just reported absent with `probe`, as the next index. No
    /// other insertion may happen between the `find` and this call.
    mutating func insert(_ state: State, hash: UInt64, at probe: StoreProbe)

    /// A new level's expansion begins.
    mutating func beginLevel()

    /// The fingerprint set storing lanes insert into, for stores that have one.
    var laneShards: FingerprintShards? { get }

    /// Touches the memory the lookups of `hashes` will read first, so the cache misses of a batch
    /// overlap; returns the words read only to keep the loads.
    func prefetch(_ hashes: UnsafeBufferPointer<UInt64>) -> UInt64

    /// The state stored at `index`; only when `keepsStates`.
    func state(at index: Int) -> State

    /// Calls `body` with the stored states `range`; only when `keepsStates`.
    func withStates<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<State>) -> Result) -> Result

    /// Approximate bytes allocated.
    var allocatedBytes: Int { get }
}

/// The default 64-bit hash by which a state is looked up (and, in fingerprint mode,
/// identified; see ``TransitionSystem/fingerprint(of:)``): the SipHash-1-3 digest that `Hasher`
/// computes from what `hash(into:)` feeds, with a key chosen once per process, so it is the same
/// for equal states throughout a run.
@inlinable
func stateHash<State: Hashable>(_ state: State) -> UInt64 {
    UInt64(UInt(bitPattern: state.hashValue))
}
