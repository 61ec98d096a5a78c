import Dispatch
@testable import ShootdownChecker
import Testing

@Suite("Sharded fingerprint storing")
struct ShardedStoringTests {
    /// The hashes and the outcome bytes, shared by the lanes' threads (each lane writes only its
    /// own transitions' bytes).
    struct Buffers: @unchecked Sendable {
        let hashes: UnsafeBufferPointer<UInt64>
        let outcomes: UnsafeMutablePointer<UInt8>
    }

    /// Hashes with many repeats, and the outcomes one ordered table gives them in order.
    static func workload(count: Int, seed: UInt64) -> (hashes: [UInt64], new: [Bool]) {
        var generator = SplitMix(seed: seed)
        var hashes: [UInt64] = []
        for _ in 0 ..< count {
            let fresh = generator.next()
            // About one lookup in three repeats an earlier hash; some hashes are 0.
            if !hashes.isEmpty && fresh % 3 == 0 {
                hashes.append(hashes[Int(fresh >> 8) % hashes.count])
            } else {
                hashes.append(fresh % 1000 == 0 ? 0 : fresh)
            }
        }
        var table = FingerprintTable(capacity: 16)
        let new = hashes.map { hash in
            let key = FingerprintTable.key(hash)
            let (found, slot) = table.find(key)
            if !found {
                table.insert(key, at: slot)
            }
            return !found
        }
        return (hashes, new)
    }

    /// Lanes on concurrent threads, each storing its shards in chunk order, report exactly the
    /// new and repeated hashes of one table storing everything in order.
    @Test(arguments: [1, 2, 3, 4])
    func lanesAgreeWithOneTable(lanes: Int) {
        let (hashes, new) = Self.workload(count: 60_000, seed: UInt64(lanes))
        let shards = FingerprintShards(tracksLevels: false)
        let outcomes = UnsafeMutablePointer<UInt8>.allocate(capacity: hashes.count)
        defer { outcomes.deallocate() }
        hashes.withUnsafeBufferPointer { hashes in
            let chunks = stride(from: 0, to: hashes.count, by: 300).map { $0 ..< min($0 + 300, hashes.count) }
            let shared = Buffers(hashes: hashes, outcomes: outcomes)
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                for chunk in chunks {
                    _ = shards.store(
                        UnsafeBufferPointer(rebasing: shared.hashes[chunk]),
                        lane: lane,
                        lanes: lanes,
                        outcomes: shared.outcomes + chunk.lowerBound,
                        flags: { _ in false }
                    )
                }
            }
        }
        let reported = (0 ..< hashes.count).map { outcomes[$0] == LaneOutcome.new }
        #expect(reported == new)
        #expect(shards.count == new.filter { $0 }.count)
        for hash in hashes.prefix(1000) {
            #expect(shards.find(hash).found)
        }
        // Each shard's table keeps its keys ordered.
        for shard in 0 ..< FingerprintShards.shardCount {
            let stored = shards.tables[shard].entries.filter { $0 != 0 }
            #expect(stored == stored.sorted())
        }
    }

    /// With levels tracked, a hash stored since `beginLevel()` is told from an older one, and
    /// flagged new states are marked.
    @Test func levelsAndFlags() {
        let shards = FingerprintShards(tracksLevels: true)
        let old: [UInt64] = (1 ... 500).map { $0 &* 0x9E37_79B9_7F4A_7C15 }
        for hash in old {
            shards.insert(hash)
        }
        shards.beginLevel()
        let fresh: [UInt64] = (501 ... 700).map { $0 &* 0x9E37_79B9_7F4A_7C15 }
        let hashes = fresh + old.prefix(100) + fresh.prefix(50)
        let outcomes = UnsafeMutablePointer<UInt8>.allocate(capacity: hashes.count)
        defer { outcomes.deallocate() }
        hashes.withUnsafeBufferPointer { buffer in
            for lane in 0 ..< 2 {
                _ = shards.store(buffer, lane: lane, lanes: 2, outcomes: outcomes, flags: { $0 % 2 == 0 })
            }
        }
        for transition in hashes.indices {
            let expected: UInt8
            if transition < fresh.count {
                expected = LaneOutcome.new | (transition % 2 == 0 ? LaneOutcome.flagged : 0)
            } else if transition < fresh.count + 100 {
                expected = LaneOutcome.storedBefore
            } else {
                expected = LaneOutcome.storedInLevel
            }
            #expect(outcomes[transition] == expected)
        }
        #expect(shards.find(fresh[0]) == (true, true))
        #expect(shards.find(old[0]) == (true, false))
        shards.beginLevel()
        #expect(shards.find(fresh[0]) == (true, false))
        #expect(shards.count == 700)
    }
}
