import Dispatch
import Synchronization

/// Helper threads that expand the chunks of a breadth-first level ahead of the exploring thread.
///
/// A level (a frontier of states) is cut into chunks of consecutive states. Helpers claim
/// chunks in increasing order and expand them into buffers; the exploring thread takes the
/// buffers back strictly in chunk order and stores their successors, so numbering, parents and
/// every verdict are exactly those of one thread. When the chunk it needs next has not been
/// claimed, the exploring thread expands it itself; when a helper is still expanding it, the
/// exploring thread expands a later unclaimed chunk meanwhile, and only waits when there is none.
/// Helpers stay at most `window` chunks ahead of the chunk being stored, which bounds the memory
/// held in expanded buffers.
///
/// The expanders read only the level's states (an immutable array) and write only their own
/// buffers; every exchange goes through the board's mutex.
@usableFromInline
final class ChunkPool<System: TransitionSystem>: Sendable {
    @usableFromInline typealias State = System.State

    /// The shared bookkeeping, guarded by `board`.
    @usableFromInline
    struct Board {
        /// The states of the level being expanded.
        @usableFromInline var level: [State] = []
        /// States per chunk.
        @usableFromInline var chunkSize = 1
        /// Chunks in the level.
        @usableFromInline var chunkCount = 0
        /// Chunks claimed so far: the next chunk to claim.
        @usableFromInline var claimed = 0
        /// Chunks taken by the exploring thread so far.
        @usableFromInline var consumed = 0
        /// Expanded chunks not taken yet, chunk `c` at `c % window`.
        @usableFromInline var ready: [Expansion<System>?]
        /// Emptied buffers, to be reused.
        @usableFromInline var spare: [Expansion<System>] = []
        /// Helpers waiting on `wakeHelpers` (or about to) that nobody has signalled yet.
        @usableFromInline var idleHelpers = 0
        /// Whether the exploring thread waits (or is about to) on `chunkReady`.
        @usableFromInline var explorerWaiting = false
        /// Set once exploration is over: helpers return.
        @usableFromInline var finished = false

        /// An empty board with `window` ready slots.
        @inlinable
        init(window: Int) {
            ready = Array(repeating: nil, count: window)
        }

        /// Whether a chunk may be claimed now.
        @inlinable
        func hasClaimableChunk(window: Int) -> Bool {
            claimed < chunkCount && claimed < consumed + window
        }

        /// The states of chunk `chunk`.
        @inlinable
        func range(of chunk: Int) -> Range<Int> {
            chunk * chunkSize ..< min((chunk + 1) * chunkSize, level.count)
        }
    }

    /// What a helper does next.
    @usableFromInline
    enum Claim: Sendable {
        /// Expand chunk `chunk`, the states `range` of `level`.
        case expand(chunk: Int, level: [State], range: Range<Int>)
        /// Nothing to claim: wait.
        case idle
        /// Exploration is over: return.
        case finish
    }

    /// What the exploring thread does next while it needs a given chunk.
    @usableFromInline
    enum Step: Sendable {
        /// The chunk is expanded: here it is; `wake` helpers may claim more.
        case ready(Expansion<System>, wake: Int)
        /// Expand chunk `chunk` (the one needed, or a later one, as a helper would).
        case expand(chunk: Int, level: [State], range: Range<Int>, wake: Int)
        /// A helper is expanding the chunk and nothing else can be claimed: wait.
        case wait
    }

    /// Generates successors.
    @usableFromInline let expander: Expander<System>
    /// How many chunks helpers may run ahead of the exploring thread.
    @usableFromInline let window: Int
    /// The shared bookkeeping.
    @usableFromInline let board: Mutex<Board>
    /// Signalled once per idle helper that has work to claim (or must return).
    @usableFromInline let wakeHelpers = DispatchSemaphore(value: 0)
    /// Signalled when a helper finishes a chunk while the exploring thread waits.
    @usableFromInline let chunkReady = DispatchSemaphore(value: 0)
    /// Entered by each running helper.
    @usableFromInline let helpersDone = DispatchGroup()

    /// A pool whose helpers expand with `expander`, `window` chunks ahead at most.
    @inlinable
    init(expander: Expander<System>, window: Int) {
        self.expander = expander
        self.window = window
        board = Mutex(Board(window: window))
    }

    /// Starts `count` helper threads.
    @inlinable
    func start(helpers count: Int) {
        for _ in 0 ..< count {
            DispatchQueue.global(qos: .userInitiated).async(group: helpersDone) { [self] in
                helperLoop()
            }
        }
    }

    /// Publishes a new level, cut into chunks of `chunkSize` states; returns the number of chunks.
    @inlinable
    func begin(level: [State], chunkSize: Int) -> Int {
        let (chunks, wake) = board.withLock { board in
            board.level = level
            board.chunkSize = chunkSize
            board.chunkCount = (level.count + chunkSize - 1) / chunkSize
            board.claimed = 0
            board.consumed = 0
            let wake = board.idleHelpers
            board.idleHelpers = 0
            return (board.chunkCount, wake)
        }
        signal(wakeHelpers, times: wake)
        return chunks
    }

