import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ShootdownChecker
import ShootdownLitmus
import ShootdownReport

/// `shootdown compare FILE`: check a scenario over a matrix of variants and print verdicts and
/// costs side by side.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario over its variants block, or over a matrix given here, and print verdicts and invalidation costs side by side.",
        discussion: """
            A file without a variants block is compared over the matrix given by the options below \
            (each a comma-separated list); its own Result:/Expect: lines, written for one configuration, \
            are then not judged. Costs are counted along one execution per variant: a shortest complete \
            execution the checker found, or, where none completes, the livelock up to its loop plus one lap.
            Exit status: 0 when every expectation held, 1 when one did not, 2 on bad input.
            """
    )

    @Argument(help: "A scenario file.")
    var file: String

    @Option(help: "Policies to compare, e.g. v6.2,patch-v2,v6.6.")
    var policy: String?

    @Option(help: "Architectures, e.g. arm64,x86.")
    var arch: String?

    @Option(help: "IOMMUs, e.g. smmuv3,vtd (combinations with the wrong architecture are skipped).")
    var iommu: String?

    @Option(help: "SMMUv3 broadcast TLB maintenance: on, off or on,off.")
    var btm: String?

    @Option(help: "ATS (device ATCs): on, off or on,off.")
    var ats: String?

    @Option(help: "Stop exploring a variant after this many states (its verdicts are then incomplete).")
    var stateLimit: Int?

    @Option(help: "Exploration threads (default: one per core).")
    var threads: Int?

    @Flag(help: "Print the comparison as the JSON document 'check --json' prints (docs/JSON-SCHEMA.md): one result per variant, each with its verdicts and the cost of its measured execution, without counterexample traces.")
    var json = false

    func run() throws {
        let ast: ScenarioAST
        do {
            ast = try LitmusParser.parse(contentsOf: file)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let given = [("policy", policy), ("arch", arch), ("iommu", iommu), ("btm", btm), ("ats", ats)]
            .compactMap { key, list in list.map { (key: key, values: $0.split(separator: ",").map(String.init)) } }
        let commandLine = given.isEmpty ? nil : VariantsAST.commandLine(given)
        guard let matrix = VariantRuns.lower(ast, commandLine: commandLine) else { throw ExitCode(2) }
        let outcomes = VariantRuns.check(matrix) { label in
            var options = CheckOptions()
            options.stateLimit = stateLimit
            options.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
            options.progress = Terminal.progressReporter(label: label)
            return options
        }
        guard let outcomes else { throw ExitCode(2) }
        if json {
            do {
                try ReportFile.printJSON(outcomes.map { ScenarioReport($0, traces: false) })
            } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        } else {
            print(CostComparisonRenderer().render(matrix, outcomes: outcomes))
        }
        if outcomes.contains(where: { !$0.expectationsMet }) { throw ExitCode(1) }
    }
}
