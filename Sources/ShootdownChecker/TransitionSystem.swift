/// A finite transition system that ``Checker`` explores exhaustively.
///
/// A conforming type describes its initial states, which actions are enabled in a state, the
/// state an action leads to, and the footprint of each action (which actor performs it and which
/// abstract locations it touches). States and actions are plain values: the checker stores states,
/// compares them with `==` and hashes them, so two states that compare equal are merged.
///
/// Exploration is deterministic as long as `initialStates` and `enabledActions(in:into:)` return
/// their elements in a deterministic order.
public protocol TransitionSystem: Sendable {
    /// One global state of the system.
    associatedtype State: Hashable & Sendable
    /// One atomic step of one actor.
    associatedtype Action: Hashable & Sendable

    /// The states exploration starts from. Duplicates are ignored.
    var initialStates: [State] { get }

    /// Appends every action enabled in `state` (the array is cleared by the caller beforehand).
    ///
    /// A state with no enabled action is terminal.
    func enabledActions(in state: State, into actions: inout [Action])

    /// The state reached by taking `action`, which is enabled in `state`.
    func successor(of state: State, via action: Action) -> State

    /// Which actor performs an action and what shared locations it reads/writes: input for
    /// partial-order reduction later.
    ///
    /// The actor identifies the thread of control for weak fairness; it must fit in an `Int32`.
    func footprint(of action: Action, in state: State) -> Footprint
}
