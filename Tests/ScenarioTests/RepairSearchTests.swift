import Foundation
import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
@testable import ShootdownReport
import Testing

@Suite("check --suggest: repairs the checker confirms")
struct RepairSearchTests {
    /// The command line's defaults: partial-order reduction and symmetry, two threads.
    static func options(_ label: String = "") -> CheckOptions {
        CheckOptions(reduction: .partialOrder, symmetry: true, threads: 2)
    }

    static func outcome(_ relative: String) throws -> ScenarioOutcome {
        try ScenarioCheck.run(ScenarioLowering.load(contentsOf: BundledScenarios.root + "/" + relative), options: options())
    }

    static func search(_ outcome: ScenarioOutcome) throws -> RepairSearchResult {
        try RepairSearch.run(outcome, options: options)
    }

    @Test("The upgrade livelock under v6.2: patch-v2's placement is among the repairs, under the PTL")
    func livelock() throws {
        let search = try Self.search(Self.outcome("Scenarios/seeds/upgrade-livelock-v6.2.litmus"))
        #expect(search.goalHolds == false)
        let v2 = try #require(search.suggestions.first { suggestion in
            suggestion.placements.count == 1
                && suggestion.placements[0].rewrites == KernelPolicy.patchV2.rewrites.filter { $0.site == "__ptep_set_access_flags.flush_tlb_page" }
        })
        #expect(v2.placements[0].underPTL)
        #expect(v2.placements[0].anchor.citation == "arch/arm64/mm/fault.c:__ptep_set_access_flags")
        // The repaired policy passes the check on its own.
        #expect(v2.addedRuns > 0 && v2.cost != nil)
        let text = RepairRenderer().render(search)
        #expect(text.contains("after __ptep_set_access_flags: flush_tlb_page (arch/arm64/mm/fault.c), under the PTL"))
    }

    @Test("Case B with the COW notify deferred to range_end: the repairs notify under the PTL in wp_page_copy")
    func caseB() throws {
        let search = try Self.search(Self.outcome("Scenarios/case-b/case-b-mp-defer-cow-notify-to-range-end.litmus"))
        #expect(search.goalHolds == false)
        #expect(!search.suggestions.isEmpty)
        for suggestion in search.suggestions {
            #expect(suggestion.placements.count == 1)
            #expect(suggestion.placements[0].underPTL && suggestion.placements[0].anchor.function == "wp_page_copy")
        }
        // The cheapest takes the notification from range_end, as the kernel's only_end does.
        #expect(search.suggestions.first?.placements[0].movesNotification == true)
    }

    @Test("A scenario that meets the goal gets no suggestion and nothing is tried")
    func noViolation() throws {
        let search = try Self.search(Self.outcome("Scenarios/seeds/upgrade-patch-v2.litmus"))
        #expect(search.goalHolds == true)
        #expect(search.suggestions.isEmpty && search.attempts.isEmpty)
        let text = RepairRenderer().render(search)
        #expect(text.hasPrefix("Suggested repairs: none needed"))
        #expect(!text.contains("1. "))
    }

    @Test("The candidates cover every kernel step site of the offending executions", arguments: [
        "Scenarios/seeds/upgrade-livelock-v6.2.litmus",
        "Scenarios/kernel-paths/case-a-reclaim-free-before-range-end.litmus",
        "Scenarios/kernel-paths/reclaim-tlbbatch-add-pending-no-notify.litmus",
    ])
    func coverage(_ path: String) throws {
        let outcome = try Self.outcome(path)
        var sites: Set<String> = []
        for trace in outcome.traces {
            var state = trace.start
            for action in trace.actions {
                let (next, log) = outcome.world.describe(action, from: state)
                for step in (log.step.map { [$0] } ?? []) + log.silentSteps { sites.insert(step.site) }
                state = next
            }
        }
        #expect(!sites.isEmpty)
        let candidates = RepairSearch.candidates(refuting: outcome)
        #expect(Set(candidates.filter { !$0.movesNotification }.map(\.anchor.site)) == sites)
    }

    @Test("Two defects: no single placement repairs both, so pairs are tried and found")
    func pairs() throws {
        let source = """
            arm64 two-defects
            policy = reclaim-free-before-range-end
            iommu  = smmuv3 btm=off ats=off
            {
              page x: anon, value 0, pte rw clean;
              page y: anon, value 1, pte rw dirty;
              iotlb x: ro;
              iotlb y: rw;
            }
             CPU0                | DEV0    ;
             reclaim(y, nobatch) | r0 = *y ;
                                 | *x = 2  ;
            eventually done(DEV0)
            """
        let scenario = try ScenarioLowering.load(source: source, file: "two-defects.litmus")
        let search = try RepairSearch.run(ScenarioCheck.run(scenario, options: Self.options()), maxPairs: 16,
                                          options: Self.options)
        #expect(search.attempts.filter { $0.placements.count == 1 }.allSatisfy { $0.meetsGoal == false })
        #expect(search.pairsTried > 0 && search.pairsTried <= 16)
        #expect(!search.suggestions.isEmpty)
        for suggestion in search.suggestions {
            #expect(Set(suggestion.placements.map(\.anchor.function)).count == 2)
        }
    }

    @Test("The command prints the section after the summary, puts it in --json, and keeps the exit status")
    func command() throws {
        let path = "Scenarios/seeds/upgrade-livelock-v6.2.litmus"
        let plain = try ShootdownCommand.run(["check", "--no-counterexamples", path])
        let suggested = try ShootdownCommand.run(["check", "--no-counterexamples", "--suggest", path])
        #expect(suggested.status == plain.status)
        let text = String(decoding: suggested.stdout, as: UTF8.self)
        let summary = try #require(text.range(of: "Result: "))
        let section = try #require(text.range(of: "Suggested repairs (goal: "))
        #expect(summary.upperBound <= section.lowerBound)
        // The summary is the same but for its timing line.
        func summaryLines(_ text: String) -> [Substring] {
            text.split(separator: "\n").prefix { !$0.hasPrefix("Suggested repairs") }.filter { !$0.hasPrefix("Time ") }
        }
        #expect(summaryLines(text) == summaryLines(String(decoding: plain.stdout, as: UTF8.self)))

        let json = try ShootdownCommand.run(["check", "--json", "--suggest", path])
        #expect(json.status == plain.status)
        let repairs = try #require(CheckReport.decode(json.stdout).results.first?.repairs)
        #expect(repairs.goalHolds == false && !repairs.suggestions.isEmpty)
        #expect(repairs.suggestions.contains { $0.placements.map(\.afterCall) == ["flush_tlb_page"] })
        let withoutFlag = try ShootdownCommand.run(["check", "--json", path])
        #expect(try CheckReport.decode(withoutFlag.stdout).results.first?.repairs == nil)
    }
}
