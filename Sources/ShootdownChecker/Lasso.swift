/// An infinite execution in lasso shape, the counterexample to an ``Eventually`` property.
///
/// The stem ends at the cycle's entry state; applying the cycle actions from it goes through
/// `cycleStates` (`cycleStates.count == cycle.count`, the last element is the entry state again).
/// A terminal (deadlock) counterexample has an empty cycle: the execution simply stops at the end
/// of the stem.
public struct Lasso<System: TransitionSystem>: Sendable {
    /// The path from an initial state to the cycle's entry state (or to the terminal state).
    public var stem: Path<System>
    /// The actions repeated forever from the entry state; empty for a terminal counterexample.
    public var cycle: [System.Action]
    /// The state after each cycle action; the last one is the entry state.
    public var cycleStates: [System.State]

    /// A lasso with the given stem and cycle; requires `cycle.count == cycleStates.count`.
    public init(stem: Path<System>, cycle: [System.Action], cycleStates: [System.State]) {
        precondition(cycle.count == cycleStates.count, "one cycle state per cycle action")
        self.stem = stem
        self.cycle = cycle
        self.cycleStates = cycleStates
    }

    /// Whether the counterexample is a finite execution ending in a terminal state.
    public var isTerminal: Bool {
        cycle.isEmpty
    }
}

extension Lasso: Equatable {}
