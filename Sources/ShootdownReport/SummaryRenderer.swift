import ShootdownChecker
import ShootdownLitmus
import ShootdownModel

/// Prints a scenario's result in herd7's manner, followed by the counterexamples.
public struct SummaryRenderer: Sendable {
    /// Print counterexample timelines for violated properties.
    public var showCounterexamples: Bool
    public var timeline: TimelineRenderer

    public init(showCounterexamples: Bool = true, timeline: TimelineRenderer = .init()) {
        self.showCounterexamples = showCounterexamples
        self.timeline = timeline
    }

    /// What sleep sets did, for the search line: how many actions they left out, or why they
    /// were withdrawn.
    static func sleepSetsClause(_ stats: Statistics) -> String {
        if stats.sleepSets {
            return ", sleep sets left out \(stats.sleptActions) actions"
        }
        if stats.sleepSetsWithdrawn {
            return ", sleep sets withdrawn (a transition closed onto an earlier level)"
        }
        return ""
    }

    public func render(_ outcome: ScenarioOutcome) -> String {
        let scenario = outcome.scenario
        let stats = outcome.result.statistics
        var lines: [String] = []
        lines.append("Test \(scenario.name) (\(scenario.file))")
        if let description = scenario.description { lines.append("  \"\(description)\"") }
        lines.append("Config \(scenario.configuration.summaryLine)")
        lines.append("States \(stats.states)  Transitions \(stats.transitions)  Terminal \(stats.terminalStates)  Depth \(stats.maxDepth)")
        lines.append("Search \(stats.reduction == .partialOrder ? "partial-order reduction (ample sets at \(stats.ampleStates) states, \(stats.provisoExpansions) cycle-proviso expansions\(Self.sleepSetsClause(stats)))" : "no reduction")"
                     + (stats.symmetry && outcome.world.hasSymmetry ? ", device symmetry" : "")
                     + (stats.symmetry && outcome.world.mergesRegisters ? ", registers merged by the final condition" : "")
                     + (stats.storage == .fingerprint ? ", fingerprints (collision probability \(stats.collisionProbability))" : ", exact states")
                     + ", \(stats.threads) thread\(stats.threads == 1 ? "" : "s")")
        if outcome.result.stoppedAtViolation {
            lines.append("STOPPED at the first violation (--stop-at-first-violation): counts cover the states explored so far; properties not found violated are unsettled")
        } else if !outcome.result.isComplete {
            lines.append("INCOMPLETE: the state limit stopped the exploration; verdicts are partial")
        }
        if let final = scenario.final, let found = outcome.result.finals.first, outcome.result.stoppedAtViolation,
           outcome.observation == nil {
            // Stopped before both kinds of final state were seen: the condition's verdict only.
            lines.append(outcome.conditionVerdict == false ? "No" : "Unsettled")
            lines.append("Condition \(final.quantifier.rawValue) \(final.text)")
            lines.append("Positive: \(found.satisfied) Negative: \(found.unsatisfied) (so far)")
        }
        if let final = scenario.final, let found = outcome.result.finals.first, let observation = outcome.observation {
            lines.append(outcome.conditionValidated == true ? "Ok" : "No")
            lines.append("Witnesses")
            lines.append("Positive: \(found.satisfied) Negative: \(found.unsatisfied)")
            lines.append("Condition \(final.quantifier.rawValue) \(final.text)")
            lines.append("Observation \(scenario.name) \(observation.rawValue) \(found.satisfied) \(found.unsatisfied)")
        }
        for invariant in outcome.result.invariants {
            let verdict = invariant.holds ? (outcome.result.stoppedAtViolation ? "unsettled" : "holds") : "violated"
            lines.append("Invariant \(invariant.name) \(verdict)")
        }
        for liveness in outcome.result.eventualities {
            let kind = liveness.counterexample.map { $0.isTerminal ? " (an execution ends without it)" : " (livelock)" } ?? ""
            lines.append("Eventually \(liveness.name) \(liveness.holds ? "holds" : "violated")\(kind)")
        }
        let time = stats.seconds < 1 ? "\(fixed(stats.seconds * 1000, 2)) ms" : "\(fixed(stats.seconds, 2)) s"
        lines.append("Time \(scenario.name) \(time) (\(fixed(stats.statesPerSecond, 0)) states/s)")
        for judgement in outcome.judgements where judgement.expected != nil && (judgement.stated || !judgement.isMet) {
            let mark = judgement.isMet ? "ok" : "UNEXPECTED"
            lines.append("Expect \(judgement.property): \(judgement.expected!), found \(judgement.found) — \(mark)")
        }
        lines.append(outcome.expectationsMet ? "Result: every expectation met" : "Result: EXPECTATION NOT MET")
        if showCounterexamples { lines.append(contentsOf: counterexamples(outcome)) }
        return lines.joined(separator: "\n")
    }

    private func counterexamples(_ outcome: ScenarioOutcome) -> [String] {
        var lines: [String] = []
        for trace in outcome.traces {
            lines.append("")
            lines.append("Counterexample: " + trace.title)
            lines.append(render(trace.actions, from: trace.start, world: outcome.world, loopStart: trace.loopStart))
        }
        return lines
    }

    private func render(_ actions: [WorldAction], from start: WorldState, world: World, loopStart: Int? = nil) -> String {
        let entries = Narration.narrate(actions, from: start, in: world)
        return timeline.render(entries, threads: world.threadNames, lanes: Narration.lanes(of: entries, in: world),
                               loopStart: loopStart)
            + "\nCost of these steps: " + CostCounters(summing: entries).nonZeroText
    }
}
