/// Delta coding of bitwise-copyable states, for holding a breadth-first frontier in a few bytes
/// a state instead of its full size.
///
/// A state is read as 64-bit words (the last one padded with zero bytes) and XOR-ed with the
/// previous state of its block. The result is written per group of eight words: one byte
/// marking the words that are not zero, then for each of those words one byte marking its
/// bytes that are not zero, then those bytes. Neighbouring frontier states (often successors of
/// one state) differ in few bytes, and words that no state uses are zero in every XOR.
///
/// Only types without references (`_isPOD`) are coded; the checker keeps others as values.
/// Padding bytes, if the type has any, are copied along: a state decodes to the very bytes it
/// was encoded from.
@usableFromInline
struct StateCodec<State>: Sendable {
    /// The bytes of a state.
    @usableFromInline let size: Int
    /// The 64-bit words a state takes, the last one possibly partial.
    @usableFromInline let wordCount: Int

    /// The codec for `State`, or `nil` when states cannot be copied as bytes.
    @inlinable
    init?() {
        guard _isPOD(State.self) && MemoryLayout<State>.size > 0 else {
            return nil
        }
        size = MemoryLayout<State>.size
        wordCount = (size + 7) / 8
    }

    /// The most bytes one coded state takes: a mask per group of eight words, and a mask and
    /// eight bytes per word.
    @inlinable
    var maximumCodedSize: Int { (wordCount + 7) / 8 + 9 * wordCount }

    /// A mask of the bytes of `word` that are not zero (bit `i` for byte `i`).
    @inlinable
    static func nonzeroBytes(of word: UInt64) -> UInt8 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // The top bit of each byte is set when the byte is not zero.
        let tops = (((word & low7) &+ low7) | word) & ~low7
        // Gathers the eight top bits into the top byte.
        return UInt8(truncatingIfNeeded: ((tops >> 7) &* 0x0102_0408_1020_4080) >> 56)
    }

    /// Writes `state`, coded against `previous` (`wordCount` words, all zero for a block's first
    /// state), at `out`, which has room for ``maximumCodedSize`` bytes; leaves the state's words
    /// in `previous` and returns the bytes written.
    @inlinable
    func encode(_ state: State, previous: UnsafeMutablePointer<UInt64>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        withUnsafeBytes(of: state) { raw in
            let fullWords = size / 8
            var last: UInt64 = 0
            for byte in 0 ..< size - 8 * fullWords {
                last |= UInt64(raw[8 * fullWords + byte]) << UInt64(8 * byte)
            }
            var length = 0
            var group = 0
            while group < wordCount {
                let groupEnd = min(group + 8, wordCount)
                let maskAt = length
                length += 1
                var wordMask: UInt8 = 0
                for word in group ..< groupEnd {
                    let value = word < fullWords ? raw.loadUnaligned(fromByteOffset: 8 * word, as: UInt64.self) : last
                    let delta = value ^ previous[word]
                    guard delta != 0 else {
                        continue
                    }
                    wordMask |= 1 << UInt8(word - group)
                    var byteMask = Self.nonzeroBytes(of: delta)
                    out[length] = byteMask
                    length += 1
                    while byteMask != 0 {
                        out[length] = UInt8(truncatingIfNeeded: delta >> UInt64(8 * byteMask.trailingZeroBitCount))
                        length += 1
                        byteMask &= byteMask - 1
                    }
                    previous[word] = value
                }
                out[maskAt] = wordMask
                group = groupEnd
            }
            return length
        }
    }

    /// Decodes the state at `offset` in `bytes` against `previous` (updated to its words) and
    /// moves `offset` past it.
    @inlinable
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int, previous: UnsafeMutablePointer<UInt64>) -> State {
        var group = 0
        while group < wordCount {
            let wordMask = bytes[offset]
            offset += 1
            var words = wordMask
            while words != 0 {
                let word = group + words.trailingZeroBitCount
                words &= words - 1
                var byteMask = bytes[offset]
                offset += 1
                var delta: UInt64 = 0
                while byteMask != 0 {
                    delta |= UInt64(bytes[offset]) << UInt64(8 * byteMask.trailingZeroBitCount)
                    offset += 1
                    byteMask &= byteMask - 1
                }
                previous[word] ^= delta
            }
            group += 8
        }
        return withUnsafeTemporaryAllocation(of: State.self, capacity: 1) { state in
            UnsafeMutableRawPointer(state.baseAddress!).copyMemory(from: previous, byteCount: size)
            return state.baseAddress!.move()
        }
    }
}
