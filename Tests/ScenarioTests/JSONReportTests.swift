import Foundation
import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport
import Testing

@Suite("JSON report")
struct JSONReportTests {
    /// Decodes the document and pairs each result with the outcome it was made from.
    func decoded() throws -> [(ScenarioReport, ScenarioOutcome)] {
        let report = try CheckReport.decode(ReportFixtures.document())
        #expect(report.schema == "shootdown-check")
        #expect(report.version == CheckReport.currentVersion)
        #expect(report.results.count == 2)
        return Array(zip(report.results, [ReportFixtures.livelock, ReportFixtures.caseB]))
    }

    @Test("the document is one JSON object with the schema's name, version and results")
    func envelope() throws {
        let object = try #require(JSONSerialization.jsonObject(with: ReportFixtures.document()) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "version", "results"])
        #expect(object["schema"] as? String == "shootdown-check")
        #expect(object["version"] as? Int == 1)
    }

    @Test("scenario, variant and exploration figures are those of the run")
    func figures() throws {
        for (report, outcome) in try decoded() {
            let scenario = outcome.scenario
            let configuration = scenario.configuration
            let stats = outcome.result.statistics
            #expect(report.file == scenario.file)
            #expect(report.scenario.name == scenario.name)
            #expect(report.scenario.description == scenario.description)
            #expect(report.variant.architecture == configuration.architecture.rawValue)
            #expect(report.variant.policy.name == configuration.policy.name)
            #expect(report.variant.policy.secondaryTLBCallback == configuration.policy.era.callbackName)
            #expect(report.variant.iommu.kind == configuration.iommu.kind.rawValue)
            #expect(report.variant.iommu.btm == configuration.iommu.btm)
            #expect(report.variant.iommu.ats == configuration.iommu.ats)
            #expect(report.variant.iommu.prefetch == configuration.iommu.prefetch)
            #expect(report.variant.tlbCapacity == configuration.tlbCapacity)
            #expect(report.exploration.states == stats.states)
            #expect(report.exploration.transitions == stats.transitions)
            #expect(report.exploration.terminalStates == stats.terminalStates)
            #expect(report.exploration.maxDepth == stats.maxDepth)
            #expect(report.exploration.seconds == stats.seconds)
            #expect(report.exploration.complete == outcome.result.isComplete)
        }
    }

    @Test("the final condition, invariants, liveness and expectations are the outcome's verdicts")
    func verdicts() throws {
        for (report, outcome) in try decoded() {
            let final = try #require(outcome.scenario.final)
            let found = try #require(outcome.result.finals.first)
            let condition = try #require(report.finalCondition)
            #expect(condition.kind == final.quantifier.rawValue)
            #expect(condition.condition == final.text)
            #expect(condition.observation == outcome.observation?.rawValue)
            #expect(condition.validated == outcome.conditionValidated)
            #expect(condition.positive == found.satisfied && condition.negative == found.unsatisfied)
            #expect(report.invariants.map(\.name) == outcome.result.invariants.map(\.name))
            #expect(report.invariants.map { $0.verdict == "violated" } == outcome.result.invariants.map { !$0.holds })
            #expect(report.liveness.map(\.condition) == outcome.result.eventualities.map(\.name))
            for (liveness, result) in zip(report.liveness, outcome.result.eventualities) {
                #expect((liveness.verdict == "holds") == result.holds)
                #expect((liveness.counterexample == "livelock") == (result.counterexample.map { !$0.isTerminal } ?? false))
            }
            let judged = outcome.judgements.filter { $0.expected != nil }
            #expect(report.expectations.map(\.property) == judged.map(\.property))
            #expect(report.expectations.map(\.actual) == judged.map(\.found))
            #expect(report.expectations.map(\.met) == judged.map(\.isMet))
            #expect(report.expectationsMet == outcome.expectationsMet)
            #expect(report.expectationsMet == report.expectations.allSatisfy(\.met))
        }
    }

    @Test("each trace is the narrated execution: same steps, lanes, loop and cost")
    func traces() throws {
        for (report, outcome) in try decoded() {
            let traces = outcome.traces(witnesses: true)
            #expect(report.traces.count == traces.count)
            #expect(!report.traces.isEmpty)
            for (trace, source) in zip(report.traces, traces) {
                let entries = Narration.narrate(source.actions, from: source.start, in: outcome.world)
                #expect(trace.kind == source.kind)
                #expect(trace.loopStart == source.loopStart)
                #expect(trace.steps.map(\.text) == entries.map(\.text))
                #expect(trace.steps.map(\.time) == Array(1...entries.count))
                #expect(trace.steps.map(\.lane) == entries.map { outcome.world.threadNames[$0.thread] })
                let lanes = Set(trace.lanes.map(\.thread))
                #expect(trace.steps.allSatisfy { lanes.contains($0.thread) })
                var cost = CostCounters()
                for entry in entries { cost += entry.cost }
                #expect(trace.cost == cost)
                for step in trace.steps {
                    #expect((step.category == .ptlTake) == (step.call?.hasPrefix("pte_offset_map_lock") ?? false))
                    #expect((step.category == .ptlDrop) == (step.call?.hasPrefix("pte_unmap_unlock") ?? false))
                    #expect(step.citation.map { $0.hasSuffix(":" + (step.function ?? "")) } ?? (step.function == nil))
                }
            }
        }
    }

    @Test("the livelock's trace loops; case B's witness calls range_start and range_end")
    func traceShapes() throws {
        let results = try decoded().map(\.0)
        let loop = try #require(results[0].traces.first { $0.kind == .liveness })
        #expect(loop.loopStart != nil)
        let witness = try #require(results[1].traces.first { $0.kind == .final })
        let notifierCalls = witness.steps.filter { $0.category == .notifier }
        #expect(notifierCalls.contains { $0.call == "mmu_notifier_invalidate_range_end" })
        #expect(notifierCalls.contains { $0.effects.contains { $0.contains("mmu_notifier_invalidate_range_start") } })
    }

    @Test("every CostCounters field is in a trace's cost, by name")
    func costFields() throws {
        let object = try #require(JSONSerialization.jsonObject(with: ReportFixtures.document()) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        let traces = try #require(results[1]["traces"] as? [[String: Any]])
        let cost = try #require(traces.first?["cost"] as? [String: Int])
        let fields = Mirror(reflecting: CostCounters()).children.compactMap(\.label)
        #expect(Set(cost.keys) == Set(fields))
        #expect(fields.count == CostCounters().entries.count)
    }
}
