import Foundation
import ShootdownReport
import ShootdownLitmus
import Testing

/// Runs the `shootdown` executable that the test build puts beside the test bundle.
enum ShootdownCommand {
    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("shootdown")
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: BundledScenarios.root)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so that a full pipe cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("check --json and --html")
struct CheckCommandTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ShootdownCommand.executable.path),
                     "the shootdown executable is built beside the tests")
    }

    @Test("--json prints one JSON document and nothing else; the exit status is 0 exactly when every expectation is met")
    func json() throws {
        // Unreduced, as the library run of the fixtures is, so that the counts compare.
        let run = try ShootdownCommand.run(["check", "--json", "--reduction", "none", "--no-symmetry",
                                            ReportFixtures.livelockPath, ReportFixtures.caseBPath])
        let report = try CheckReport.decode(run.stdout)
        #expect(report.results.map(\.file) == [ReportFixtures.livelockPath, ReportFixtures.caseBPath])
        #expect((run.status == 0) == report.results.allSatisfy(\.expectationsMet))
        #expect(run.status == 0 || run.status == 1)
        let text = String(decoding: run.stdout, as: UTF8.self)
        #expect(text.hasPrefix("{") && text.hasSuffix("}\n"))
        // Verdicts and counts are those of a library run of the same scenario with the same options.
        let caseB = try #require(report.results.last)
        #expect(caseB.exploration.states == ReportFixtures.caseB.result.statistics.states)
        #expect(caseB.finalCondition?.observation == ReportFixtures.caseB.observation?.rawValue)
        #expect(caseB.traces.map(\.steps.count) == ReportFixtures.caseB.traces(witnesses: true).map(\.actions.count))
    }

    @Test("--json on a file with a variants block gives one result per variant the model accepts, and no text")
    func jsonVariants() throws {
        let path = BundledScenarios.root + "/Scenarios/compare/upgrade.litmus"
        let run = try ShootdownCommand.run(["check", "--json", "--no-counterexamples", path])
        let report = try CheckReport.decode(run.stdout)
        let matrix = try ScenarioLowering.loadMatrix(contentsOf: path)
        #expect(report.results.count == matrix.scenarios.count)
        #expect(Set(report.results.map(\.variant.policy.name)) == Set(matrix.scenarios.map(\.configuration.policy.name)))
        #expect((run.status == 0) == report.results.allSatisfy(\.expectationsMet))
        #expect(String(decoding: run.stdout, as: UTF8.self).hasPrefix("{"))
    }

    @Test("compare --json gives the check document: one result per variant, with costs and no traces")
    func compareJSON() throws {
        let path = BundledScenarios.root + "/Scenarios/compare/upgrade.litmus"
        let run = try ShootdownCommand.run(["compare", "--json", path])
        let report = try CheckReport.decode(run.stdout)
        let matrix = try ScenarioLowering.loadMatrix(contentsOf: path)
        #expect(report.results.count == matrix.scenarios.count)
        #expect(report.results.allSatisfy { $0.traces.isEmpty })
        let text = try ShootdownCommand.run(["compare", path])
        #expect(text.status == run.status)
        let observations = report.results.compactMap(\.finalCondition?.observation)
        #expect(observations.count == report.results.count)
        for observation in Set(observations) {
            #expect(String(decoding: text.stdout, as: UTF8.self).contains(observation))
        }
    }

    @Test("--json with a missing or malformed file: errors on stderr, exit 2, the other results on stdout")
    func jsonBadInput() throws {
        let missing = try ShootdownCommand.run(["check", "--json", ReportFixtures.livelockPath, "no/such/file.litmus"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/file.litmus: error:"))
        #expect(missing.stdout.isEmpty)
        let partial = try ShootdownCommand.run(["check", "--json", ReportFixtures.livelockPath, "Package.swift"])
        #expect(partial.status == 2)
        #expect(partial.stderr.contains("Package.swift:"))
        #expect(try CheckReport.decode(partial.stdout).results.count == 1)
    }

    @Test("--html writes the report and keeps the text on stdout")
    func html() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("shootdown-report-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try ShootdownCommand.run(["check", "--html", file.path, ReportFixtures.livelockPath])
        #expect(run.status == 0)
        #expect(String(decoding: run.stdout, as: UTF8.self).contains("Observation upgrade-livelock-v6.2 Never"))
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
    }

    @Test("--html to a path that cannot be written: a message and exit 2, before any checking")
    func htmlUnwritable() throws {
        let run = try ShootdownCommand.run(["check", "--html", "/nonexistent-folder/report.html", ReportFixtures.livelockPath])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/nonexistent-folder/report.html: error: cannot write the report"))
        #expect(run.stdout.isEmpty)
    }
}
