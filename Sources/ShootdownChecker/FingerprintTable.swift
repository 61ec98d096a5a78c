/// A set of fingerprints kept by their top 56 bits, seven bytes each: ordered linear probing
/// over `capacity` home positions.
///
/// A key's *entry* is its top 56 bits (never 0: an entry of 0 is stored as 1); the table holds
/// entries, so two keys that agree in those bits are one key to it. Its home is its position
/// scaled to the table (`entry * capacity / 2⁵⁶`), which grows with the entry, and entries are
/// kept in increasing order through the whole array (inserting shifts the rest of a cluster one
/// slot right). A lookup therefore stops at the first entry not below the one sought, so hits
/// and misses cost alike, about `(1 + 1 / (1 - load)) / 2` probes, and growing is one
/// sequential merge pass. Probing runs past the last home position into a tail of spare slots
/// instead of wrapping around; the very last slot always stays empty, so every scan ends.
///
/// Slots are seven bytes wide and read as unaligned little-endian eight-byte words whose top
/// byte belongs to the next slot (the byte after the last slot is padding, so the last read
/// stays inside the allocation); 0 marks an empty slot.
///
/// The table grows by an eighth when its load passes 0.9, so the load stays between 0.8 and
/// 0.9: 7.8 to 8.8 bytes per fingerprint. Growing by an eighth rather than by a half or a
/// quarter keeps the table fuller after each growth; as growing is one sequential pass, the
/// more frequent passes cost little (all of them together copy each fingerprint about eight
/// times).
@usableFromInline
struct FingerprintTable {
    /// The slots, `slotBytes` each: `capacity` home positions, then the tail, then one byte of
    /// padding.
    @usableFromInline var bytes: [UInt8]
    /// The number of home positions.
    @usableFromInline var capacity: Int
    /// The number of slots (home positions and tail).
    @usableFromInline var slotCount: Int
    /// The number of fingerprints stored.
    @usableFromInline var count: Int
    /// The table grows when it holds more fingerprints than this.
    @usableFromInline var growThreshold: Int

    /// The bits of a key the table keeps.
    @inlinable
    static var entryBits: Int { 56 }

    /// Bytes per slot.
    @inlinable
    static var slotBytes: Int { 7 }

    /// The bits of a slot's eight-byte read that belong to the slot (the low seven bytes).
    @inlinable
    static var entryMask: UInt64 { (1 << 56) - 1 }

    /// An empty table with `capacity` home positions.
    @inlinable
    init(capacity: Int = 1 << 10) {
        self.capacity = max(capacity, 16)
        count = 0
        growThreshold = self.capacity / 10 * 9
        slotCount = self.capacity + Self.tailLength(for: self.capacity)
        bytes = [UInt8](repeating: 0, count: Self.byteCount(slots: slotCount))
    }

    /// The bytes that hold `slots` slots and the padding.
    @inlinable
    static func byteCount(slots: Int) -> Int {
        slots * slotBytes + 1
    }

    /// Empties the table, keeping its size.
    @inlinable
    mutating func removeAll() {
        bytes.withUnsafeMutableBufferPointer { bytes in
            bytes.update(repeating: 0)
        }
        count = 0
    }

    /// The spare slots after the last home position.
    @inlinable
    static func tailLength(for capacity: Int) -> Int {
        128 + capacity / 128
    }

    /// The stored form of a fingerprint (never 0).
    @inlinable
    static func key(_ fingerprint: UInt64) -> UInt64 {
        fingerprint == 0 ? 1 : fingerprint
    }

    /// The entry by which the table keeps `key`: its top 56 bits, 1 when those are 0.
    @inlinable
    static func entry(of key: UInt64) -> UInt64 {
        max(key >> 8, 1)
    }

