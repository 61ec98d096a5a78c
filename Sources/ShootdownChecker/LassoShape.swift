/// A lasso counterexample as indices into the explored states and the recorded edges, before it
/// is turned into a ``Lasso`` of states and actions.
struct LassoShape: Equatable {
    /// The stem's states, from an initial state to the cycle's entry (or the terminal state).
    var stemStates: [Int]
    /// The stem's edges; one fewer than `stemStates`.
    var stemEdges: [Int]
    /// The cycle's edges, from the entry back to it; empty for a terminal counterexample.
    var cycleEdges: [Int]
}
