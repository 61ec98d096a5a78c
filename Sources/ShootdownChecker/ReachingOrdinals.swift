/// For each non-initial state of a fingerprint search, the position of the action reaching it
/// among its parent's enabled actions, in half a byte a state.
///
/// Positions 0 to 14 are kept in a nibble of their own (two states a byte, the earlier in the
/// low half); a nibble of 15 says the position is 15 or more and kept aside in `large`.
/// Positions are only read back to rebuild counterexamples.
@usableFromInline
struct ReachingOrdinals {
    /// The full bytes.
    @usableFromInline var bytes: SegmentedArray<UInt8>
    /// The low nibble of the byte being filled, when `count` is odd.
    @usableFromInline var pending: UInt8
    /// The number of positions appended.
    @usableFromInline var count: Int
    /// Positions of 15 and more, by their index in the sequence.
    @usableFromInline var large: [Int: UInt32]

    /// The nibble that sends a position to `large`.
    @inlinable
    static var escape: UInt8 { 15 }

    /// No positions.
    @inlinable
    init() {
        bytes = SegmentedArray()
        pending = 0
        count = 0
        large = [:]
    }

    /// Appends `ordinal`.
    @inlinable
    mutating func append(_ ordinal: UInt32) {
        var nibble = Self.escape
        if ordinal < UInt32(Self.escape) {
            nibble = UInt8(truncatingIfNeeded: ordinal)
        } else {
            large[count] = ordinal
        }
        if count & 1 == 0 {
            pending = nibble
        } else {
            bytes.append(pending | nibble << 4)
            pending = 0
        }
        count += 1
    }

    /// The position at `index` (`0 ..< count`).
    @inlinable
    subscript(index: Int) -> Int {
        precondition(index >= 0 && index < count, "no such position")
        let byte = index >> 1 < bytes.count ? bytes[index >> 1] : pending
        let nibble = index & 1 == 0 ? byte & 0xF : byte >> 4
        return nibble < Self.escape ? Int(nibble) : Int(large[index]!)
    }

    /// Approximate bytes allocated.
    @inlinable
    var allocatedBytes: Int {
        bytes.allocatedBytes + large.capacity * (MemoryLayout<Int>.stride + MemoryLayout<UInt32>.stride)
    }
}
