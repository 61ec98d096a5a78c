/// A run of up to ``Frontier/blockSize`` consecutive states of a frontier: delta-coded bytes
/// (``StateCodec``) or, for states that cannot be coded, the states themselves.
///
/// A class, so that a level's blocks can be handed to helper threads in one array and each
/// block released on its own once its states are expanded and stored.
@usableFromInline
final class FrontierBlock<State>: @unchecked Sendable {
    /// The coded states.
    @usableFromInline var bytes: [UInt8]
    /// The states, when they are not coded.
    @usableFromInline var states: [State]
    /// The number of states in the block.
    @usableFromInline let count: Int

    /// A block of `count` states.
    @inlinable
    init(bytes: [UInt8], states: [State], count: Int) {
        self.bytes = bytes
        self.states = states
        self.count = count
    }

    /// Bytes allocated for the block's contents.
    @inlinable
    var allocatedBytes: Int {
        bytes.capacity + states.capacity * MemoryLayout<State>.stride
    }

    /// Writes the block's states into `buffer` (emptied first); `words` is working memory.
    @inlinable
    func decode(with codec: StateCodec<State>?, into buffer: inout [State], words: inout [UInt64]) {
        buffer.removeAll(keepingCapacity: true)
        guard let codec else {
            buffer.append(contentsOf: states)
            return
        }
        if words.count < codec.wordCount {
            words = [UInt64](repeating: 0, count: codec.wordCount)
        }
        words.withUnsafeMutableBufferPointer { previous in
            previous.update(repeating: 0)
            bytes.withUnsafeBufferPointer { bytes in
                var offset = 0
                for _ in 0 ..< count {
                    buffer.append(codec.decode(bytes, at: &offset, previous: previous.baseAddress!))
                }
            }
        }
    }

    /// Drops the block's contents.
    @inlinable
    func release() {
        bytes = []
        states = []
    }
}

/// The states of one breadth-first level, in order, held compactly: blocks of
/// ``blockSize`` states, each coded against its own first state (so a block decodes alone), and
/// released one by one as soon as they are no longer needed.
@usableFromInline
struct Frontier<State> {
    /// The sealed blocks.
    @usableFromInline var blocks: [FrontierBlock<State>]
    /// The coder, when states are coded.
    @usableFromInline let codec: StateCodec<State>?
    /// The coded states of the block being filled: room for a block of states coded at their
    /// largest.
    @usableFromInline let pendingBytes: ByteBuffer
    /// The bytes of `pendingBytes` written.
    @usableFromInline var pendingLength: Int
    /// The states of the block being filled, when not coded.
    @usableFromInline var pendingStates: [State]
    /// The number of states in the block being filled.
    @usableFromInline var pendingCount: Int
    /// The words of the last state appended to the block being filled.
    @usableFromInline var previous: [UInt64]
    /// The number of states appended.
    @usableFromInline var count: Int
    /// Bytes allocated for sealed blocks not released yet.
    @usableFromInline var sealedBytes: Int

    /// States per block: the unit of expansion and of release.
    @inlinable
    static var blockSize: Int { 64 }

    /// An empty frontier.
    @inlinable
    init() {
        blocks = []
        codec = StateCodec()
        pendingBytes = ByteBuffer(capacity: Self.blockSize * (codec?.maximumCodedSize ?? 0))
        pendingLength = 0
        pendingStates = []
        pendingCount = 0
        previous = [UInt64](repeating: 0, count: codec?.wordCount ?? 0)
        count = 0
        sealedBytes = 0
    }

    /// Appends `state`.
    @inlinable
    mutating func append(_ state: State) {
        if let codec {
            let out = pendingBytes.base + pendingLength
            pendingLength += previous.withUnsafeMutableBufferPointer { previous in
                codec.encode(state, previous: previous.baseAddress!, into: out)
            }
        } else {
            pendingStates.append(state)
        }
        pendingCount += 1
        count += 1
        if pendingCount == Self.blockSize {
            seal()
        }
    }

    /// Closes the block being filled, if it holds any state; its contents are copied into
    /// storage of exactly their size.
    @inlinable
    mutating func seal() {
        guard pendingCount > 0 else {
            return
        }
        let block = FrontierBlock(bytes: Array(UnsafeBufferPointer(start: pendingBytes.base, count: pendingLength)), states: Array(pendingStates), count: pendingCount)
        blocks.append(block)
        sealedBytes += block.allocatedBytes
        pendingLength = 0
        pendingStates.removeAll(keepingCapacity: true)
        pendingCount = 0
        previous.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Releases block `block`'s contents.
    @inlinable
    mutating func release(block: Int) {
        sealedBytes -= blocks[block].allocatedBytes
        blocks[block].release()
    }

    /// Forgets every state, keeping the working buffers.
    @inlinable
    mutating func removeAll() {
        blocks.removeAll()
        pendingLength = 0
        pendingStates.removeAll(keepingCapacity: true)
        pendingCount = 0
        previous.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        count = 0
        sealedBytes = 0
    }

    /// The state at `position` (a sealed block's); decodes its whole block.
    @inlinable
    func state(at position: Int) -> State {
        var buffer: [State] = []
        var words: [UInt64] = []
        blocks[position / Self.blockSize].decode(with: codec, into: &buffer, words: &words)
        return buffer[position % Self.blockSize]
    }

    /// Bytes allocated: sealed blocks not released, the block being filled, and the block array.
    @inlinable
    var allocatedBytes: Int {
        sealedBytes + pendingBytes.capacity + pendingStates.capacity * MemoryLayout<State>.stride
            + blocks.capacity * MemoryLayout<FrontierBlock<State>>.stride
    }
}

/// The bytes of the block being filled: a fixed allocation, written in place through its
/// pointer (a class only so that it frees the allocation).
@usableFromInline
final class ByteBuffer {
    /// The bytes.
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    /// The bytes allocated.
    @usableFromInline let capacity: Int

    /// A buffer of `capacity` bytes.
    @inlinable
    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: max(capacity, 1))
    }

    deinit {
        base.deallocate()
    }
}
