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

    /// Feeds the hasher one 64-bit digest of the sixteen words (``digest``) instead of the 128
    /// bytes themselves: the checker hashes every successor, and this is its hottest hash.
    @inline(__always)
    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    /// A 64-bit digest of the words: pairs of words folded by full 64×64→128-bit multiplies
    /// with distinct odd constants (the wyhash construction), then a final avalanche. Equal
    /// states have equal digests; distinct ones collide with probability about 2⁻⁶⁴ for the
    /// structured inputs a model produces, like a random function.
    @inline(__always)
    public var digest: UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        h = Self.fold(h ^ words[0] ^ 0xA076_1D64_78BD_642F, words[1] ^ 0xE703_7ED1_A0B4_28DB)
        h = Self.fold(h ^ words[2] ^ 0x8EBC_6AF0_9C88_C6E3, words[3] ^ 0x5899_65CC_7537_4CC3)
        h = Self.fold(h ^ words[4] ^ 0x1D8E_4E27_C47D_124F, words[5] ^ 0xA076_1D64_78BD_642F)
        h = Self.fold(h ^ words[6] ^ 0xE703_7ED1_A0B4_28DB, words[7] ^ 0x8EBC_6AF0_9C88_C6E3)
        h = Self.fold(h ^ words[8] ^ 0x5899_65CC_7537_4CC3, words[9] ^ 0x1D8E_4E27_C47D_124F)
        h = Self.fold(h ^ words[10] ^ 0xA076_1D64_78BD_642F, words[11] ^ 0xE703_7ED1_A0B4_28DB)
        h = Self.fold(h ^ words[12] ^ 0x8EBC_6AF0_9C88_C6E3, words[13] ^ 0x5899_65CC_7537_4CC3)
        h = Self.fold(h ^ words[14] ^ 0x1D8E_4E27_C47D_124F, words[15] ^ 0xA076_1D64_78BD_642F)
        return Self.fold(h, 0xE703_7ED1_A0B4_28DB ^ 0x80)
    }

    /// The 128-bit product of `a` and `b`, its halves xored.
    @inline(__always)
    static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Reads the field `field`.
    @inline(__always)
    public func get(_ field: BitField) -> UInt64 {
        // The word index is masked into range (a layout never assigns more than sixteen words),
        // which drops the vector subscript's bounds check.
        (words[Int(field.word & 15)] &>> UInt64(field.shift)) & field.mask
    }

    /// Writes `value` (truncated to the field's width) into `field`.
    @inline(__always)
    public mutating func set(_ field: BitField, _ value: UInt64) {
        let index = Int(field.word & 15)
        let mask = field.mask &<< UInt64(field.shift)
        let bits = (value &<< UInt64(field.shift)) & mask
        // In place: the state is in memory here, so one word is read and written.
        Swift.withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.load(fromByteOffset: index &* 8, as: UInt64.self)
            raw.storeBytes(of: (word & ~mask) | bits, toByteOffset: index &* 8, as: UInt64.self)
        }
    }

    /// Reads a one-bit field as a Boolean.
    @inline(__always)
    public func flag(_ field: BitField) -> Bool { get(field) != 0 }

    /// Writes a one-bit field from a Boolean.
    @inline(__always)
    public mutating func setFlag(_ field: BitField, _ value: Bool) { set(field, value ? 1 : 0) }
}
