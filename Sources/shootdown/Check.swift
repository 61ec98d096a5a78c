import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport

/// `shootdown check PATH…`: explore every scenario and compare with its expectations.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenarios (.litmus files, or folders of them) against the expectations they state.",
        discussion: "Exit status: 0 when every expectation held, 1 when one did not, 2 on bad input."
    )

    @Argument(help: "Scenario files or folders (searched recursively for .litmus files).")
    var paths: [String]

    @Flag(help: "Print timelines one line per step instead of [Time N] blocks.")
    var compact = false

    @Flag(help: "Do not print counterexample timelines.")
    var noCounterexamples = false

    @Option(help: "Stop exploring a scenario after this many states (its verdicts are then incomplete).")
    var stateLimit: Int?

    @Option(help: "Fairness for 'eventually' conditions: weak (per thread) or none.")
    var fairness: FairnessChoice = .weak

    @Option(help: "State-space reduction: por (partial-order: ample sets and sleep sets, the default), ample (ample sets without sleep sets) or none.")
    var reduction: ReductionChoice = .por

    @Flag(help: "Do not merge states that differ only by a permutation of interchangeable devices.")
    var noSymmetry = false

    @Flag(help: "Merge states whose registers, read by nothing but the final condition, hold values it cannot tell apart (as a hand-written model keeps one bit per reader). Verdicts are unchanged; terminal states are counted by class.")
    var mergeRegisters = false

    @Option(help: "Visited-state storage: exact (full states) or fingerprint (62 bits of a 64-bit hash per state, far less memory).")
    var storage: StorageChoice = .exact

    @Option(help: "Exploration threads (default: one per core). Verdicts and counts do not depend on it.")
    var threads: Int?

    @Flag(help: "End the search at the first violation found (an invariant failing, or a final state that refutes a ~exists or forall condition); other verdicts are then unsettled.")
    var stopAtFirstViolation = false

    @Flag(help: "For a scenario that violates an invariant, an eventually clause, or a ~exists or forall condition, try secondary-TLB notifications on the offending path and print the minimal ones that repair it, with their cost (docs/REPAIR.md). The exit status is not affected.")
    var suggest = false

    @Flag(help: "Print one JSON document (schema: docs/JSON-SCHEMA.md) on standard output instead of the text report.")
    var json = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML report of every scenario checked to this file.",
                               valueName: "FILE"))
    var html: String?

    func run() throws {
        let files: [String]
        do {
            files = try ScenarioFiles.collect(paths)
        } catch let error as ScenarioFiles.Failure {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        if let html {
            do {
                try ReportFile.prepare(html)
            } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        }
        var badInput = false
        var unmet = false
        var reports: [ScenarioReport] = []
        let renderer = SummaryRenderer(showCounterexamples: !noCounterexamples,
                                       timeline: TimelineRenderer(compact: compact))
        for (index, file) in files.enumerated() {
            if checkVariants(of: file, index: index, renderer: renderer, badInput: &badInput, unmet: &unmet,
                             reports: &reports) { continue }
            let scenario: Scenario
            do {
                scenario = try ScenarioLowering.load(contentsOf: file)
            } catch {
                Terminal.error(error.description)
                badInput = true
                continue
            }
            let outcome: ScenarioOutcome
            do {
                outcome = try ScenarioCheck.run(scenario, options: checkOptions(label: scenario.name), mergeRegisters: mergeRegisters)
            } catch {
                Terminal.clearProgress()
                Terminal.error(error.description)
                badInput = true
                continue
            }
            Terminal.clearProgress()
            let repairs = suggest ? searchRepairs(for: outcome) : nil
            if json || html != nil {
                var report = ScenarioReport(outcome, traces: !noCounterexamples)
                report.repairs = repairs.map(RepairReport.init)
                reports.append(report)
            }
            if !json {
                if index > 0 { print("") }
                print(renderer.render(outcome))
                if let repairs {
                    print("")
                    print(RepairRenderer().render(repairs))
                }
            }
            if !outcome.expectationsMet { unmet = true }
        }
        if files.count > 1 && !json {
            print("")
            print("Checked \(files.count) scenario\(files.count == 1 ? "" : "s")"
                  + (badInput ? "; some could not be read" : "") + (unmet ? "; some expectations not met" : "; every expectation met"))
        }
        do {
            try writeReports(reports)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        if badInput { throw ExitCode(2) }
        if unmet { throw ExitCode(1) }
    }

    /// Prints the JSON document and writes the HTML report, as asked.
    private func writeReports(_ reports: [ScenarioReport]) throws(ReportFile.Failure) {
        if json { try ReportFile.printJSON(reports) }
        if let html {
            try ReportFile.write(HTMLReport(results: reports).render(), to: html)
        }
    }
}

enum FairnessChoice: String, ExpressibleByArgument, CaseIterable {
    case weak
    case none
}

enum ReductionChoice: String, ExpressibleByArgument, CaseIterable {
    case por
    case ample
    case none
}

enum StorageChoice: String, ExpressibleByArgument, CaseIterable {
    case exact
    case fingerprint
}
