import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport
import Testing

/// The variant table `check` prints, the cost comparison `compare` prints, and the program
/// differences `explain --vs` prints. Every verdict and count expected here is taken from the
/// checker's outcomes, never written down.
@Suite("Variant tables, cost comparison and program differences")
struct VariantReportTests {
    static let upgrade = BundledScenarios.root + "/Scenarios/compare/upgrade.litmus"

    static func outcomes(_ matrix: ScenarioMatrix) throws -> [ScenarioOutcome] {
        try matrix.scenarios.map { try ScenarioCheck.run($0) }
    }

    /// The line of `text` whose first cells are the variant's values on `axes`, in order.
    static func row(of outcome: ScenarioOutcome, axes: [String], in text: String) -> String? {
        let variant = outcome.scenario.variant
        let values = axes.map { variant?.value(of: $0) ?? "-" }
        return text.split(separator: "\n").map(String.init).first { line in
            line.split(separator: " ", omittingEmptySubsequences: true).prefix(values.count).map(String.init) == values
        }
    }

    @Test("the upgrade matrix has the variants the model accepts, and every expectation in it holds")
    func upgradeMatrix() throws {
        let matrix = try ScenarioLowering.loadMatrix(contentsOf: Self.upgrade)
        #expect(matrix.axes == ["policy", "arch", "btm"])
        // 5 policies × (arm64 with and without BTM, x86 without): BTM is an SMMUv3 feature.
        #expect(matrix.scenarios.count == 15)
        #expect(matrix.skipped.count == 5 && matrix.skipped.allSatisfy { $0.variant.value(of: "arch") == "x86" })
        let outcomes = try Self.outcomes(matrix)
        for outcome in outcomes {
            #expect(outcome.expectationsMet, "\(outcome.scenario.variant?.description ?? "")")
        }
    }

    @Test("compare prints a row per variant with the checker's verdicts and counts")
    func compareRows() throws {
        let matrix = try ScenarioLowering.loadMatrix(contentsOf: Self.upgrade)
        let outcomes = try Self.outcomes(matrix)
        let text = CostComparisonRenderer().render(matrix, outcomes: outcomes)
        #expect(text.hasPrefix("Test upgrade (\(Self.upgrade)): 15 variants of policy × arch × btm"))
        let sections = text.components(separatedBy: "\nCost along one execution per variant")
        #expect(sections.count == 2)
        let (verdicts, costs) = (sections[0], sections[1])
        let costHeader = try #require(costs.split(separator: "\n").first { $0.hasPrefix("policy") })
        let counters = costHeader.split(separator: " ").dropFirst(4).map(String.init)
        #expect(!counters.isEmpty)
        for outcome in outcomes {
            let name = outcome.scenario.variant?.description ?? ""
            let verdictRow = try #require(Self.row(of: outcome, axes: matrix.axes, in: verdicts), "\(name)")
            #expect(verdictRow.contains(" \(try #require(outcome.observation).rawValue) "), "\(name): \(verdictRow)")
            let liveness = try #require(outcome.result.eventualities.first)
            #expect(verdictRow.contains(liveness.holds ? " holds " : " violated ("), "\(name): \(verdictRow)")
            #expect(verdictRow.hasSuffix("  met") == outcome.expectationsMet, "\(name): \(verdictRow)")

            let costRow = try #require(Self.row(of: outcome, axes: matrix.axes, in: costs), "\(name)")
            let cost = try #require(outcome.executionCost)
            let cells = costRow.split(separator: " ").map(String.init)
            let values = Dictionary(uniqueKeysWithValues: cost.total.entries.map { ($0.name, String($0.value)) })
            #expect(Array(cells.suffix(counters.count)) == counters.map { values[$0]! }, "\(name): \(costRow)")
            switch cost.execution {
            case .complete(let steps): #expect(costRow.contains("complete, \(steps) steps"))
            case .livelock(let stem, let lap):
                #expect(costRow.contains("livelock, \(stem) + \(lap)/lap"))
                #expect(liveness.counterexample?.isTerminal == false)
                #expect(text.contains("  \(name): "), "each lap of \(name) is listed")
            }
        }
    }

    @Test("the cost of the generic upgrade notify falls on x86, which needs none")
    func upgradeNotifyCostsX86() throws {
        let matrix = try ScenarioLowering.loadMatrix(contentsOf: Self.upgrade)
        let x86 = try Self.outcomes(matrix).filter { $0.scenario.variant?.value(of: "arch") == "x86" }
        var callbacks: [String: Int] = [:]
        for outcome in x86 {
            callbacks[outcome.scenario.configuration.policy.name] = try #require(outcome.executionCost).total.secondaryCallbacks
            #expect(outcome.livenessHolds == true)
        }
        #expect(callbacks["patch-v1+reuse"]! > 0)
        #expect(callbacks["patch-v2"] == 0 && callbacks["v6.6"] == 0 && callbacks["v6.2"] == 0)
    }

    @Test("a livelock's cost is counted to the loop plus one lap")
    func livelockCost() throws {
        let matrix = try ScenarioLowering.loadMatrix(contentsOf: Self.upgrade)
        let v62 = try #require(matrix.scenarios.first { $0.variant?.description == "policy=v6.2 arch=arm64 btm=off" })
        let outcome = try ScenarioCheck.run(v62)
        let cost = try #require(outcome.executionCost)
        let lasso = try #require(outcome.result.eventualities.first?.counterexample)
        #expect(cost.execution == .livelock(stem: lasso.stem.actions.count, lap: lasso.cycle.count))
        let lap = try #require(cost.perLap)
        var stem = CostCounters(summing: Narration.narrate(lasso.stem.actions, from: lasso.stem.states[0], in: outcome.world))
        stem += lap
        #expect(cost.total == stem)
        #expect(lap.pageRequests > 0, "the device retries its page request on every lap")
    }

