/// A snapshot of a running exploration, passed to ``CheckOptions/progress``.
public struct Progress: Sendable {
    /// States stored so far.
    public var states: Int
    /// Transitions explored so far, including those leading to states already stored.
    public var transitions: Int
    /// The largest breadth-first depth reached so far.
    public var depth: Int
    /// Wall-clock seconds since the run started.
    public var seconds: Double

    /// A snapshot with the given figures.
    public init(states: Int, transitions: Int, depth: Int, seconds: Double) {
        self.states = states
        self.transitions = transitions
        self.depth = depth
        self.seconds = seconds
    }
}
