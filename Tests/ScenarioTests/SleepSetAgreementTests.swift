import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport
import Testing

/// Sleep sets apply to acyclic scenarios, such as the benchmark's COW-ordering scenarios (the
/// bundled ones all have retry loops or `eventually` clauses, so their searches never use them):
/// there they must change no verdict and no count of terminal states, and give the same figures
/// for every thread count and storage.
@Suite("Sleep sets change no verdict")
struct SleepSetAgreementTests {
    static let scenarios = ["cow-order-N2", "cow-order-N2-b", "cow-order-N3", "cow-order-N3-b", "cow-order-N4", "cow-order-N4-b"]

    static func load(_ name: String) throws -> Scenario {
        try ScenarioLowering.load(contentsOf: BundledScenarios.root + "/Benchmarks/scenarios/\(name).litmus")
    }

    static func options(sleepSets: Bool, storage: Storage = .exact, threads: Int = 1) -> CheckOptions {
        var options = CheckOptions()
        options.reduction = .partialOrder
        options.symmetry = true
        options.sleepSets = sleepSets
        options.storage = storage
        options.threads = threads
        return options
    }

    static func verdicts(_ outcome: ScenarioOutcome) -> [String] {
        outcome.judgements.map { "\($0.property): \($0.found)" }
    }

    @Test("with and without sleep sets: same verdicts and terminal states", arguments: scenarios)
    func agree(name: String) throws {
        let scenario = try Self.load(name)
        let plain = try ScenarioCheck.run(scenario, options: Self.options(sleepSets: false))
        let slept = try ScenarioCheck.run(scenario, options: Self.options(sleepSets: true))
        let unreduced = try ScenarioCheck.run(scenario, options: CheckOptions())
        let with = slept.result.statistics
        let without = plain.result.statistics
        #expect(with.sleepSets && !with.sleepSetsWithdrawn && with.sleptActions > 0)
        #expect(!without.sleepSets)
        #expect(Self.verdicts(slept) == Self.verdicts(plain))
        #expect(Self.verdicts(slept) == Self.verdicts(unreduced))
        #expect(with.terminalStates == without.terminalStates)
        #expect(slept.result.finals.map(\.satisfied) == plain.result.finals.map(\.satisfied))
        #expect(slept.result.finals.map(\.unsatisfied) == plain.result.finals.map(\.unsatisfied))
        #expect(slept.result.invariants.map(\.holds) == unreduced.result.invariants.map(\.holds))
        #expect(with.states <= without.states)
        #expect(with.transitions < without.transitions)
    }

    @Test("sleep sets give the same figures for every thread count and storage")
    func deterministic() throws {
        let scenario = try Self.load("cow-order-N4-b")
        let reference = try ScenarioCheck.run(scenario, options: Self.options(sleepSets: true)).result
        for storage in [Storage.exact, .fingerprint] {
            for threads in [1, 2, 3] {
                let result = try ScenarioCheck.run(scenario, options: Self.options(sleepSets: true, storage: storage, threads: threads)).result
                let comment = Comment(rawValue: "\(storage), \(threads) threads")
                #expect(result.statistics.states == reference.statistics.states, comment)
                #expect(result.statistics.transitions == reference.statistics.transitions, comment)
                #expect(result.statistics.sleptActions == reference.statistics.sleptActions, comment)
                #expect(result.statistics.terminalStates == reference.statistics.terminalStates, comment)
                #expect(result.finals.map(\.counterexample) == reference.finals.map(\.counterexample), comment)
            }
        }
    }
}
