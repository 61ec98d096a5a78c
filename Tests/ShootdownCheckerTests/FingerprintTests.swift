@testable import ShootdownChecker
import Testing

@Suite("Fingerprint storage")
struct FingerprintTests {
    /// A million states: fingerprints give exactly the counts and counterexamples of exact
    /// storage, in far less memory per state.
    @Test func sameCountsAsExactStorage() throws {
        let system = IndependentCounters(threads: 4, steps: 30)
        let specification = Specification(invariants: [system.totalBounded, system.atMostOneAdded], finals: [system.fullTotal])
        let exact = check(system, specification)
        let fingerprints = check(system, specification, CheckOptions(storage: .fingerprint))
        #expect(exact.statistics.states == 32 * 32 * 32 * 32)
        #expect(fingerprints.statistics.storage == .fingerprint)
        expectIdentical(fingerprints, exact, "fingerprints", sourceLocation: #_sourceLocation)
        #expect(exact.statistics.collisionProbability == 0)
        let n = Double(exact.statistics.states)
        #expect(abs(fingerprints.statistics.collisionProbability - n * n / 0x1p63) < 1e-12)
        // Fingerprints, parents and positions, plus the two largest levels in full.
        let perState = fingerprints.statistics.bytesPerState
        let frontier = Double(fingerprints.statistics.frontierBytes) / n
        #expect(perState - frontier <= 16.5)
        #expect(perState < exact.statistics.bytesPerState)
    }

    /// Eventualities need the transition graph over stored states: exact storage is used.
    @Test func livenessFallsBackToExactStorage() {
        let result = check(
            PoliteThreads(hasArbiter: false),
            Specification(eventualities: [PoliteThreads.someoneDone]),
            CheckOptions(storage: .fingerprint)
        )
        #expect(result.statistics.storage == .exact)
        #expect(!result.eventualities[0].holds)
    }

    /// More than 255 enabled actions: positions beyond a byte are kept aside and paths still
    /// replay.
    @Test func wideBranching() throws {
        let fan = (1 ... 300).map { (from: 0, to: $0, actor: 0, label: "to \($0)") }
        let system = ExplicitGraph(initial: [0], fan + [(300, 301, 0, "last")])
        let specification = Specification(invariants: [Invariant<Int>("not 301") { $0 != 301 }])
        let result = check(system, specification, CheckOptions(storage: .fingerprint))
        let path = try #require(result.invariants[0].counterexample)
        #expect(path.states == [0, 300, 301])
    }

    @Test func tableKeepsKeysOrderedAndFindsThem() {
        var table = FingerprintTable(capacity: 16)
        var generator = SplitMix(seed: 7)
        var keys: [UInt64] = []
        for _ in 0 ..< 50_000 {
            let key = FingerprintTable.key(generator.next())
            let (found, slot) = table.find(key)
            #expect(!found)
            table.insert(key, at: slot)
            keys.append(key)
        }
        // Some small keys too, to exercise the start of the table, and 0, stored as 1.
        for key: UInt64 in [0, 2, 3] {
            let stored = FingerprintTable.key(key)
            let (found, slot) = table.find(stored)
            if !found {
                table.insert(stored, at: slot)
                keys.append(stored)
            }
        }
        #expect(table.count == keys.count)
        #expect(table.find(FingerprintTable.key(0)).found)
        for key in keys {
            #expect(table.find(key).found)
        }
        let stored = table.entries.filter { $0 != 0 }
        #expect(stored == stored.sorted())
        #expect(stored.count == keys.count)
        #expect(Set(stored) == Set(keys.map(FingerprintTable.entry(of:))))
        #expect(table.entries.last == 0)
        let load = Double(table.count) / Double(table.capacity)
        #expect(load > 0.79 && load <= 0.9)
        #expect(!table.find(12345).found)
    }

    /// The table keeps a key's top 56 bits: keys differing only below them are one key, keys
    /// differing in them are two.
    @Test func tableKeepsTopFiftySixBits() {
        var table = FingerprintTable(capacity: 16)
        let key: UInt64 = 0x0123_4567_89AB_CDEF
        table.insert(key, at: table.find(key).slot)
        #expect(table.find(key ^ 0xFF).found)
        #expect(!table.find(key ^ 0x100).found)
        #expect(!table.find(key ^ (1 << 63)).found)
        let neighbour = key ^ 0x100
        table.insert(neighbour, at: table.find(neighbour).slot)
        #expect(table.count == 2)
        #expect(table.entries.filter { $0 != 0 } == [key >> 8, neighbour >> 8].sorted())
    }

    /// Keys crowded at the very top of the range overflow the spare slots after the last home
    /// position: the table grows its tail, and keeps every key, in order, with the slots beside
    /// each write intact.
    @Test func crowdedTopOfRangeGrowsTheTail() {
        var table = FingerprintTable(capacity: 16)
        var generator = SplitMix(seed: 11)
        var keys: Set<UInt64> = []
        for _ in 0 ..< 5_000 {
            let key = UInt64.max - (generator.next() >> 40) << 8
            if !table.find(key).found {
                table.insert(key, at: table.find(key).slot)
                keys.insert(key)
            }
        }
        #expect(table.count == keys.count)
        for key in keys {
            #expect(table.find(key).found)
        }
        let stored = table.entries.filter { $0 != 0 }
        #expect(stored == keys.map { $0 >> 8 }.sorted())
        #expect(table.entries.last == 0)
    }

    @Test func segmentedArrayAppendsAndIndexes() {
        var array = SegmentedArray<Int32>()
        for value in 0 ..< 200_000 {
            array.append(Int32(value))
        }
        #expect(array.count == 200_000)
        #expect(array[0] == 0 && array[65_535] == 65_535 && array[65_536] == 65_536 && array[199_999] == 199_999)
        // Four segments, each allocated for 65,536 elements (malloc may round a little up).
        #expect(array.allocatedBytes <= 4 * 65_536 * 4 * 103 / 100)
    }
}

/// A small deterministic 64-bit generator.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Reaching ordinals")
struct ReachingOrdinalsTests {
    /// Positions read back as appended: small ones from their nibbles, 15 and more from the
    /// side table, in both halves of a byte and in the byte being filled.
    @Test func readBackAsAppended() {
        var ordinals = ReachingOrdinals()
        var generator = SplitMix(seed: 3)
        var appended: [Int] = []
        for _ in 0 ..< 200_001 {
            let draw = generator.next()
            let ordinal = draw % 10 == 0 ? UInt32(14 + draw >> 50 % 300) : UInt32(draw >> 60 % 15)
            ordinals.append(ordinal)
            appended.append(Int(ordinal))
        }
        #expect(ordinals.count == appended.count)
        #expect(appended.contains(14) && appended.contains(15) && appended.contains(0))
        for (index, ordinal) in appended.enumerated() {
            #expect(ordinals[index] == ordinal)
        }
        #expect(ordinals.large.count == appended.filter { $0 >= 15 }.count)
    }
}
