/// A set of 64-bit fingerprints: ordered linear probing over `capacity` home positions.
///
/// A fingerprint's home is its position scaled to the table (`fingerprint * capacity / 2⁶⁴`),
/// which grows with the fingerprint, and entries are kept in increasing order through the whole
/// array (inserting shifts the rest of a cluster one slot right). A lookup therefore stops at the
/// first entry not below the one sought, so hits and misses cost alike, about
/// `(1 + 1 / (1 - load)) / 2` probes, and growing is one sequential merge pass. Probing runs past
/// the last home position into a tail of spare slots instead of wrapping around; the very last
/// slot always stays empty, so every scan ends.
///
/// The table grows by a quarter when its load passes 0.9, so the load stays between 0.72 and
/// 0.9: 8.9 to 11.1 bytes per fingerprint. 0 marks an empty slot, so a fingerprint of 0 is stored
/// as 1.
@usableFromInline
struct FingerprintTable {
    /// The slots: `capacity` home positions, then the tail.
    @usableFromInline var slots: [UInt64]
    /// The number of home positions.
    @usableFromInline var capacity: Int
    /// The number of fingerprints stored.
    @usableFromInline var count: Int
    /// The table grows when it holds more fingerprints than this.
    @usableFromInline var growThreshold: Int

    /// An empty table with `capacity` home positions.
    @inlinable
    init(capacity: Int = 1 << 10) {
        self.capacity = max(capacity, 16)
        count = 0
        growThreshold = self.capacity / 10 * 9
        slots = [UInt64](repeating: 0, count: self.capacity + Self.tailLength(for: self.capacity))
    }

    /// Empties the table, keeping its size.
    @inlinable
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { slots in
            slots.update(repeating: 0)
        }
        count = 0
    }

    /// The spare slots after the last home position.
    @inlinable
    static func tailLength(for capacity: Int) -> Int {
        min(1024, capacity) + capacity / 256
    }

    /// The stored form of a fingerprint (never 0).
    @inlinable
    static func key(_ fingerprint: UInt64) -> UInt64 {
        fingerprint == 0 ? 1 : fingerprint
    }

    /// The home position of `key` among `capacity` positions.
    @inlinable
    static func home(of key: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// Looks `key` up: whether it is stored, and the slot where it is or would be inserted.
    @inlinable
    func find(_ key: UInt64) -> (found: Bool, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            var slot = Self.home(of: key, capacity: capacity)
            while true {
                let entry = slots[slot]
                if entry == 0 || entry >= key {
                    return (entry == key, slot)
                }
                slot += 1
            }
        }
    }

    /// Inserts `key`, which `find` just reported absent at `slot`.
    @inlinable
    mutating func insert(_ key: UInt64, at slot: Int) {
        let last = slots.count - 1
        let placed: Bool = slots.withUnsafeMutableBufferPointer { slots in
            var empty = slot
            while slots[empty] != 0 {
                empty += 1
            }
            if empty == last {
                return false
            }
            var cursor = empty
            while cursor > slot {
                slots[cursor] = slots[cursor - 1]
                cursor -= 1
            }
            slots[slot] = key
            return true
        }
        if placed {
            count += 1
            if count > growThreshold {
                grow()
            }
        } else {
            // The cluster reached the end of the tail: make room, then place the key afresh.
            grow()
            insert(key, at: find(key).slot)
        }
    }

    /// Reads the home slot of every key, so that the lookups that follow hit the cache.
    @inlinable
    func prefetch(_ hashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
        slots.withUnsafeBufferPointer { slots in
            var sink: UInt64 = 0
            for hash in hashes {
                sink &+= slots[Self.home(of: Self.key(hash), capacity: capacity)]
            }
            return sink
        }
    }

    /// The entry in the home slot of `key`: reading it ahead brings the slot into the cache.
    @inlinable
    func homeEntry(of key: UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { $0[Self.home(of: key, capacity: capacity)] }
    }

    /// Grows the home positions by a quarter, re-placing every key in one ordered pass.
    @inlinable
    mutating func grow() {
        let newCapacity = capacity + capacity / 4
        var tail = Self.tailLength(for: newCapacity)
        while true {
            if let grown = Self.rebuild(slots, capacity: newCapacity, tail: tail) {
                slots = grown
                capacity = newCapacity
                growThreshold = newCapacity / 10 * 9
                return
            }
            tail *= 2
        }
    }

    /// The keys of `old` (in increasing order) placed into `capacity` home positions and `tail`
    /// spare slots, or `nil` when they do not fit before the last slot.
    @inlinable
    static func rebuild(_ old: [UInt64], capacity: Int, tail: Int) -> [UInt64]? {
        var grown = [UInt64](repeating: 0, count: capacity + tail)
        let last = grown.count - 1
        let fits: Bool = grown.withUnsafeMutableBufferPointer { grown in
            var next = 0
            for key in old where key != 0 {
                let slot = max(home(of: key, capacity: capacity), next)
                if slot >= last {
                    return false
                }
                grown[slot] = key
                next = slot + 1
            }
            return true
        }
        return fits ? grown : nil
    }

    /// Bytes allocated for the slots.
    @inlinable
    var allocatedBytes: Int {
        slots.capacity * MemoryLayout<UInt64>.stride
    }
}
