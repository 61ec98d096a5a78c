import ShootdownModel

/// One step of an execution, narrated for people.
public struct TimelineEntry: Sendable {
    /// Index of the thread that moved.
    public var thread: Int
    /// What it did, labelled with the kernel function where it ran kernel code.
    public var text: String
    /// `file:function` of the kernel step, if any.
    public var citation: String?
    /// Costs of the step.
    public var cost: CostCounters
}

/// Narrates a sequence of actions from a state.
public enum Narration {
    /// Replays `actions` from `start` and narrates each step.
    public static func narrate(_ actions: [WorldAction], from start: WorldState, in world: World) -> [TimelineEntry] {
        var state = start
        var entries: [TimelineEntry] = []
        for action in actions {
            let (next, log) = world.describe(action, from: state)
            var text = log.step.map { "\($0.label)" } ?? log.summary
            if log.step != nil && !log.summary.isEmpty { text += " — " + log.summary }
            if !log.effects.isEmpty { text += " [" + log.effects.joined(separator: "; ") + "]" }
            entries.append(TimelineEntry(thread: Int(action.thread), text: text, citation: log.step?.citation,
                                         cost: log.cost))
            state = next
        }
        return entries
    }
}
