/// Figures describing one run of ``Checker``.
public struct Statistics: Sendable {
    /// Distinct states stored.
    public var states: Int
    /// Transitions explored, including those leading to states already stored.
    public var transitions: Int
    /// Expanded states with no enabled action.
    public var terminalStates: Int
    /// The largest breadth-first depth of a stored state (initial states have depth 0).
    public var maxDepth: Int
    /// Wall-clock seconds for the whole run, liveness analysis included.
    public var seconds: Double
    /// `states / seconds`.
    public var statesPerSecond: Double
    /// Approximate memory per state: the state storage, the per-state bookkeeping (parent,
    /// reaching action), the hash-table slots and, when recorded, the transition graph, all
    /// measured by allocated capacity and divided by the number of states.
    public var bytesPerState: Double

    /// Statistics with the given figures.
    public init(
        states: Int,
        transitions: Int,
        terminalStates: Int,
        maxDepth: Int,
        seconds: Double,
        statesPerSecond: Double,
        bytesPerState: Double
    ) {
        self.states = states
        self.transitions = transitions
        self.terminalStates = terminalStates
        self.maxDepth = maxDepth
        self.seconds = seconds
        self.statesPerSecond = statesPerSecond
        self.bytesPerState = bytesPerState
    }
}
