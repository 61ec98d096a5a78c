import Dispatch
import Synchronization

/// Expands and stores the chunks of a breadth-first level on several threads, ahead of the
/// exploring thread, which takes the chunks back strictly in order for the bookkeeping that
/// numbers states (``Explorer``'s `absorb`).
///
/// A level is a sequence of ``FrontierBlock``s; chunk `c` is block `c`. Each chunk goes through
/// two kinds of task, either of which any thread may run:
/// - *expand*: decode the block and generate its successors (``Expander``) into a ``ChunkWork``,
///   and flag those that fail an open invariant (``LaneChecks``); chunks are claimed in
///   increasing order;
/// - *store*, once per lane: with fingerprint storage the fingerprint set is cut into shards
///   (``FingerprintShards``), shared out among `lanes` lanes, and a lane stores its shards'
///   fingerprints of one chunk after another, in chunk order (one thread at a time per lane,
///   several lanes at once). Within every shard, fingerprints are therefore stored in the order
///   of one thread storing everything, so the transition that stores a state, and every
///   outcome, do not depend on the number of threads or lanes. With exact storage there are no
///   lanes: the exploring thread stores while it takes the chunk.
///
/// While the chunk it needs is not ready, the exploring thread runs tasks itself (that chunk's
/// expansion or a lane it waits for first), and only waits when every task is taken. Thread `i`
/// (the exploring thread is 0) prefers lane `i % lanes`, so that a shard's table stays in one
/// core's cache; helpers then prefer expansions, and run other lanes only when there is nothing
/// else to do. Helpers stay at most `window` chunks ahead of the exploring thread, which bounds
/// the memory held in expanded chunks. Each exchange goes through the
/// board's lock; a helper with nothing to do sleeps until woken for a task.
@usableFromInline
final class LevelPipeline<System: TransitionSystem>: Sendable {
    @usableFromInline typealias State = System.State

    /// The shared bookkeeping, guarded by `board`.
    @usableFromInline
    struct Board {
        /// The level's blocks.
        @usableFromInline var blocks: [FrontierBlock<State>] = []
        /// The checks run on the successors of this level's chunks, by the thread that expands
        /// them.
        @usableFromInline var checks = LaneChecks<State>()
        /// Chunks claimed for expansion so far: the next one to claim.
        @usableFromInline var claimed = 0
        /// Chunks taken by the exploring thread so far.
        @usableFromInline var consumed = 0
        /// Expanded chunks not taken yet, chunk `c` at `c % window`.
        @usableFromInline var ready: [ChunkWork<System>?]
        /// Per lane, the next chunk it stores.
        @usableFromInline var laneNext: [Int]
        /// Per lane, whether a thread runs it now.
        @usableFromInline var laneBusy: [Bool]
        /// Per thread, the chunks it expanded that were taken since, to be reused.
        @usableFromInline var spare: [[ChunkWork<System>]]
        /// Helpers waiting on `wakeHelpers` (or about to) that nobody has signalled yet.
        @usableFromInline var idleHelpers = 0
        /// Whether the exploring thread waits (or is about to) on `explorerWake`.
        @usableFromInline var explorerWaiting = false
        /// Set once exploration is over: helpers return.
        @usableFromInline var finished = false
        /// Words read by lanes' prefetching, kept so that the loads are not optimised away.
        @usableFromInline var touched: UInt64 = 0

        /// An empty board with `window` ready slots, `lanes` lanes and `threads` threads.
        @inlinable
        init(window: Int, lanes: Int, threads: Int) {
            ready = Array(repeating: nil, count: window)
            spare = Array(repeating: [], count: threads)
            laneNext = Array(repeating: 0, count: lanes)
            laneBusy = Array(repeating: false, count: lanes)
        }

        /// The number of chunks in the level.
        @inlinable
        var chunkCount: Int { blocks.count }

        /// The expanded chunk `chunk`, if it is waiting in its slot.
        @inlinable
        func expanded(_ chunk: Int, window: Int) -> ChunkWork<System>? {
            guard chunk < chunkCount, let work = ready[chunk % window], work.chunk == chunk else {
                return nil
            }
            return work
        }

        /// Whether a chunk may be claimed for expansion now.
        @inlinable
        func canClaimExpansion(window: Int) -> Bool {
            claimed < chunkCount && claimed < consumed + window
        }

        /// Whether lane `lane` is free and its next chunk is expanded.
        @inlinable
        func laneCanStore(_ lane: Int, window: Int) -> Bool {
            !laneBusy[lane] && expanded(laneNext[lane], window: window) != nil
        }

        /// How many tasks helpers could start now.
        @inlinable
        func helperTasks(window: Int) -> Int {
            var tasks = canClaimExpansion(window: window) ? 1 : 0
            for lane in laneNext.indices where laneCanStore(lane, window: window) {
                tasks += 1
            }
            return tasks
        }
    }

    /// What a thread does next.
    @usableFromInline
    enum Task: Sendable {
        /// Expand chunk `work.chunk` (the states of `block`) into `work`, and run `checks` on
        /// the successors.
        case expand(ChunkWork<System>, block: FrontierBlock<State>, checks: LaneChecks<State>)
        /// Store, for lane `lane`, the chunks `works` in order.
        case store(lane: Int, works: [ChunkWork<System>])
        /// The chunk the exploring thread needs is expanded and stored (exploring thread only).
        case ready(ChunkWork<System>)
        /// Nothing to do now: wait.
        case wait
        /// Exploration is over: return (helpers only).
        case finish
    }

