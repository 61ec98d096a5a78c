import Foundation
import ShootdownLitmus
import ShootdownReport

/// The scenarios the report tests check, each checked once per test run.
enum ReportFixtures {
    /// A livelock: the `eventually` counterexample loops.
    static let livelockPath = "Scenarios/seeds/upgrade-livelock-v6.2.litmus"
    /// A `~exists` witness with PTL sections and range_start/end notifier calls.
    static let caseBPath = "Scenarios/case-b/case-b-mp-defer-cow-notify-to-range-end.litmus"

    static let livelock: ScenarioOutcome = check(livelockPath)
    static let caseB: ScenarioOutcome = check(caseBPath)

    private static func check(_ relative: String) -> ScenarioOutcome {
        do {
            return try ScenarioCheck.run(ScenarioLowering.load(contentsOf: BundledScenarios.root + "/" + relative))
        } catch {
            fatalError("\(relative): \(error)")
        }
    }

    /// The JSON document of both outcomes, as `check --json` writes it.
    static func document() throws -> Data {
        try CheckReport(results: [ScenarioReport(livelock), ScenarioReport(caseB)]).jsonData()
    }
}
