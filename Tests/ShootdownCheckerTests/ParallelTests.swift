import ShootdownChecker
import Synchronization
import Testing

@Suite("Exploring with several threads")
struct ParallelTests {
    /// Levels of thousands of states are shared out among the threads; counts, verdicts and
    /// counterexamples are those of one thread, with and without reductions.
    @Test(arguments: [Reduction.none, .partialOrder], [Storage.exact, .fingerprint])
    func sameResultsForEveryThreadCount(reduction: Reduction, storage: Storage) throws {
        let system = IndependentCounters(threads: 4, steps: 14)
        let specification = Specification(invariants: [system.totalBounded, system.atMostOneAdded], finals: [system.fullTotal])
        let single = check(system, specification, CheckOptions(reduction: reduction, storage: storage))
        #expect(single.statistics.threads == 1)
        for threads in [2, 3] {
            let parallel = check(system, specification, CheckOptions(reduction: reduction, storage: storage, threads: threads))
            #expect(parallel.statistics.threads == threads)
            expectIdentical(parallel, single, "\(threads) threads", sourceLocation: #_sourceLocation)
        }
        #expect(try #require(single.invariants[1].counterexample).actions.count > 0)
    }

    /// The cycle proviso sees "already stored" as one thread would.
    @Test func cycleProvisoIsDeterministic() {
        let system = SymmetricIncrement(threads: 4, rounds: 2)
        let specification = Specification(invariants: [system.bounded, SymmetricIncrement.belowTwo], finals: [system.allCounted])
        let single = check(system, specification, CheckOptions(reduction: .partialOrder, symmetry: true))
        let parallel = check(system, specification, CheckOptions(reduction: .partialOrder, symmetry: true, threads: 2))
        expectIdentical(parallel, single, "2 threads", sourceLocation: #_sourceLocation)
    }

    /// Progress is reported by the exploring thread at the same counts whatever the threads.
    @Test func progressIsTheSameWithThreads() {
        let system = IndependentCounters(threads: 3, steps: 10)
        var seen: [[Int]] = []
        for threads in [1, 2] {
            let reports = Mutex<[Int]>([])
            let options = CheckOptions(progressInterval: 100, progress: { progress in
                reports.withLock { $0.append(progress.states) }
            }, threads: threads)
            _ = check(system, Specification(invariants: [system.totalBounded]), options)
            seen.append(reports.withLock { $0 })
        }
        #expect(seen[0] == Array(stride(from: 100, through: 12 * 12 * 12, by: 100)))
        #expect(seen[1] == seen[0])
    }

    /// A state limit stops every thread at the same place.
    @Test func stateLimitWithThreads() {
        let system = IndependentCounters(threads: 3, steps: 20)
        let specification = Specification(invariants: [system.atMostOneAdded], finals: [system.fullTotal])
        let single = check(system, specification, CheckOptions(stateLimit: 5_000))
        let parallel = check(system, specification, CheckOptions(stateLimit: 5_000, threads: 2))
        #expect(!single.isComplete && !parallel.isComplete)
        #expect(parallel.statistics.states == 5_000)
        expectIdentical(parallel, single, "2 threads", sourceLocation: #_sourceLocation)
    }
}
