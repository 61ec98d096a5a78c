/// The position of one field inside a ``WorldState``: a run of `width` bits starting at bit
/// `shift` of word `word`. Fields never straddle two words.
public struct BitField: Hashable, Sendable {
    /// Index of the 64-bit word holding the field.
    public let word: UInt8
    /// Bit offset inside the word.
    public let shift: UInt8
    /// Number of bits (1 to 64).
    public let width: UInt8

    /// Mask of `width` low bits.
    @inline(__always)
    public var mask: UInt64 { width >= 64 ? ~0 : (1 &<< UInt64(width)) &- 1 }

    /// A field that occupies no bits; reads as zero and ignores writes of zero.
    public static let empty = BitField(word: 0, shift: 0, width: 0)

    init(word: UInt8, shift: UInt8, width: UInt8) {
        self.word = word
        self.shift = shift
        self.width = width
    }
}

/// Hands out ``BitField``s in order, packing them into 64-bit words without straddling.
struct BitAllocator {
    private(set) var bitsUsed = 0
    private var word = 0
    private var offset = 0

    /// Allocates a field of `width` bits.
    mutating func allocate(_ width: Int) throws(ModelError) -> BitField {
        precondition(width >= 0 && width <= 64)
        if width == 0 { return .empty }
        if offset + width > 64 {
            word += 1
            offset = 0
        }
        guard word < 16 else {
            throw ModelError.stateTooLarge(bitsNeeded: word * 64 + offset + width, capacity: WorldState.capacity)
        }
        let field = BitField(word: UInt8(word), shift: UInt8(offset), width: UInt8(width))
        offset += width
        bitsUsed += width
        return field
    }

    /// Number of bits needed to store values `0...maxValue`.
    static func bits(forMax maxValue: Int) -> Int {
        var bits = 0
        while (1 << bits) <= maxValue { bits += 1 }
        return max(bits, 1)
    }
}
