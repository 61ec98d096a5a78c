import ShootdownChecker
import ShootdownModel

/// The invalidations and other work of one execution the checker reported for a scenario,
/// counted step by step as the timelines count them.
///
/// The checker reports paths, not costs over all executions: the execution measured is a
/// shortest complete one (the final condition's witness or counterexample, whichever is
/// shorter, or an `eventually` counterexample that stops); when no execution the checker
/// reports completes, it is the livelock of an `eventually` counterexample, counted up to the
/// loop plus one lap.
public struct ExecutionCost: Sendable {
    /// Which execution was measured.
    public enum Execution: Sendable, Equatable {
        /// A complete execution (it ends in a terminal state) of this many steps.
        case complete(steps: Int)
        /// A livelock: `stem` steps to the loop, then a loop of `lap` steps repeated forever.
        case livelock(stem: Int, lap: Int)
    }

    /// Which execution was measured.
    public var execution: Execution
    /// The counts along it (for a livelock, the steps up to the loop and one lap).
    public var total: CostCounters
    /// For a livelock, what each further lap adds.
    public var perLap: CostCounters?

    public init(execution: Execution, total: CostCounters, perLap: CostCounters? = nil) {
        self.execution = execution
        self.total = total
        self.perLap = perLap
    }
}

extension ScenarioOutcome {
    /// The cost of the execution ``ExecutionCost`` describes, or `nil` when the checker
    /// reported no complete execution and no livelock.
    public var executionCost: ExecutionCost? {
        var complete: Path<World>?
        if let final = result.finals.first {
            let paths = [final.witness, final.counterexample].compactMap(\.self)
            complete = paths.min { $0.actions.count < $1.actions.count }
        }
        if complete == nil, let stops = result.eventualities.lazy.compactMap(\.counterexample).first(where: \.isTerminal) {
            complete = stops.stem
        }
        if let path = complete {
            return ExecutionCost(execution: .complete(steps: path.actions.count),
                                 total: cost(of: path.actions, from: path.states[0]))
        }
        guard let lasso = result.eventualities.lazy.compactMap(\.counterexample).first(where: { !$0.isTerminal }) else {
            return nil
        }
        let start = lasso.stem.states[0]
        let lap = cost(of: lasso.cycle, from: lasso.stem.last)
        var total = cost(of: lasso.stem.actions, from: start)
        total += lap
        return ExecutionCost(execution: .livelock(stem: lasso.stem.actions.count, lap: lasso.cycle.count),
                             total: total, perLap: lap)
    }

    private func cost(of actions: [WorldAction], from state: WorldState) -> CostCounters {
        CostCounters(summing: Narration.narrate(actions, from: state, in: world))
    }
}

extension CostCounters {
    /// The counts of narrated steps, added up.
    public init(summing entries: [TimelineEntry]) {
        self.init()
        for entry in entries { self += entry.cost }
    }
}
