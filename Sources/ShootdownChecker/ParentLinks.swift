/// The parent of every non-initial state, in about two bits per state.
///
/// States are numbered in breadth-first order, and the new states of a level are numbered in
/// the order in which their parents are expanded, so parents never decrease along the
/// numbering. The links are therefore kept as a bit sequence: for the `k`-th link, as many 0
/// bits as its parent exceeds the previous link's parent, then a 1 bit. The parent of link `k`
/// is the number of 0 bits before the `k`-th 1 bit. There are as many 1 bits as links and at
/// most as many 0 bits as states, so the sequence takes at most two bits a state, plus a
/// 32-bit count of the 1 bits before every 512-bit block (a sixteenth more), which lets a
/// lookup find the block of the `k`-th 1 bit by binary search and scan at most eight words.
/// Lookups only rebuild counterexamples, so they need not be fast.
///
/// The successors that the cycle proviso adds at the end of a level may have smaller parents
/// than the links before them; such a link is kept aside (`exceptions`), with a 1 bit and no 0
/// bits in the sequence.
@usableFromInline
struct ParentLinks {
    /// The full 64-bit words of the sequence; bit `i` of the sequence is bit `i % 64` of word
    /// `i / 64`.
    @usableFromInline var words: SegmentedArray<UInt64>
    /// Per block of ``blockWords`` full words, the 1 bits before it.
    @usableFromInline var blockOnes: SegmentedArray<UInt32>
    /// The bits after the full words.
    @usableFromInline var partial: UInt64
    /// How many bits of `partial` are used.
    @usableFromInline var partialCount: Int
    /// The number of links (1 bits).
    @usableFromInline var count: Int
    /// The parent of the last link in sequence (the number of 0 bits so far).
    @usableFromInline var lastParent: Int
    /// The parents of links whose parent is smaller than the link's before them, by link.
    @usableFromInline var exceptions: [Int: Int]

    /// Words per indexed block.
    @inlinable
    static var blockWords: Int { 8 }

    /// No links.
    @inlinable
    init() {
        words = SegmentedArray()
        blockOnes = SegmentedArray()
        partial = 0
        partialCount = 0
        count = 0
        lastParent = 0
        exceptions = [:]
    }

    /// Appends a link to `parent`.
    @inlinable
    mutating func append(parent: Int) {
        if parent < lastParent {
            exceptions[count] = parent
        }
        var zeros = max(parent - lastParent, 0)
        lastParent += zeros
        while zeros > 0 {
            let taken = min(zeros, 64 - partialCount)
            partialCount += taken
            zeros -= taken
            if partialCount == 64 {
                flush()
            }
        }
        partial |= 1 << UInt64(partialCount)
        partialCount += 1
        count += 1
        if partialCount == 64 {
            flush()
        }
    }

    /// Moves the full `partial` word to `words`.
    @inlinable
    mutating func flush() {
        if words.count % Self.blockWords == 0 {
            blockOnes.append(UInt32(truncatingIfNeeded: onesInFullWords))
        }
        words.append(partial)
        partial = 0
        partialCount = 0
    }

    /// The 1 bits in the full words: every link but those in `partial`.
    @inlinable
    var onesInFullWords: Int {
        count - partial.nonzeroBitCount
    }

    /// The parent of link `link` (`0 ..< count`).
    @usableFromInline
    func parent(of link: Int) -> Int {
        precondition(link >= 0 && link < count, "no such link")
        if let parent = exceptions[link] {
            return parent
        }
        // The last block whose preceding 1 bits are at most `link`.
        var low = 0
        var high = blockOnes.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(blockOnes[middle]) <= link {
                low = middle
            } else {
                high = middle
            }
        }
        var ones = blockOnes.count > 0 ? Int(blockOnes[low]) : 0
        var word = low * Self.blockWords
        while true {
            let bits = word < words.count ? words[word] : partial
            let here = bits.nonzeroBitCount
            if link < ones + here {
                let bit = Self.position(ofSetBit: link - ones, in: bits)
                let position = word * 64 + bit
                return position - link
            }
            ones += here
            word += 1
        }
    }

    /// The position of the `rank`-th (from 0) set bit of `bits`, which has more set bits.
    static func position(ofSetBit rank: Int, in bits: UInt64) -> Int {
        var rest = bits
        for _ in 0 ..< rank {
            rest &= rest - 1
        }
        return rest.trailingZeroBitCount
    }

    /// Approximate bytes allocated.
    @inlinable
    var allocatedBytes: Int {
        words.allocatedBytes + blockOnes.allocatedBytes
            + exceptions.capacity * 2 * MemoryLayout<Int>.stride
    }
}