    /// The home position of `entry` among `capacity` positions.
    @inlinable
    static func home(of entry: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: (entry << 8).multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// The entry in slot `slot` of the slots at `base` (0 when empty).
    @inlinable
    static func read(_ base: UnsafeRawPointer, _ slot: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: slot &* slotBytes, as: UInt64.self)) & entryMask
    }

    /// Writes `entry` into slot `slot` of the slots at `base`, leaving the next slot's bytes as
    /// they are.
    @inlinable
    static func write(_ entry: UInt64, _ base: UnsafeMutableRawPointer, _ slot: Int) {
        let offset = slot &* slotBytes
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        base.storeBytes(of: ((word & ~entryMask) | entry).littleEndian, toByteOffset: offset, as: UInt64.self)
    }

    /// Looks `key` up: whether it is stored, and the slot where it is or would be inserted.
    @inlinable
    func find(_ key: UInt64) -> (found: Bool, slot: Int) {
        let sought = Self.entry(of: key)
        return bytes.withUnsafeBytes { bytes in
            let base = bytes.baseAddress!
            var slot = Self.home(of: sought, capacity: capacity)
            while true {
                let entry = Self.read(base, slot)
                if entry == 0 || entry >= sought {
                    return (entry == sought, slot)
                }
                slot += 1
            }
        }
    }

    /// Inserts `key`, which `find` just reported absent at `slot`.
    @inlinable
    mutating func insert(_ key: UInt64, at slot: Int) {
        let entry = Self.entry(of: key)
        let last = slotCount - 1
        let placed: Bool = bytes.withUnsafeMutableBytes { bytes in
            let base = bytes.baseAddress!
            var empty = slot
            while Self.read(base, empty) != 0 {
                empty += 1
            }
            if empty == last {
                return false
            }
            if empty > slot {
                (base + (slot + 1) * Self.slotBytes).copyMemory(
                    from: base + slot * Self.slotBytes, byteCount: (empty - slot) * Self.slotBytes)
            }
            Self.write(entry, base, slot)
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

    /// The entry in the home slot of `key`: reading it ahead brings the slot into the cache.
    @inlinable
    func homeEntry(of key: UInt64) -> UInt64 {
        bytes.withUnsafeBytes { Self.read($0.baseAddress!, Self.home(of: Self.entry(of: key), capacity: capacity)) }
    }

    /// Every slot's entry in order, 0 for an empty slot (for tests).
    var entries: [UInt64] {
        bytes.withUnsafeBytes { bytes in
            (0 ..< slotCount).map { Self.read(bytes.baseAddress!, $0) }
        }
    }

    /// Grows the home positions by an eighth, re-placing every entry in one ordered pass.
    @inlinable
    mutating func grow() {
        let newCapacity = capacity + capacity / 8
        var tail = Self.tailLength(for: newCapacity)
        while true {
            if let grown = rebuilt(capacity: newCapacity, slots: newCapacity + tail) {
                bytes = grown
                capacity = newCapacity
                slotCount = newCapacity + tail
                growThreshold = newCapacity / 10 * 9
                return
            }
            tail *= 2
        }
    }

    /// The entries (in increasing order) placed into `slots` slots with `capacity` home
    /// positions, or `nil` when they do not fit before the last slot.
    @inlinable
    func rebuilt(capacity: Int, slots: Int) -> [UInt8]? {
        var grown = [UInt8](repeating: 0, count: Self.byteCount(slots: slots))
        let last = slots - 1
        let fits: Bool = bytes.withUnsafeBytes { old in
            grown.withUnsafeMutableBytes { grown in
                let from = old.baseAddress!
                let to = grown.baseAddress!
                var next = 0
                for slot in 0 ..< slotCount {
                    let entry = Self.read(from, slot)
                    if entry == 0 {
                        continue
                    }
                    let place = max(Self.home(of: entry, capacity: capacity), next)
                    if place >= last {
                        return false
                    }
                    Self.write(entry, to, place)
                    next = place + 1
                }
                return true
            }
        }
        return fits ? grown : nil
    }

    /// Bytes allocated for the slots.
    @inlinable
    var allocatedBytes: Int {
        bytes.capacity
    }
}
