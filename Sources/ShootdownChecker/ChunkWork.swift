/// One chunk of a level on its way through a ``LevelPipeline``: the chunk's expansion, then what
/// each storing lane found for its transitions, until the exploring thread takes it.
///
/// A class, so that it moves between threads without copying its buffers. Its fields are
/// written by one thread at a time, handed over under the pipeline's lock; the lanes of one
/// chunk write disjoint stretches of `outcomes` (lane `l` writes `outcomes[l * stride + t]`, so
/// two lanes never share a cache line for long).
@usableFromInline
final class ChunkWork<System: TransitionSystem>: @unchecked Sendable {
    /// The chunk's number in its level.
    @usableFromInline var chunk: Int
    /// The thread that expanded it (0 for the exploring thread).
    @usableFromInline var owner: Int
    /// The successors of the chunk's states.
    @usableFromInline var expansion: Expansion<System>
    /// Per lane and transition, a ``LaneOutcome``.
    @usableFromInline var outcomes: UnsafeMutablePointer<UInt8>
    /// The bytes allocated at `outcomes`.
    @usableFromInline var outcomeCapacity: Int
    /// The distance between two lanes' outcomes: the number of transitions.
    @usableFromInline var stride: Int
    /// How many lanes have stored the chunk (guarded by the pipeline's lock).
    @usableFromInline var lanesDone: Int
    /// Per transition, whether the level's checks flag its target (``LaneChecks``); empty when
    /// no check is open. Computed by the thread that expanded the chunk, while the successors
    /// are still in its core's cache: a lane on the other core then reads one byte per
    /// transition instead of the whole state of each new one.
    @usableFromInline var flagged: [Bool]

    /// An empty chunk.
    @inlinable
    init() {
        chunk = -1
        owner = 0
        expansion = Expansion()
        outcomeCapacity = 256
        outcomes = .allocate(capacity: outcomeCapacity)
        stride = 0
        lanesDone = 0
        flagged = []
    }

    deinit {
        outcomes.deallocate()
    }

    /// Makes room for the outcomes of `lanes` lanes over the expansion's transitions.
    @inlinable
    func prepareOutcomes(lanes: Int) {
        stride = expansion.successors.count
        let needed = max(lanes * stride, 1)
        if needed > outcomeCapacity {
            outcomes.deallocate()
            outcomeCapacity = max(needed, 2 * outcomeCapacity)
            outcomes = .allocate(capacity: outcomeCapacity)
        }
        lanesDone = 0
    }

    /// Fills `flagged` for the expansion's successors.
    @inlinable
    func flagSuccessors(with checks: LaneChecks<System.State>) {
        var flags: [Bool] = []
        swap(&flags, &flagged)
        flags.removeAll(keepingCapacity: true)
        if !checks.invariants.isEmpty {
            flags.append(contentsOf: repeatElement(false, count: expansion.successors.count))
            // One invariant at a time over the whole chunk: each closure is retained once a
            // chunk, not once a state (threads retaining one closure write one reference count).
            expansion.successors.withUnsafeBufferPointer { successors in
                flags.withUnsafeMutableBufferPointer { flags in
                    for holds in checks.invariants {
                        for index in successors.indices where !flags[index] && !holds(successors[index]) {
                            flags[index] = true
                        }
                    }
                }
            }
        }
        swap(&flags, &flagged)
    }
}

/// What the lanes found for one chunk's transitions, read by the exploring thread: plain
/// pointers taken from a ``ChunkWork`` once per chunk, so that reading an outcome is two loads.
@usableFromInline
struct LaneResults {
    /// Per lane and transition, a ``LaneOutcome`` (`outcomes[lane * stride + transition]`).
    @usableFromInline let outcomes: UnsafePointer<UInt8>
    /// The distance between two lanes' outcomes.
    @usableFromInline let stride: Int
    /// The lane of each shard.
    @usableFromInline let laneOfShard: UnsafePointer<UInt8>

    /// The results written into `work`, whose lanes are given by `laneOfShard`.
    @inlinable
    init<System>(_ work: ChunkWork<System>, laneOfShard: UnsafePointer<UInt8>) {
        outcomes = UnsafePointer(work.outcomes)
        stride = work.stride
        self.laneOfShard = laneOfShard
    }

    /// What a lane found for transition `transition`, whose target's fingerprint is `hash`.
    @inlinable
    func outcome(of transition: Int, hash: UInt64) -> UInt8 {
        let shard = FingerprintShards.shard(of: FingerprintTable.key(hash))
        return outcomes[Int(laneOfShard[shard]) * stride + transition]
    }
}
