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
        for scenario in try ScenarioLowering.loadMatrix(contentsOf: path).scenarios {
            let outcome = try ScenarioCheck.run(scenario)
            let name = "\(path) \(scenario.variant?.description ?? "")"
            #expect(outcome.result.isComplete)
            for judgement in outcome.judgements {
                #expect(judgement.isMet, "\(name): \(judgement.property) expected \(judgement.expected ?? "-"), found \(judgement.found)")
            }
            #expect(!scenario.expectations.verdicts.isEmpty || scenario.expectations.observation != nil,
                    "\(name) states no expectation")
        }
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
        let variants = try ScenarioLowering.loadMatrix(source: flipped, file: path).scenarios
        let outcomes = try variants.map { try ScenarioCheck.run($0) }
        #expect(outcomes.contains { !$0.expectationsMet })
    }

    @Test("stopping at the first violation keeps that violation and leaves the rest unsettled")
    func stopAtFirstViolation() throws {
        let path = BundledScenarios.root + "/Scenarios/kernel-paths/case-a-reclaim-free-before-range-end.litmus"
        let scenario = try ScenarioLowering.load(contentsOf: path)
        var options = CheckOptions()
        options.stopAtFirstViolation = true
        let stopped = try ScenarioCheck.run(scenario, options: options)
        let full = try ScenarioCheck.run(scenario)
        #expect(stopped.result.stoppedAtViolation && !stopped.result.isComplete)
        #expect(!full.result.stoppedAtViolation && full.result.isComplete)
        #expect(stopped.result.statistics.states < full.result.statistics.states)
        #expect(stopped.result.invariants.first { $0.name == "no-freed-frame-access" }?.holds == false)
        #expect(stopped.judgements.map(\.property) == ["no-freed-frame-access"])
        #expect(stopped.expectationsMet)
        let text = SummaryRenderer(showCounterexamples: false).render(stopped)
        #expect(text.contains("STOPPED at the first violation"))
        #expect(text.contains("Invariant frame-pool-sufficient unsettled"))
    }

    @Test("a refuted ~exists stops the search as soon as finished devices' registers refute it")
    func stopAtRefutedCondition() throws {
        let path = BundledScenarios.root + "/Benchmarks/scenarios/cow-order-N3-b.litmus"
        let scenario = try ScenarioLowering.load(contentsOf: path)
        var options = CheckOptions()
        options.stopAtFirstViolation = true
        let stopped = try ScenarioCheck.run(scenario, options: options)
        let full = try ScenarioCheck.run(scenario)
        #expect(stopped.result.stoppedAtViolation)
        #expect(stopped.result.statistics.states < full.result.statistics.states)
        // The witness is continued to a final state, where the condition's expression holds.
        let witness = try #require(stopped.result.finals.first?.witness)
        let world = stopped.world
        var actions: [WorldAction] = []
        world.enabledActions(in: witness.last, into: &actions)
        #expect(actions.isEmpty)
        #expect(world.evaluate(try #require(scenario.final).predicate, in: witness.last))
        let text = SummaryRenderer(showCounterexamples: false).render(stopped)
        #expect(text.contains("\nNo\n"))
        #expect(stopped.expectationsMet)
    }
}
