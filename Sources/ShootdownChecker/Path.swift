/// A finite execution: `states[0]` is an initial state and `actions[i]` leads from `states[i]` to
/// `states[i + 1]`, so `states.count == actions.count + 1`.
public struct Path<System: TransitionSystem>: Sendable {
    /// The visited states, starting with an initial state.
    public var states: [System.State]
    /// The actions taken, one fewer than the states.
    public var actions: [System.Action]

    /// A path through `states` by `actions`; requires `states.count == actions.count + 1`.
    public init(states: [System.State], actions: [System.Action]) {
        precondition(states.count == actions.count + 1, "a path has one more state than actions")
        self.states = states
        self.actions = actions
    }

    /// The state the path ends in.
    public var last: System.State {
        states[states.count - 1]
    }
}

extension Path: Equatable {}