    /// Generates successors.
    @usableFromInline let expander: Expander<System>
    /// Codes and decodes the level's states.
    @usableFromInline let codec: StateCodec<State>?
    /// How many chunks may be expanded ahead of the exploring thread.
    @usableFromInline let window: Int
    /// The number of storing lanes; 0 when the exploring thread stores.
    @usableFromInline let lanes: Int
    /// The fingerprint set the lanes store into, when there are lanes.
    @usableFromInline let shards: FingerprintShards?
    /// The lane of each fingerprint shard (``FingerprintShards/lane(of:lanes:)``).
    /// Written only while the pipeline is created.
    @usableFromInline nonisolated(unsafe) let laneOfShard: UnsafeMutablePointer<UInt8>
    /// How many chunks a helper stores per store task at most.
    @usableFromInline let laneBatch = 4
    /// The shared bookkeeping.
    @usableFromInline let board: Mutex<Board>
    /// Signalled once per idle helper that has a task to claim (or must return).
    @usableFromInline let wakeHelpers = DispatchSemaphore(value: 0)
    /// Signalled when a task ends while the exploring thread waits.
    @usableFromInline let explorerWake = DispatchSemaphore(value: 0)
    /// Entered by each running helper.
    @usableFromInline let helpersDone = DispatchGroup()

    /// A pipeline for `threads` threads that expands with `expander`, at most `window` chunks
    /// ahead, and stores into `shards` with one lane per thread (no lanes when `shards` is `nil`).
    @inlinable
    init(expander: Expander<System>, window: Int, shards: FingerprintShards?, threads: Int) {
        self.expander = expander
        codec = StateCodec()
        self.window = window
        self.shards = shards
        lanes = shards == nil ? 0 : max(threads, 1)
        board = Mutex(Board(window: window, lanes: lanes, threads: max(threads, 1)))
        laneOfShard = .allocate(capacity: FingerprintShards.shardCount)
        for shard in 0 ..< FingerprintShards.shardCount {
            laneOfShard[shard] = UInt8(truncatingIfNeeded: FingerprintShards.lane(of: shard, lanes: self.lanes))
        }
    }

    deinit {
        laneOfShard.deallocate()
    }

    /// What the lanes found for the transitions of `work`, a chunk taken from this pipeline;
    /// `nil` without lanes.
    @inlinable
    func results(of work: ChunkWork<System>) -> LaneResults? {
        lanes > 0 ? LaneResults(work, laneOfShard: laneOfShard) : nil
    }

    /// Starts `count` helper threads, each on a serial queue of its own: such queues are served
    /// by dispatch's overcommitting thread pool, which starts a thread at once, where the global
    /// concurrent queues may hold a helper back while the machine looks busy.
    @inlinable
    func start(helpers count: Int) {
        for helper in 1 ... max(count, 1) where helper <= count {
            DispatchQueue(label: "ShootdownChecker.helper.\(helper)", qos: .userInitiated).async(group: helpersDone) { [self] in
                helperLoop(number: helper)
            }
        }
    }

    /// Publishes a level, whose chunks' new states get `checks`; returns the number of chunks.
    @inlinable
    func begin(level blocks: [FrontierBlock<State>], checks: LaneChecks<State>) -> Int {
        let (chunks, wake) = board.withLock { board in
            board.blocks = blocks
            board.checks = checks
            board.claimed = 0
            board.consumed = 0
            for lane in board.laneNext.indices {
                board.laneNext[lane] = 0
            }
            return (board.chunkCount, Self.helpersToWake(&board, window: window))
        }
        signal(wakeHelpers, times: wake)
        return chunks
    }

    /// Lets go of the level's blocks once all its chunks are taken; returns the words lanes read
    /// while prefetching.
    @inlinable
    func endLevel() -> UInt64 {
        board.withLock { board in
            board.blocks = []
            let touched = board.touched
            board.touched = 0
            return touched
        }
    }

    /// Chunk `chunk` of the current level, expanded and stored by every lane. Must be called for
    /// chunks 0, 1, 2… in order; give each chunk back with `recycle` once its contents are used.
    @inlinable
    func take(_ chunk: Int, scratch: inout Expander<System>.Scratch) -> ChunkWork<System> {
        while true {
            let (task, wake) = board.withLock { board in
                let task = explorerTask(&board, needing: chunk)
                if case .wait = task {
                    board.explorerWaiting = true
                }
                return (task, Self.helpersToWake(&board, window: window))
            }
            signal(wakeHelpers, times: wake)
            switch task {
            case .ready(let work):
                return work
            case .wait:
                explorerWake.wait()
            case .finish:
                preconditionFailure("the exploring thread is never told to finish")
            default:
                run(task, with: expander, scratch: &scratch)
            }
        }
    }

    /// Gives a taken chunk back for reuse.
    @inlinable
    func recycle(_ work: ChunkWork<System>) {
        board.withLock { board in
            board.spare[work.owner].append(work)
        }
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

    /// Helper thread `number` (from 1; the exploring thread is 0): runs tasks until `finish`,
    /// expanding with its own replica of the system.
    @inlinable
    func helperLoop(number: Int) {
        let expander = expander.replica()
        var scratch = expander.makeScratch()
        while true {
            let (task, wake) = board.withLock { board in
                let task = helperTask(&board, number: number)
                if case .wait = task {
                    board.idleHelpers += 1
                }
                return (task, Self.helpersToWake(&board, window: window))
            }
            signal(wakeHelpers, times: wake)
            switch task {
            case .finish:
                return
            case .wait:
                wakeHelpers.wait()
            default:
                run(task, with: expander, scratch: &scratch)
            }
        }
    }
}
