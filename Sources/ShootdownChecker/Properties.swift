/// A safety property checked on every reached state.
public struct Invariant<State>: Sendable {
    /// The name reported with the outcome.
    public let name: String
    /// Whether the property holds in a state.
    public let holds: @Sendable (State) -> Bool

    /// An invariant called `name` that holds in a state when `holds` returns `true`.
    public init(_ name: String, _ holds: @escaping @Sendable (State) -> Bool) {
        self.name = name
        self.holds = holds
    }
}

/// Evaluated on terminal states (no enabled action): the litmus `exists`/`forall` clause.
///
/// The outcome counts the distinct terminal states where it holds and where it fails, so both
/// "some execution ends like this" and "every execution ends like this" can be read off it.
public struct FinalPredicate<State>: Sendable {
    /// The name reported with the outcome.
    public let name: String
    /// Whether the predicate holds in a terminal state.
    public let holds: @Sendable (State) -> Bool

    /// A final predicate called `name` that holds in a terminal state when `holds` returns `true`.
    public init(_ name: String, _ holds: @escaping @Sendable (State) -> Bool) {
        self.name = name
        self.holds = holds
    }
}

/// Liveness: on every (weakly fair) maximal path, a state satisfying `isReached` eventually occurs.
///
/// A violation is either a finite maximal path (ending in a terminal state) or a fair infinite
/// path on which no state satisfies `isReached`.
public struct Eventually<State>: Sendable {
    /// The name reported with the outcome.
    public let name: String
    /// Whether a state is one of the awaited states.
    public let isReached: @Sendable (State) -> Bool

    /// A liveness property called `name` awaiting a state where `isReached` returns `true`.
    public init(_ name: String, _ isReached: @escaping @Sendable (State) -> Bool) {
        self.name = name
        self.isReached = isReached
    }
}