    /// Lets go of the level's states once all its chunks are taken.
    @inlinable
    func endLevel() {
        board.withLock { board in
            board.level = []
            board.chunkCount = 0
        }
    }

    /// Chunk `chunk` of the current level, expanded. Must be called for chunks 0, 1, 2… in
    /// order.
    @inlinable
    func take(_ chunk: Int, scratch: inout Expander<System>.Scratch) -> Expansion<System> {
        var buffer = Expansion<System>()
        while true {
            let step: Step = board.withLock { board in
                let slot = chunk % window
                if let expansion = board.ready[slot] {
                    board.ready[slot] = nil
                    board.consumed = chunk + 1
                    return .ready(expansion, wake: Self.wakeOne(&board, window: window))
                }
                let next = board.claimed
                if next == chunk || board.hasClaimableChunk(window: window) {
                    board.claimed += 1
                    if next == chunk {
                        board.consumed = chunk + 1
                    }
                    Self.reuseSpare(&board, as: &buffer)
                    let wake = Self.wakeOne(&board, window: window)
                    return .expand(chunk: next, level: board.level, range: board.range(of: next), wake: wake)
                }
                board.explorerWaiting = true
                return .wait
            }
            switch step {
            case .ready(let expansion, let wake):
                signal(wakeHelpers, times: wake)
                return expansion
            case .expand(let claimed, let level, let range, let wake):
                signal(wakeHelpers, times: wake)
                buffer.removeAll()
                level.withUnsafeBufferPointer { states in
                    expander.expand(UnsafeBufferPointer(rebasing: states[range]), into: &buffer, scratch: &scratch)
                }
                if claimed == chunk {
                    return buffer
                }
                board.withLock { board in
                    board.ready[claimed % window] = Self.handOver(&buffer)
                }
            case .wait:
                chunkReady.wait()
            }
        }
    }

    /// Gives `expansion`, whose contents are stored, back for reuse, leaving an empty buffer in
    /// its place.
    @inlinable
    func recycle(_ expansion: inout Expansion<System>) {
        board.withLock { board in
            board.spare.append(Self.handOver(&expansion))
        }
    }

    /// Moves a spare buffer, if any, into `buffer` (which is empty), so that the buffer has a
    /// single owner and is reused in place.
    @inlinable
    static func reuseSpare(_ board: inout Board, as buffer: inout Expansion<System>) {
        if let spare = board.spare.popLast() {
            buffer = spare
        }
    }

    /// Moves `expansion` out, leaving an empty buffer. Called under the board's lock, so that the
    /// buffer has a single owner again before another thread can take it and reuse its storage.
    @inlinable
    static func handOver(_ expansion: inout Expansion<System>) -> Expansion<System> {
        var moved = Expansion<System>()
        swap(&moved, &expansion)
        return moved
    }

    /// Stops the helpers and waits until they have returned.
    @inlinable
    func finish() {
        let wake = board.withLock { board in
            board.finished = true
            let wake = board.idleHelpers
            board.idleHelpers = 0
            return wake
        }
        signal(wakeHelpers, times: wake)
        helpersDone.wait()
    }

    /// One helper thread: claims, expands and hands over chunks until `finish`.
    @inlinable
    func helperLoop() {
        var scratch = expander.makeScratch()
        var buffer = Expansion<System>()
        while true {
            let claim: Claim = board.withLock { board in
                if board.finished {
                    return .finish
                }
                if board.hasClaimableChunk(window: window) {
                    let chunk = board.claimed
                    board.claimed += 1
                    Self.reuseSpare(&board, as: &buffer)
                    return .expand(chunk: chunk, level: board.level, range: board.range(of: chunk))
                }
                board.idleHelpers += 1
                return .idle
            }
            switch claim {
            case .finish:
                return
            case .idle:
                wakeHelpers.wait()
            case .expand(let chunk, let level, let range):
                buffer.removeAll()
                level.withUnsafeBufferPointer { states in
                    expander.expand(UnsafeBufferPointer(rebasing: states[range]), into: &buffer, scratch: &scratch)
                }
                let wakeExplorer = board.withLock { board in
                    board.ready[chunk % window] = Self.handOver(&buffer)
                    if board.explorerWaiting {
                        board.explorerWaiting = false
                        return true
                    }
                    return false
                }
                if wakeExplorer {
                    chunkReady.signal()
                }
            }
        }
    }

    /// Marks one idle helper as woken when there is a chunk it could claim; returns how many
    /// helpers to signal (0 or 1).
    @inlinable
    static func wakeOne(_ board: inout Board, window: Int) -> Int {
        guard board.idleHelpers > 0 && board.hasClaimableChunk(window: window) else {
            return 0
        }
        board.idleHelpers -= 1
        return 1
    }

    /// Signals `semaphore` `times` times.
    @inlinable
    func signal(_ semaphore: DispatchSemaphore, times: Int) {
        for _ in 0 ..< times {
            semaphore.signal()
        }
    }
}
