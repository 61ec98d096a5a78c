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
    /// The execution ``ExecutionCost`` describes: its start, its actions (for a livelock, the
    /// steps up to the loop), and for a livelock the loop's actions; `nil` when the checker
    /// reported no complete execution and no livelock.
    public var measuredExecution: (start: WorldState, actions: [WorldAction], lap: [WorldAction]?)? {
        var complete: Path<World>?
        if let final = result.finals.first {
            let paths = [final.witness, final.counterexample].compactMap(\.self)
            complete = paths.min { $0.actions.count < $1.actions.count }
        }
        if complete == nil, let stops = result.eventualities.lazy.compactMap(\.counterexample).first(where: \.isTerminal) {
            complete = stops.stem
        }
        if let path = complete { return (path.states[0], world.unfused(path.actions), nil) }
        guard let lasso = result.eventualities.lazy.compactMap(\.counterexample).first(where: { !$0.isTerminal }) else {
            return nil
        }
        return (lasso.stem.states[0], lasso.stem.actions, lasso.cycle)
    }

    /// The cost of the execution ``ExecutionCost`` describes, or `nil` when the checker
    /// reported no complete execution and no livelock.
    public var executionCost: ExecutionCost? {
        guard let (start, actions, lap) = measuredExecution else { return nil }
        let entries = Narration.narrate(actions + (lap ?? []), from: start, in: world)
        guard let lap else {
            return ExecutionCost(execution: .complete(steps: actions.count), total: CostCounters(summing: entries))
        }
        return ExecutionCost(execution: .livelock(stem: actions.count, lap: lap.count),
                             total: CostCounters(summing: entries),
                             perLap: CostCounters(summing: entries[actions.count...]))
    }
}

extension CostCounters {
    /// The counts of narrated steps, added up.
    public init(summing entries: some Sequence<TimelineEntry>) {
        self.init()
        for entry in entries { self += entry.cost }
    }

    /// The counters that are not zero, as `name value` joined by commas; `none` when all are.
    public var nonZeroText: String {
        let text = entries.filter { $0.value > 0 }.map { "\($0.name) \($0.value)" }.joined(separator: ", ")
        return text.isEmpty ? "none" : text
    }
}
