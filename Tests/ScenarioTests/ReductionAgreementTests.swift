import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport
import Testing

/// Reduction must change no verdict: every bundled scenario (and the smallest benchmark
/// scenarios) gives the same verdicts with partial-order reduction (fused speculative fills
/// included) and symmetry as without either, the same again with fingerprint storage on two
/// threads, and the same with registers merged by the final condition.
@Suite("Reduction changes no verdict")
struct ReductionAgreementTests {
    static var scenarios: [String] {
        BundledScenarios.all + ["cow-order-N2", "cow-order-N2-b", "cow-order-N3", "cow-order-N3-b"].map {
            BundledScenarios.root + "/Benchmarks/scenarios/\($0).litmus"
        }
    }

    static func verdicts(_ outcome: ScenarioOutcome) -> [String] {
        outcome.judgements.map { "\($0.property): \($0.found)" }
    }

    @Test("reduced, unreduced and fingerprinted searches agree", arguments: scenarios)
    func agree(path: String) throws {
        for scenario in try ScenarioLowering.loadMatrix(contentsOf: path).scenarios {
            try agree(scenario, path: "\(path) \(scenario.variant?.description ?? "")")
        }
    }

    func agree(_ scenario: Scenario, path: String) throws {
        var plain = CheckOptions()
        plain.reduction = .none
        plain.symmetry = false
        plain.threads = 1
        var reduced = CheckOptions()
        reduced.reduction = .partialOrder
        reduced.symmetry = true
        reduced.threads = 1
        var fingerprinted = reduced
        fingerprinted.storage = .fingerprint
        fingerprinted.threads = 2
        let unreduced = try ScenarioCheck.run(scenario, options: plain)
        let withReduction = try ScenarioCheck.run(scenario, options: reduced)
        let withFingerprints = try ScenarioCheck.run(scenario, options: fingerprinted)
        let merged = try ScenarioCheck.run(scenario, options: reduced, mergeRegisters: true)
        #expect(unreduced.result.isComplete && withReduction.result.isComplete && withFingerprints.result.isComplete)
        #expect(!Self.verdicts(unreduced).isEmpty)
        #expect(Self.verdicts(withReduction) == Self.verdicts(unreduced), "\(path)")
        #expect(Self.verdicts(withFingerprints) == Self.verdicts(unreduced), "\(path)")
        #expect(Self.verdicts(merged) == Self.verdicts(unreduced), "\(path) with merged registers")
        #expect(merged.result.statistics.states <= withReduction.result.statistics.states)
        #expect(withReduction.result.statistics.states <= unreduced.result.statistics.states)
    }
}
