import Dispatch
import Synchronization

extension LevelPipeline {
    /// The exploring thread's next task while it needs chunk `chunk` (which is `consumed`): the
    /// chunk itself when it is ready; else its own lane, if it can store; else the chunk's
    /// expansion, if nobody claimed it; else a lane that has not stored it yet; else a later
    /// chunk's expansion; else wait.
    @inlinable
    func explorerTask(_ board: inout Board, needing chunk: Int) -> Task {
        if let work = board.expanded(chunk, window: window), work.lanesDone == lanes {
            board.ready[chunk % window] = nil
            board.consumed = chunk + 1
            return .ready(work)
        }
        if lanes > 0 && board.laneCanStore(0, window: window) {
            return claimStore(&board, lane: 0, through: chunk)
        }
        if board.claimed == chunk {
            return claimExpansion(&board, thread: 0)
        }
        for lane in 0 ..< lanes where board.laneNext[lane] <= chunk && board.laneCanStore(lane, window: window) {
            return claimStore(&board, lane: lane, through: chunk)
        }
        if board.canClaimExpansion(window: window) {
            return claimExpansion(&board, thread: 0)
        }
        return .wait
    }

    /// Helper `number`'s next task: its own lane if it can store, else an expansion, else
    /// another lane that can store, else wait.
    @inlinable
    func helperTask(_ board: inout Board, number: Int) -> Task {
        if board.finished {
            return .finish
        }
        if lanes > 0 {
            let own = number % lanes
            if board.laneCanStore(own, window: window) {
                return claimStore(&board, lane: own, through: board.laneNext[own] + laneBatch - 1)
            }
        }
        if board.canClaimExpansion(window: window) {
            return claimExpansion(&board, thread: number)
        }
        for lane in 0 ..< lanes where board.laneCanStore(lane, window: window) {
            return claimStore(&board, lane: lane, through: board.laneNext[lane] + laneBatch - 1)
        }
        return .wait
    }

    /// Claims the next chunk for expansion by thread `thread`, in a buffer that thread used
    /// before if there is one (its lines are likelier to be in that core's cache).
    @inlinable
    func claimExpansion(_ board: inout Board, thread: Int) -> Task {
        let chunk = board.claimed
        board.claimed += 1
        var work = board.spare[thread].popLast()
        for other in board.spare.indices where work == nil {
            work = board.spare[other].popLast()
        }
        let claimed = work ?? ChunkWork()
        claimed.owner = thread
        claimed.chunk = chunk
        return .expand(claimed, block: board.blocks[chunk], checks: board.checks)
    }

    /// Claims lane `lane` for its next expanded chunks, up to chunk `last`.
    @inlinable
    func claimStore(_ board: inout Board, lane: Int, through last: Int) -> Task {
        board.laneBusy[lane] = true
        var works: [ChunkWork<System>] = []
        var next = board.laneNext[lane]
        while next <= last, let work = board.expanded(next, window: window) {
            works.append(work)
            next += 1
        }
        return .store(lane: lane, works: works)
    }

    /// Runs an expand or store task with `expander`, then publishes its result.
    @inlinable
    func run(_ task: Task, with expander: Expander<System>, scratch: inout Expander<System>.Scratch) {
        switch task {
        case .expand(let work, let block, let checks):
            var states: [State] = []
            swap(&states, &scratch.decoded)
            block.decode(with: codec, into: &states, words: &scratch.words)
            work.expansion.removeAll()
            states.withUnsafeBufferPointer { states in
                expander.expand(states, into: &work.expansion, scratch: &scratch)
            }
            swap(&states, &scratch.decoded)
            if lanes > 0 {
                work.flagSuccessors(with: checks)
            }
            work.prepareOutcomes(lanes: lanes)
            publish { board in
                board.ready[work.chunk % window] = work
            }
        case .store(let lane, let works):
            guard let shards else {
                preconditionFailure("store tasks need fingerprint shards")
            }
            var touched: UInt64 = 0
            for work in works {
                touched &+= work.expansion.hashes.withUnsafeBufferPointer { hashes in
                    work.flagged.withUnsafeBufferPointer { flagged in
                        work.expansion.sleepMasks.withUnsafeBufferPointer { sleep in
                            shards.store(
                                hashes,
                                lane: lane,
                                lanes: lanes,
                                outcomes: work.outcomes + lane * work.stride,
                                masks: expander.sleepMasks,
                                sleep: sleep
                            ) {
                                !flagged.isEmpty && flagged[$0]
                            }
                        }
                    }
                }
            }
            publish { board in
                for work in works {
                    work.lanesDone += 1
                }
                board.laneNext[lane] += works.count
                board.laneBusy[lane] = false
                board.touched &+= touched
            }
        case .ready, .wait, .finish:
            break
        }
    }

    /// Applies `change` to the board, then wakes the exploring thread if it waits and as many
    /// idle helpers as there are tasks for them.
    @inlinable
    func publish(_ change: (inout Board) -> Void) {
        let (wakeExplorer, wake) = board.withLock { board in
            change(&board)
            let wakeExplorer = board.explorerWaiting
            board.explorerWaiting = false
            return (wakeExplorer, Self.helpersToWake(&board, window: window))
        }
        if wakeExplorer {
            explorerWake.signal()
        }
        signal(wakeHelpers, times: wake)
    }

    /// Marks as many idle helpers as woken as there are tasks they could start; returns how many
    /// to signal.
    @inlinable
    static func helpersToWake(_ board: inout Board, window: Int) -> Int {
        guard board.idleHelpers > 0 else {
            return 0
        }
        let wake = min(board.idleHelpers, board.helperTasks(window: window))
        board.idleHelpers -= wake
        return wake
    }

    /// Signals `semaphore` `times` times.
    @inlinable
    func signal(_ semaphore: DispatchSemaphore, times: Int) {
        for _ in 0 ..< times {
            semaphore.signal()
        }
    }
}
