/// The visited set: every distinct state stored once, in insertion (breadth-first) order, plus an
/// open-addressed hash index over them.
///
/// The index is an array of 64-bit slots, linear probing over a power-of-two capacity. A slot
/// holds the state's 32-bit hash tag in its high half and `index + 1` in its low half (0 marks an
/// empty slot), so most probes compare tags and only a tag match compares full states. The tag
/// also picks the home slot, so growing the table never rehashes a state.
///
/// The hot-path members are inlinable so that a client module's concrete state type gets a
/// specialised copy instead of going through generic witness tables.
@usableFromInline
struct StateTable<State: Hashable> {
    /// The stored states; a state's position is its index.
    @usableFromInline var states: ContiguousArray<State>
    /// The hash index.
    @usableFromInline var slots: [UInt64]
    /// `slots.count - 1`.
    @usableFromInline var mask: Int
    /// The table grows when it holds more states than this (5/8 of the capacity).
    @usableFromInline var growThreshold: Int

    /// The result of looking a state up.
    @usableFromInline
    struct Probe {
        /// The state's index, or -1 when it is not stored.
        @usableFromInline var index: Int
        /// Where the lookup stopped: the matching slot, or the empty slot it would go into.
        @usableFromInline var slot: Int

        @inlinable
        init(index: Int, slot: Int) {
            self.index = index
            self.slot = slot
        }
    }

    /// The largest number of states the table can index (slots keep `index + 1` in 32 bits).
    @inlinable
    static var maximumCount: Int { Int(UInt32.max) - 1 }

    /// An empty table with room for at least `minimumCapacity` states before it first grows.
    @inlinable
    init(minimumCapacity: Int) {
        var capacity = 16
        while capacity / 2 + capacity / 8 < minimumCapacity {
            capacity *= 2
        }
        states = []
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        growThreshold = capacity / 2 + capacity / 8
    }

    /// The number of stored states.
    @inlinable
    var count: Int { states.count }

    /// The number of slots in the hash index.
    var slotCount: Int { slots.count }

    /// The 32-bit hash tag of `state`.
    @inlinable
    static func tag(of state: State) -> UInt32 {
        tag(hash: stateHash(state))
    }

    /// The 32-bit hash tag of a state whose 64-bit hash is `hash`.
    @inlinable
    static func tag(hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    /// Reads the home slot of every hash's tag, then the first byte of every state whose tag
    /// matches there, so that the `find` calls that follow hit the cache. The loads of one pass
    /// do not depend on each other, so their cache misses overlap. Returns the words read only to
    /// keep the loads from being optimised away.
    @inlinable
    func prefetch(_ hashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
        let stride = MemoryLayout<State>.stride
        return slots.withUnsafeBufferPointer { slots in
            var sink: UInt64 = 0
            for hash in hashes {
                sink &+= slots[Int(Self.tag(hash: hash)) & mask]
            }
            guard MemoryLayout<State>.size > 0 else {
                return sink
            }
            states.withUnsafeBufferPointer { states in
                guard let base = UnsafeRawPointer(states.baseAddress) else {
                    return
                }
                for hash in hashes {
                    let tag = Self.tag(hash: hash)
                    let entry = slots[Int(tag) & mask]
                    if entry != 0 && UInt32(truncatingIfNeeded: entry >> 32) == tag {
                        let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                        sink &+= UInt64(base.load(fromByteOffset: index * stride, as: UInt8.self))
                    }
                }
            }
            return sink
        }
    }

    /// Looks `state` (whose tag is `tag`) up.
    @inlinable
    func find(_ state: State, tag: UInt32) -> Probe {
        let wanted = UInt64(tag) << 32
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(tag) & mask
            while true {
                let entry = slots[slot]
                if entry == 0 {
                    return Probe(index: -1, slot: slot)
                }
                if entry & 0xFFFF_FFFF_0000_0000 == wanted {
                    let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if states[index] == state {
                        return Probe(index: index, slot: slot)
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The index of `state`, or `nil` when it is not stored.
    func index(of state: State) -> Int? {
        let probe = find(state, tag: Self.tag(of: state))
        return probe.index >= 0 ? probe.index : nil
    }

    /// Stores `state`, which `find` just reported absent with the empty slot `slot`, and returns
    /// its index. No other insertion may happen between the `find` and this call.
    @inlinable
    mutating func insert(_ state: State, tag: UInt32, slot: Int) -> Int {
        let index = states.count
        precondition(index < Self.maximumCount, "state table is full")
        states.append(state)
        slots[slot] = (UInt64(tag) << 32) | UInt64(index + 1)
        if states.count > growThreshold {
            grow()
        }
        return index
    }

    /// Stores `state` if it is absent; returns its index and whether it was new.
    @discardableResult
    mutating func insert(_ state: State) -> (index: Int, inserted: Bool) {
        let tag = Self.tag(of: state)
        let probe = find(state, tag: tag)
        if probe.index >= 0 {
            return (probe.index, false)
        }
        return (insert(state, tag: tag, slot: probe.slot), true)
    }

    /// Doubles the slot count and re-places every slot by its stored tag.
    @inlinable
    mutating func grow() {
        let capacity = slots.count * 2
        let newMask = capacity - 1
        var grown = [UInt64](repeating: 0, count: capacity)
        grown.withUnsafeMutableBufferPointer { grown in
            for entry in slots where entry != 0 {
                var slot = Int(truncatingIfNeeded: entry >> 32) & newMask
                while grown[slot] != 0 {
                    slot = (slot + 1) & newMask
                }
                grown[slot] = entry
            }
        }
        slots = grown
        mask = newMask
        growThreshold = capacity / 2 + capacity / 8
    }

    /// Approximate bytes allocated for the states and the index.
    @inlinable
    var allocatedBytes: Int {
        states.capacity * MemoryLayout<State>.stride + slots.capacity * MemoryLayout<UInt64>.stride
    }
}

extension StateTable: VisitedStore {
    /// Full states are stored.
    @inlinable
    static var keepsStates: Bool { true }

    /// Exact storage.
    @inlinable
    static var storage: Storage { .exact }

    /// An empty table with the default initial capacity; indices tell levels apart, so
    /// `tracksLevels` changes nothing.
    @inlinable
    init(tracksLevels: Bool) {
        self.init(minimumCapacity: 1 << 10)
    }

    /// Looks `state` up by the tag of `hash`.
    @inlinable
    func find(_ state: State, hash: UInt64) -> StoreProbe {
        let probe = find(state, tag: Self.tag(hash: hash))
        return StoreProbe(found: probe.index >= 0, index: probe.index, slot: probe.slot)
    }

    /// Stores `state` where `probe` says.
    @inlinable
    mutating func insert(_ state: State, hash: UInt64, at probe: StoreProbe) {
        _ = insert(state, tag: Self.tag(hash: hash), slot: probe.slot)
    }

    /// Nothing to do: indices tell levels apart.
    @inlinable
    mutating func beginLevel() {}

    /// None: the exploring thread stores.
    @inlinable
    var laneShards: FingerprintShards? { nil }

    /// The state at `index`.
    @inlinable
    func state(at index: Int) -> State {
        states[index]
    }

    /// Calls `body` with the stored states `range`.
    @inlinable
    func withStates<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<State>) -> Result) -> Result {
        states.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}
