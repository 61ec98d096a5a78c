import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport
import Testing

/// The thread count changes no figure: on the smaller benchmark scenarios and on seeds (with a
/// violation, with a liveness clause, and stopping at the first violation), 1, 2, 3 and 4
/// threads give the same counts, verdicts and counterexamples, with fingerprints and with exact
/// storage.
@Suite("Every thread count gives the same results")
struct ThreadCountTests {
    static var scenarios: [String] {
        ["Benchmarks/scenarios/cow-order-N3", "Benchmarks/scenarios/cow-order-N4", "Benchmarks/scenarios/cow-order-N3-b",
         "Scenarios/seeds/munmap-atc-skip-notifier-with-btm", "Scenarios/seeds/upgrade-livelock-v6.2",
         "Scenarios/seeds/upgrade-reuse-v6.2"].map { BundledScenarios.root + "/\($0).litmus" }
    }

    @Test("counts, verdicts and counterexamples agree for 1 to 4 threads",
          arguments: scenarios, [Storage.fingerprint, .exact])
    func agree(path: String, storage: Storage) throws {
        for stopping in [false, true] {
            try agree(path: path, storage: storage, stopping: stopping)
        }
    }

    func agree(path: String, storage: Storage, stopping: Bool) throws {
        let scenario = try ScenarioLowering.load(contentsOf: path)
        var options = CheckOptions()
        options.reduction = .partialOrder
        options.symmetry = true
        options.storage = storage
        options.stopAtFirstViolation = stopping
        options.threads = 1
        let single = try ScenarioCheck.run(scenario, options: options).result
        for threads in 2 ... 4 {
            options.threads = threads
            let parallel = try ScenarioCheck.run(scenario, options: options).result
            let comment = Comment(rawValue: "\(path) \(storage) \(threads) threads, stopping \(stopping)")
            #expect(parallel.statistics.threads == threads)
            #expect(parallel.statistics.states == single.statistics.states, comment)
            #expect(parallel.statistics.transitions == single.statistics.transitions, comment)
            #expect(parallel.statistics.terminalStates == single.statistics.terminalStates, comment)
            #expect(parallel.statistics.maxDepth == single.statistics.maxDepth, comment)
            #expect(parallel.statistics.ampleStates == single.statistics.ampleStates, comment)
            #expect(parallel.statistics.provisoExpansions == single.statistics.provisoExpansions, comment)
            #expect(parallel.isComplete == single.isComplete && parallel.stoppedAtViolation == single.stoppedAtViolation, comment)
            #expect(parallel.invariants.map(\.counterexample) == single.invariants.map(\.counterexample), comment)
            #expect(parallel.finals.map(\.satisfied) == single.finals.map(\.satisfied), comment)
            #expect(parallel.finals.map(\.unsatisfied) == single.finals.map(\.unsatisfied), comment)
            #expect(parallel.finals.map(\.witness) == single.finals.map(\.witness), comment)
            #expect(parallel.finals.map(\.counterexample) == single.finals.map(\.counterexample), comment)
            #expect(parallel.eventualities.map(\.counterexample) == single.eventualities.map(\.counterexample), comment)
        }
    }
}
