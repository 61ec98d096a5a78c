#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ShootdownChecker
import ShootdownLitmus
import ShootdownReport

extension Check {
    /// The options the command line gives, for one scenario whose progress line says `label`.
    func checkOptions(label: String) -> CheckOptions {
        var options = CheckOptions()
        options.fairness = fairness == .weak ? .weak : .none
        options.stateLimit = stateLimit
        options.reduction = reduction == .none ? .none : .partialOrder
        options.sleepSets = reduction == .por
        options.symmetry = !noSymmetry
        options.storage = storage == .exact ? .exact : .fingerprint
        options.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        options.stopAtFirstViolation = stopAtFirstViolation
        options.progress = Terminal.progressReporter(label: label)
        return options
    }

    /// The repair search for `outcome` (`--suggest`), or `nil` after reporting a candidate the
    /// model cannot build.
    func searchRepairs(for outcome: ScenarioOutcome) -> RepairSearchResult? {
        defer { Terminal.clearProgress() }
        do {
            return try RepairSearch.run(outcome) { checkOptions(label: $0) }
        } catch {
            Terminal.clearProgress()
            Terminal.error("\(outcome.scenario.file): error: repair search: \(error.description)")
            return nil
        }
    }

    /// Checks `file` variant by variant and prints one table, if it has a variants block;
    /// returns `false`, doing nothing, if it has none (or cannot be parsed: the caller reports that).
    /// With `--json` or `--html` each variant also becomes a report (one JSON result each).
    func checkVariants(of file: String, index: Int, renderer: SummaryRenderer,
                       badInput: inout Bool, unmet: inout Bool, reports: inout [ScenarioReport]) -> Bool {
        guard let ast = try? LitmusParser.parse(contentsOf: file), ast.variants != nil else { return false }
        if index > 0 && !json { print("") }
        guard let matrix = VariantRuns.lower(ast) else {
            badInput = true
            return true
        }
        guard let outcomes = VariantRuns.check(matrix, mergeRegisters: mergeRegisters, options: { checkOptions(label: $0) }) else {
            badInput = true
            return true
        }
        if json || html != nil {
            for outcome in outcomes {
                var report = ScenarioReport(outcome, traces: !noCounterexamples)
                if suggest, let repairs = searchRepairs(for: outcome) { report.repairs = RepairReport(repairs) }
                reports.append(report)
            }
        }
        if outcomes.contains(where: { !$0.expectationsMet }) { unmet = true }
        guard !json else { return true }
        print(VariantTableRenderer(details: renderer).render(matrix, outcomes: outcomes))
        if suggest {
            for outcome in outcomes {
                guard let repairs = searchRepairs(for: outcome), repairs.goalHolds != true else { continue }
                print("")
                print("\(outcome.scenario.name) [\(outcome.scenario.variant?.description ?? "")]")
                print(RepairRenderer().render(repairs))
            }
        }
        if outcomes.contains(where: { !$0.expectationsMet }) { unmet = true }
        return true
    }
}

/// Lowering and checking every variant of a file, with errors reported on standard error.
enum VariantRuns {
    /// The file's variants, or `nil` after reporting why it cannot be lowered.
    static func lower(_ ast: ScenarioAST, commandLine: VariantsAST? = nil) -> ScenarioMatrix? {
        do {
            return try ScenarioLowering.lowerMatrix(ast, commandLine: commandLine)
        } catch {
            Terminal.error(error.description)
            return nil
        }
    }

    /// Every variant's outcome, or `nil` after reporting a variant the model cannot build.
    static func check(_ matrix: ScenarioMatrix, mergeRegisters: Bool = false, options: (String) -> CheckOptions) -> [ScenarioOutcome]? {
        var outcomes: [ScenarioOutcome] = []
        for scenario in matrix.scenarios {
            let label = scenario.variant.map { "\(scenario.name) [\($0)]" } ?? scenario.name
            do {
                outcomes.append(try ScenarioCheck.run(scenario, options: options(label), mergeRegisters: mergeRegisters))
                Terminal.clearProgress()
            } catch {
                Terminal.clearProgress()
                Terminal.error(error.description)
                return nil
            }
        }
        return outcomes
    }
}