    @Test("check prints one table, and the full report of a variant whose expectation fails")
    func checkTable() throws {
        let source = try BundledScenarios.source(Self.upgrade)
            .replacingOccurrences(of: "Result: Sometimes", with: "Result: Sometimes\nResult[policy=v6.6 arch=x86]: Never")
        let matrix = try ScenarioLowering.loadMatrix(source: source, file: "upgrade.litmus")
        let outcomes = try Self.outcomes(matrix)
        let text = VariantTableRenderer(details: SummaryRenderer(showCounterexamples: false)).render(matrix, outcomes: outcomes)
        let failing = outcomes.filter { !$0.expectationsMet }
        #expect(failing.map { $0.scenario.variant?.description } == ["policy=v6.6 arch=x86 btm=off"])
        #expect(text.contains("Result: EXPECTATION NOT MET in 1 of 15 variants"))
        #expect(text.contains("\nVariant policy=v6.6 arch=x86 btm=off\nTest upgrade (upgrade.litmus)"))
        #expect(text.contains("Expect final: Never, found Sometimes — UNEXPECTED"))
        let row = try #require(Self.row(of: failing[0], axes: matrix.axes, in: text))
        #expect(row.hasSuffix("NOT MET: final Sometimes, expected Never"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("Test upgrade") }.count == 2, "one heading, one detailed report")
    }

    @Test("a file without variants compares over a matrix given on the command line")
    func commandLineMatrix() throws {
        let path = BundledScenarios.root + "/Scenarios/seeds/upgrade-livelock-v6.2.litmus"
        let ast = try LitmusParser.parse(contentsOf: path)
        let commandLine = VariantsAST.commandLine([("policy", ["v6.2", "patch-v2"]), ("btm", ["off", "on"])])
        let matrix = try ScenarioLowering.lowerMatrix(ast, commandLine: commandLine)
        let outcomes = try Self.outcomes(matrix)
        let text = CostComparisonRenderer().render(matrix, outcomes: outcomes)
        #expect(outcomes.count == 4)
        for outcome in outcomes {
            #expect(Self.row(of: outcome, axes: ["policy", "btm"], in: text) != nil)
            #expect(outcome.expectationsMet, "the file's Result:/Expect: lines are not judged against other variants")
        }
    }

    @Test("explain --vs shows patch-v2's notify inserted after flush_tlb_page, and nothing on x86")
    func programDifferences() {
        let renderer = ProgramDiffRenderer()
        let arm64 = renderer.render(KernelPrograms(architecture: .arm64, policy: .v6_2),
                                    KernelPrograms(architecture: .arm64, policy: .patchV2),
                                    oldName: "arm64, v6.2", newName: "arm64, patch-v2")
        let lines = arm64.split(separator: "\n").map(String.init)
        #expect(lines.first == "--- handle_mm_fault (arm64, v6.2)")
        let inserted = lines.filter { $0.hasPrefix("+ ") }
        #expect(!inserted.isEmpty)
        // The page-size hunk after flush_tlb_page, and the contiguous-hugepage hunk after the
        // break-before-make flush, with the range as posted.
        #expect(inserted.allSatisfy {
            ($0.contains("__ptep_set_access_flags: mmu_notifier_invalidate_range")
                && $0.contains("(arch/arm64/mm/fault.c:__ptep_set_access_flags)"))
                || ($0.contains("huge_ptep_set_access_flags: mmu_notifier_invalidate_range(addr, addr + (pgsize + ncontig))")
                    && $0.contains("(arch/arm64/mm/hugetlbpage.c:huge_ptep_set_access_flags)"))
        })
        #expect(inserted.contains { $0.contains("__ptep_set_access_flags: mmu_notifier_invalidate_range") })
        #expect(!lines.contains { $0.hasPrefix("- ") }, "patch-v2 only adds")
        for (index, line) in lines.enumerated() where line.hasPrefix("+ ") {
            #expect(lines[index - 1].contains("__ptep_set_access_flags: flush_tlb_page")
                    || lines[index - 1].contains("huge_ptep_set_access_flags: get_clear_contig_flush: flush_tlb_range"),
                    "inserted right after the flush")
        }
        #expect(lines.contains { $0.hasPrefix("@@ -") && $0.hasSuffix(" @@") })
        #expect(arm64.contains("Unchanged: munmap"))
        let x86 = renderer.render(KernelPrograms(architecture: .x86, policy: .v6_2),
                                  KernelPrograms(architecture: .x86, policy: .patchV2),
                                  oldName: "x86, v6.2", newName: "x86, patch-v2")
        #expect(x86.hasPrefix("No program differs"))
    }

    @Test("the hunks of a difference reproduce both listings")
    func hunksAreConsistent() {
        let renderer = ProgramDiffRenderer(context: 1)
        let old = ["  a", "  b", "  c", "  d", "  e", "  f", "  g"]
        let new = ["  a", "  x", "  c", "  d", "  e", "  f", "  g", "  h"]
        let hunks = renderer.diff(old, new)
        #expect(hunks == [["@@ -1,3 +1,3 @@", "  a", "- b", "+ x", "  c"], ["@@ -7,1 +7,2 @@", "  g", "+ h"]])
    }
}
