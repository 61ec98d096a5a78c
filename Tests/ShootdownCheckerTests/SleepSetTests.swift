@testable import ShootdownChecker
import Testing

@Suite("Sleep sets")
struct SleepSetTests {
    static func options(sleepSets: Bool, storage: Storage = .exact, threads: Int = 1) -> CheckOptions {
        var options = CheckOptions(reduction: .partialOrder, storage: storage, threads: threads)
        options.sleepSets = sleepSets
        return options
    }

    /// Three writers and a reader: until the reader has read, no ample set exists, so those
    /// states are expanded fully and the writers' diamonds are explored both ways; sleep sets
    /// take each diamond's second way out. The 8 terminal states (the orders the reader can see)
    /// and the final predicates' counts stay those of the unreduced search.
    @Test(arguments: [Storage.exact, .fingerprint], [1, 2])
    func writersDiamondsAreNotExploredTwice(storage: Storage, threads: Int) {
        let system = WritersAndReader(writers: 3)
        let specification = Specification(invariants: [], finals: [WritersAndReader.readerDone, system.readerEarly])
        let unreduced = check(system, specification, CheckOptions(storage: storage, threads: threads))
        let plain = check(system, specification, Self.options(sleepSets: false, storage: storage, threads: threads))
        let slept = check(system, specification, Self.options(sleepSets: true, storage: storage, threads: threads))
        #expect(!plain.statistics.sleepSets && plain.statistics.sleptActions == 0)
        #expect(slept.statistics.sleepSets && !slept.statistics.sleepSetsWithdrawn)
        #expect(slept.statistics.sleptActions > 0)
        #expect(slept.statistics.transitions < plain.statistics.transitions)
        #expect(slept.statistics.states <= plain.statistics.states)
        #expect(unreduced.statistics.terminalStates == 8)
        for result in [plain, slept] {
            #expect(result.statistics.terminalStates == unreduced.statistics.terminalStates)
            #expect(result.finals.map(\.satisfied) == unreduced.finals.map(\.satisfied))
            #expect(result.finals.map(\.unsatisfied) == unreduced.finals.map(\.unsatisfied))
        }
        #expect(slept.finals[1].unsatisfied == 1)
    }

    /// The figures do not depend on storage or thread count.
    @Test func sameFiguresForEveryStorageAndThreadCount() {
        let system = WritersAndReader(writers: 5)
        let specification = Specification(invariants: [], finals: [system.readerEarly])
        let reference = check(system, specification, Self.options(sleepSets: true))
        #expect(reference.statistics.sleptActions > 0)
        for storage in [Storage.exact, .fingerprint] {
            for threads in [1, 2, 3] {
                let result = check(system, specification, Self.options(sleepSets: true, storage: storage, threads: threads))
                expectIdentical(result, reference, Comment(rawValue: "\(storage) \(threads)"), sourceLocation: #_sourceLocation)
            }
        }
    }

    /// A state reached again one level later (actor 0's jump against its two steps) may have
    /// been expanded with a sleep set that the later path does not justify: the search starts
    /// again without sleep sets, and says so.
    @Test(arguments: [Storage.exact, .fingerprint], [1, 2])
    func closingOntoAnEarlierLevelWithdrawsThem(storage: Storage, threads: Int) {
        let specification = Specification(invariants: [Shortcut.seen])
        let plain = check(Shortcut(), specification, Self.options(sleepSets: false, storage: storage, threads: threads))
        let result = check(Shortcut(), specification, Self.options(sleepSets: true, storage: storage, threads: threads))
        #expect(result.statistics.sleepSetsWithdrawn)
        #expect(!result.statistics.sleepSets && result.statistics.sleptActions == 0)
        #expect(Counts(result.statistics) == Counts(plain.statistics))
        #expect(result.statistics.states == 4)
        #expect(result.isComplete)
    }

    /// Without partial-order reduction, in a cyclic system, or with eventualities, sleep sets do
    /// not apply.
    @Test func appliedOnlyWhereTheyAreSound() {
        let counters = IndependentCounters(threads: 2, steps: 2)
        let unreduced = check(counters, Specification(invariants: [counters.totalBounded]), CheckOptions())
        #expect(!unreduced.statistics.sleepSets)
        let cyclic = CyclingCounters(threads: 2, modulus: 3)
        let cycling = check(cyclic, Specification(invariants: [cyclic.notLastWithToken]), Self.options(sleepSets: true))
        #expect(!cycling.statistics.sleepSets && !cycling.statistics.sleepSetsWithdrawn)
        let never = Eventually<IndependentCounters.State>("never") { _ in false }
        let live = check(counters, Specification(eventualities: [never]), Self.options(sleepSets: true))
        #expect(!live.statistics.sleepSets)
    }
}

@Suite("Sleep-set table")
struct SleepTableTests {
    /// A transition into a new state sets its mask; later ones intersect it; a state never
    /// merged has the empty set.
    @Test func mergeIntersects() {
        var table = SleepTable()
        defer { table.deallocate() }
        table.merge(0b1011, into: 0x1234_5678_9ABC_DEF0)
        table.merge(0b0110, into: 0x1234_5678_9ABC_DEF0)
        #expect(table.mask(of: 0x1234_5678_9ABC_DEF0) == 0b0010)
        #expect(table.count == 1)
        #expect(table.mask(of: 0x0FED_CBA9_8765_4321) == 0)
        let present = table.intersect(0b0011, into: 0x1234_5678_9ABC_DEF0)
        #expect(present)
        #expect(table.mask(of: 0x1234_5678_9ABC_DEF0) == 0b0010)
        let absent = table.intersect(0b1111, into: 0x0FED_CBA9_8765_4321)
        #expect(!absent)
        #expect(table.count == 1)
    }

    /// Hashes with the same 32 key bits share an entry: the intersection, a subset of each
    /// state's set.
    @Test func collidingKeysShareTheIntersection() {
        var table = SleepTable()
        defer { table.deallocate() }
        let first: UInt64 = 0xAAAA_0000_1111_0000
        let second: UInt64 = 0x5555_0000_1111_FFFF
        #expect(SleepTable.key(first) == SleepTable.key(second))
        table.merge(0b1100, into: first)
        table.merge(0b0110, into: second)
        #expect(table.mask(of: first) == 0b0100)
        #expect(table.mask(of: second) == 0b0100)
    }

    /// Growing keeps every entry; emptying keeps the slots of a table a quarter full and frees
    /// those of a sparser one.
    @Test func growAndEmpty() {
        var table = SleepTable()
        defer { table.deallocate() }
        var random = SplitMix(seed: 7)
        var hashes: [UInt64] = []
        for index in 0 ..< 3000 {
            let hash = random.next()
            hashes.append(hash)
            table.merge(UInt32(truncatingIfNeeded: index) | 1, into: hash)
        }
        let keys = Set(hashes.map(SleepTable.key))
        #expect(table.count == keys.count)
        #expect(table.count * 5 <= table.capacity * 4)
        for (index, hash) in hashes.enumerated() where hashes.firstIndex(where: { SleepTable.key($0) == SleepTable.key(hash) }) == index {
            #expect(table.mask(of: hash) & 1 == 1)
        }
        let capacity = table.capacity
        table.removeAll()
        #expect(table.count == 0 && table.capacity == capacity)
        #expect(table.mask(of: hashes[0]) == 0)
        table.merge(1, into: hashes[0])
        table.removeAll()
        #expect(table.capacity == 0 && table.slots == nil)
    }
}
