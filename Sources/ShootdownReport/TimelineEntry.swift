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
    /// The kernel function the step models, when it is a kernel program step.
    public var function: String?
    /// The call or statement inside ``function``, when it is a kernel program step.
    public var call: String?
    /// A one-line summary of what happened, e.g. `write a = 1 (TLB hit)`; may be empty for a
    /// kernel step that only needs its label.
    public var summary: String
    /// Effects worth showing, e.g. `IOTLB[a] invalidated`.
    public var effects: [String]
    /// What kind of step it is (PTL, notifier, access, …).
    public var category: StepCategory
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
            let thread = Int(action.thread)
            entries.append(TimelineEntry(thread: thread, text: text, citation: log.step?.citation, cost: log.cost,
                                         function: log.step?.function, call: log.step?.call, summary: log.summary,
                                         effects: log.effects,
                                         category: .of(step: log.step, cost: log.cost, role: world.roles[thread])))
            state = next
        }
        return entries
    }

    /// The lanes a timeline of `entries` shows: the scenario's own threads always, kernel
    /// workers and the IOMMU's walkers only when they act in this execution.
    public static func lanes(of entries: [TimelineEntry], in world: World) -> [Int] {
        let acting = Set(entries.map(\.thread))
        return world.threadNames.indices.filter { $0 < world.configuration.threads.count || acting.contains($0) }
    }
}
