/// The whole machine state as one fixed-size value: 1,024 bits in sixteen 64-bit words.
///
/// Every entity of the model (frames, page-table entries, TLB entries, locks, thread program
/// counters, registers) lives in a bit field whose position a ``StateLayout`` assigns when the
/// world is built. The state owns no heap storage, so copying, hashing and comparing it costs a
/// few vector instructions and the checker's hot path allocates nothing per state.
public struct WorldState: Hashable, Sendable {
    /// The packed words. Unused high bits stay zero so equal machines compare equal.
    public var words: SIMD16<UInt64>

    /// Capacity in bits.
    public static let capacity = 16 * 64

    /// An all-zero state.
    public init() { words = .zero }

    /// Word-wise comparison, as one vector compare.
    @inline(__always)
    public static func == (lhs: WorldState, rhs: WorldState) -> Bool {
        all(lhs.words .== rhs.words)
    }

    /// Hashes the sixteen words.
    @inline(__always)
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: words) { hasher.combine(bytes: $0) }
    }

    /// Reads the field `field`.
    @inline(__always)
    public func get(_ field: BitField) -> UInt64 {
        (words[Int(field.word)] &>> UInt64(field.shift)) & field.mask
    }

    /// Writes `value` (truncated to the field's width) into `field`.
    @inline(__always)
    public mutating func set(_ field: BitField, _ value: UInt64) {
        let index = Int(field.word)
        let mask = field.mask &<< UInt64(field.shift)
        words[index] = (words[index] & ~mask) | ((value &<< UInt64(field.shift)) & mask)
    }

    /// Reads a one-bit field as a Boolean.
    @inline(__always)
    public func flag(_ field: BitField) -> Bool { get(field) != 0 }

    /// Writes a one-bit field from a Boolean.
    @inline(__always)
    public mutating func setFlag(_ field: BitField, _ value: Bool) { set(field, value ? 1 : 0) }
}
