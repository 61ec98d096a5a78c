import ShootdownChecker
import ShootdownModel

extension ScenarioReport {
    /// The report of `outcome`: its counterexamples and, for a satisfiable `exists` condition, a
    /// witness; with `traces` false no execution at all.
    public init(_ outcome: ScenarioOutcome, traces: Bool = true) {
        let scenario = outcome.scenario
        let result = outcome.result
        file = scenario.file
        self.scenario = Identity(name: scenario.name, description: scenario.description)
        variant = VariantReport(scenario.configuration)
        exploration = ExplorationReport(result)
        exploration.symmetry = result.statistics.symmetry && outcome.world.hasSymmetry
        exploration.mergedRegisters = result.statistics.symmetry && outcome.world.mergesRegisters
        if let final = scenario.final, let found = result.finals.first {
            finalCondition = FinalConditionReport(kind: final.quantifier.rawValue, condition: final.text,
                                                  observation: outcome.observation?.rawValue,
                                                  validated: outcome.conditionVerdict,
                                                  positive: found.satisfied, negative: found.unsatisfied)
        }
        invariants = result.invariants.map { invariant in
            InvariantReport(name: invariant.name,
                            verdict: invariant.holds ? (result.stoppedAtViolation ? "unsettled" : "holds") : "violated")
        }
        liveness = result.eventualities.map { eventuality in
            LivenessReport(condition: eventuality.name, verdict: eventuality.holds ? "holds" : "violated",
                           counterexample: eventuality.counterexample.map { $0.isTerminal ? "terminal" : "livelock" })
        }
        expectations = outcome.judgements.compactMap { judgement in
            judgement.expected.map {
                ExpectationReport(property: judgement.property, expected: $0, actual: judgement.found,
                                  met: judgement.isMet, stated: judgement.stated)
            }
        }
        expectationsMet = outcome.expectationsMet
        self.traces = traces ? outcome.traces(witnesses: true).map { TraceReport($0, in: outcome.world) } : []
    }
}

extension TraceReport {
    /// The report of `trace`, narrated in `world`.
    public init(_ trace: OutcomeTrace, in world: World) {
        let entries = Narration.narrate(trace.actions, from: trace.start, in: world)
        kind = trace.kind
        property = trace.property
        title = trace.title
        lanes = Narration.lanes(of: entries, in: world).map {
            Lane(thread: $0, name: world.threadNames[$0], role: Self.roleName(world.roles[$0]))
        }
        steps = entries.enumerated().map { index, entry in
            Step(time: index + 1, thread: entry.thread, lane: world.threadNames[entry.thread], function: entry.function,
                 call: entry.call, citation: entry.citation, summary: entry.summary, effects: entry.effects,
                 category: entry.category, text: entry.text)
        }
        loopStart = trace.loopStart
        var cost = CostCounters()
        for entry in entries { cost += entry.cost }
        self.cost = cost
    }

    private static func roleName(_ role: ThreadRole) -> String {
        switch role {
        case .cpu: return "cpu"
        case .device: return "device"
        case .iopfWorker: return "iopf-worker"
        case .iommuPrefetcher: return "iommu-walker"
        case .mirror: return "mirror-device"
        }
    }
}
