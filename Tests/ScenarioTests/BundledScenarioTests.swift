import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport
import Testing

@Suite("Bundled scenarios")
struct BundledScenarioTests {
    @Test("there are bundled scenarios to check")
    func found() {
        #expect(BundledScenarios.all.count >= 8)
    }

    @Test("every bundled scenario meets the expectations written in it", arguments: BundledScenarios.all)
    func meetsExpectations(path: String) throws {
        let scenario = try ScenarioLowering.load(contentsOf: path)
        let outcome = try ScenarioCheck.run(scenario)
        #expect(outcome.result.isComplete)
        for judgement in outcome.judgements {
            #expect(judgement.isMet, "\(path): \(judgement.property) expected \(judgement.expected ?? "-"), found \(judgement.found)")
        }
        #expect(!scenario.expectations.verdicts.isEmpty || scenario.expectations.observation != nil,
                "\(path) states no expectation")
    }

    @Test("flipping a stated expectation makes the scenario fail", arguments: BundledScenarios.all)
    func flippedExpectationFails(path: String) throws {
        let source = try BundledScenarios.source(path)
        let flipped: String
        if source.contains("Expect: eventually holds") {
            flipped = source.replacingOccurrences(of: "Expect: eventually holds", with: "Expect: eventually violated")
        } else if source.contains("Expect: eventually violated") {
            flipped = source.replacingOccurrences(of: "Expect: eventually violated", with: "Expect: eventually holds")
        } else if source.contains("holds\n") {
            flipped = source.replacingOccurrences(of: "holds\n", with: "violated\n")
        } else if source.contains("violated\n") {
            flipped = source.replacingOccurrences(of: "violated\n", with: "holds\n")
        } else if source.contains("Result: Never") {
            flipped = source.replacingOccurrences(of: "Result: Never", with: "Result: Sometimes")
        } else {
            flipped = source.replacingOccurrences(of: "Result: ", with: "Result: Never // was ")
        }
        #expect(flipped != source)
        let outcome = try ScenarioCheck.run(try ScenarioLowering.load(source: flipped, file: path))
        #expect(!outcome.expectationsMet)
    }
}
