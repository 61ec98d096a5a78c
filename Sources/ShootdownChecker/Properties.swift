/// A safety property checked on every reached state.
public struct Invariant<State>: Sendable {
    /// The name reported with the outcome.
    public let name: String
    /// The locations whose writes may change the predicate's value: a step that writes none of
    /// them must leave the value unchanged. Partial-order reduction postpones only such steps.
    /// The default, ``LocationSet/all``, promises nothing (the predicate may read local state
    /// that no footprint mentions): every step then counts as visible, which keeps the checks
    /// sound but turns partial-order reduction off.
    public let observes: LocationSet
    /// Whether the property holds in a state.
    public let holds: @Sendable (State) -> Bool

    /// An invariant called `name` that holds in a state when `holds` returns `true`, and whose
    /// value only steps writing a location of `observes` can change.
    public init(_ name: String, observes: LocationSet = .all, _ holds: @escaping @Sendable (State) -> Bool) {
        self.name = name
        self.observes = observes
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
    /// The value of ``holds`` on a terminal state that alone violates the property the
    /// predicate stands for (`true` for "there is no such final state", `false` for "every
    /// final state is such"), or `nil` when no single state decides. Used by
    /// ``CheckOptions/stopAtFirstViolation``.
    public let violatingValue: Bool?
    /// The value ``holds`` will have on every terminal state reachable from a state, when the
    /// state already fixes it (else `nil`). In an acyclic system every state reaches a terminal
    /// state, so a settled violating value decides the property before a terminal state is
    /// stored: ``CheckOptions/stopAtFirstViolation`` then stops there.
    public let settled: (@Sendable (State) -> Bool?)?

    /// A final predicate called `name` that holds in a terminal state when `holds` returns `true`.
    public init(_ name: String, violatingValue: Bool? = nil, settled: (@Sendable (State) -> Bool?)? = nil,
                _ holds: @escaping @Sendable (State) -> Bool) {
        self.name = name
        self.violatingValue = violatingValue
        self.settled = settled
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
    /// The locations whose writes may change the predicate's value; see ``Invariant/observes``.
    public let observes: LocationSet
    /// Whether a state is one of the awaited states.
    public let isReached: @Sendable (State) -> Bool

    /// A liveness property called `name` awaiting a state where `isReached` returns `true`, and
    /// whose value only steps writing a location of `observes` can change.
    public init(_ name: String, observes: LocationSet = .all, _ isReached: @escaping @Sendable (State) -> Bool) {
        self.name = name
        self.observes = observes
        self.isReached = isReached
    }
}
