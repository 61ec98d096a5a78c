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
        for threads in [2, 3, 4] {
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

    /// Thousands of states fully expanded by the cycle proviso, whose extra successors are stored
    /// at the end of each level: the same results for every thread count and both storages.
    @Test func cycleProvisoAtScale() throws {
        let system = CyclingCounters(threads: 4, modulus: 9)
        let specification = Specification(invariants: [system.notLastWithToken])
        let single = check(system, specification, CheckOptions(reduction: .partialOrder))
        #expect(single.statistics.provisoExpansions > 1000)
        #expect(single.statistics.states == 9 * 9 * 9 * 9 * 5)
        #expect(try #require(single.invariants[0].counterexample).actions.count == 9)
        for storage in [Storage.exact, .fingerprint] {
            for threads in [1, 2, 3, 4] where storage != .exact || threads > 1 {
                let other = check(system, specification, CheckOptions(reduction: .partialOrder, storage: storage, threads: threads))
                expectIdentical(other, single, "\(storage), \(threads) threads", sourceLocation: #_sourceLocation)
            }
        }
    }

    /// The cycle proviso's late edges are merged into the recorded graph: a liveness verdict and
    /// lasso that do not depend on the thread count, and the verdict of the unreduced graph.
    @Test func cycleProvisoWithRecordedGraph() throws {
        let system = CyclingCounters(threads: 3, modulus: 7)
        let taken = Eventually<CyclingCounters.State>("token taken", observes: [3]) { $0.token != 0 }
        let specification = Specification(invariants: [system.notLastWithToken], eventualities: [taken])
        let plain = check(system, specification, CheckOptions(fairness: .none))
        let single = check(system, specification, CheckOptions(fairness: .none, reduction: .partialOrder))
        #expect(single.statistics.reduction == .partialOrder)
        #expect(single.statistics.provisoExpansions > 100)
        #expect(!plain.eventualities[0].holds && !single.eventualities[0].holds)
        #expect(plain.invariants[0].holds == single.invariants[0].holds)
        for threads in [2, 3, 4] {
            let other = check(system, specification, CheckOptions(fairness: .none, reduction: .partialOrder, threads: threads))
            expectIdentical(other, single, "\(threads) threads", sourceLocation: #_sourceLocation)
        }
        // A state limit that stops the search while proviso successors are being stored.
        for limit in [300, 700, 1100, 1371] {
            let cut = check(system, specification, CheckOptions(fairness: .none, stateLimit: limit, reduction: .partialOrder))
            let cutParallel = check(
                system, specification, CheckOptions(fairness: .none, stateLimit: limit, reduction: .partialOrder, threads: 2)
            )
            #expect(!cut.isComplete && cut.statistics.states == limit)
            expectIdentical(cutParallel, cut, "limit \(limit)", sourceLocation: #_sourceLocation)
        }
    }

    /// Each helper thread explores with its own replica of the system; the results are those of
    /// one thread.
    @Test func helpersUseReplicas() {
        let replicas = ReplicaCount()
        let system = CountedReplicas(base: IndependentCounters(threads: 3, steps: 12), replicas: replicas)
        let specification = Specification(invariants: [Invariant<IndependentCounters.State>("total") { $0.total < 30 }])
        let single = check(system, specification, CheckOptions(storage: .fingerprint))
        #expect(replicas.count.withLock { $0 } == 0)
        let parallel = check(system, specification, CheckOptions(storage: .fingerprint, threads: 3))
        #expect(replicas.count.withLock { $0 } == 2)
        expectIdentical(parallel, single, "3 threads", sourceLocation: #_sourceLocation)
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

/// Counts the replicas made of a ``CountedReplicas`` system.
final class ReplicaCount: Sendable {
    let count = Mutex(0)
}

/// ``IndependentCounters`` that counts the replicas made of it.
struct CountedReplicas: TransitionSystem {
    let base: IndependentCounters
    let replicas: ReplicaCount

    var initialStates: [IndependentCounters.State] { base.initialStates }
    var actorCount: Int { base.actorCount }

    func enabledActions(in state: IndependentCounters.State, into actions: inout [Int]) {
        base.enabledActions(in: state, into: &actions)
    }

    func successor(of state: IndependentCounters.State, via action: Int) -> IndependentCounters.State {
        base.successor(of: state, via: action)
    }

    func footprint(of action: Int, in state: IndependentCounters.State) -> Footprint {
        base.footprint(of: action, in: state)
    }

    func replica() -> CountedReplicas {
        replicas.count.withLock { $0 += 1 }
        return self
    }
}
