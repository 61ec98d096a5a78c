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

    public func render(_ outcome: ScenarioOutcome) -> String {
        let scenario = outcome.scenario
        let stats = outcome.result.statistics
        var lines: [String] = []
        lines.append("Test \(scenario.name) (\(scenario.file))")
        if let description = scenario.description { lines.append("  \"\(description)\"") }
        lines.append("Config \(scenario.configuration.summaryLine)")
        lines.append("States \(stats.states)  Transitions \(stats.transitions)  Terminal \(stats.terminalStates)  Depth \(stats.maxDepth)")
        lines.append("Search \(stats.reduction == .partialOrder ? "partial-order reduction (ample sets at \(stats.ampleStates) states, \(stats.provisoExpansions) cycle-proviso expansions)" : "no reduction")"
                     + (stats.symmetry ? ", device symmetry" : "")
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
            let violated = (final.quantifier == .notExists && found.witness != nil) || (final.quantifier == .forall && found.counterexample != nil)
            lines.append(violated ? "No" : "Unsettled")
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
        let stated = Set(scenario.expectations.verdicts.keys).union(scenario.expectations.observation == nil ? [] : ["final"])
        for judgement in outcome.judgements where judgement.expected != nil && (stated.contains(judgement.property) || !judgement.isMet) {
            let mark = judgement.isMet ? "ok" : "UNEXPECTED"
            lines.append("Expect \(judgement.property): \(judgement.expected!), found \(judgement.found) — \(mark)")
        }
        lines.append(outcome.expectationsMet ? "Result: every expectation met" : "Result: EXPECTATION NOT MET")
        if showCounterexamples { lines.append(contentsOf: counterexamples(outcome)) }
        return lines.joined(separator: "\n")
    }

    private func counterexamples(_ outcome: ScenarioOutcome) -> [String] {
        let world = outcome.world
        var lines: [String] = []
        for invariant in outcome.result.invariants {
            guard let path = invariant.counterexample else { continue }
            lines.append("")
            lines.append("Counterexample: \(invariant.name) violated after \(path.actions.count) steps")
            lines.append(render(path.actions, from: path.states[0], world: world))
        }
        for liveness in outcome.result.eventualities {
            guard let lasso = liveness.counterexample else { continue }
            lines.append("")
            if lasso.isTerminal {
                lines.append("Counterexample: eventually \(liveness.name) — this execution stops without it")
                lines.append(render(lasso.stem.actions, from: lasso.stem.states[0], world: world))
            } else {
                lines.append("Counterexample: eventually \(liveness.name) — a fair execution loops forever without it")
                let actions = lasso.stem.actions + lasso.cycle
                lines.append(render(actions, from: lasso.stem.states[0], world: world, loopStart: lasso.stem.actions.count))
            }
        }
        if let final = outcome.scenario.final, let found = outcome.result.finals.first {
            let wanted: Path<World>?
            switch final.quantifier {
            case .exists: wanted = nil
            case .notExists: wanted = found.witness
            case .forall: wanted = found.counterexample
            }
            if let path = wanted {
                lines.append("")
                lines.append("Counterexample: \(final.quantifier.rawValue) \(final.text) fails in this execution")
                lines.append(render(path.actions, from: path.states[0], world: world))
            }
        }
        return lines
    }

    private func render(_ actions: [WorldAction], from start: WorldState, world: World, loopStart: Int? = nil) -> String {
        let entries = Narration.narrate(actions, from: start, in: world)
        let cost = CostCounters(summing: entries)
        let costs = cost.entries.filter { $0.value > 0 }.map { "\($0.name) \($0.value)" }.joined(separator: ", ")
        // The scenario's own threads always have a lane; kernel workers and the IOMMU's walker
        // only when they act in this execution.
        let acting = Set(entries.map(\.thread))
        let lanes = world.threadNames.indices.filter { $0 < world.configuration.threads.count || acting.contains($0) }
        return timeline.render(entries, threads: world.threadNames, lanes: lanes, loopStart: loopStart)
            + "\nCost of these steps: " + (costs.isEmpty ? "none" : costs)
    }
}
