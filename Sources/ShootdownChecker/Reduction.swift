/// How much of the state space ``Checker`` may skip while keeping every verdict.
public enum Reduction: Sendable, Hashable {
    /// Every enabled action of every state is explored.
    case none
    /// Partial-order reduction with ample (persistent) sets: in a state where one actor's enabled
    /// steps are independent of everything the other actors may still do and write no observed
    /// location, only those steps are explored. Needs ``TransitionSystem/actorCount``,
    /// ``TransitionSystem/futureFootprint(of:in:)`` and properties that declare what they
    /// observe (``Invariant/observes``); invariant verdicts, the set of terminal states and
    /// liveness verdicts without fairness are preserved. Liveness under weak fairness is checked
    /// unreduced.
    case partialOrder
}
