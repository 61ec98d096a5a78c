/// The verdict on one ``Invariant``.
public struct InvariantOutcome<System: TransitionSystem>: Sendable {
    /// The invariant's name.
    public let name: String
    /// A shortest path to a violating state, `nil` if it holds.
    public let counterexample: Path<System>?

    /// Whether no reached state violates the invariant.
    public var holds: Bool {
        counterexample == nil
    }

    /// An outcome for `name` with the given counterexample.
    public init(name: String, counterexample: Path<System>?) {
        self.name = name
        self.counterexample = counterexample
    }
}

/// The verdict on one ``FinalPredicate``, over the distinct terminal states reached.
public struct FinalOutcome<System: TransitionSystem>: Sendable {
    /// The predicate's name.
    public let name: String
    /// How many distinct terminal states satisfy the predicate.
    public let satisfied: Int
    /// How many distinct terminal states do not satisfy the predicate.
    public let unsatisfied: Int
    /// A shortest path to a terminal state where the predicate holds.
    public let witness: Path<System>?
    /// A shortest path to a terminal state where the predicate fails.
    public let counterexample: Path<System>?

    /// An outcome for `name` with the given counts and paths.
    public init(
        name: String,
        satisfied: Int,
        unsatisfied: Int,
        witness: Path<System>?,
        counterexample: Path<System>?
    ) {
        self.name = name
        self.satisfied = satisfied
        self.unsatisfied = unsatisfied
        self.witness = witness
        self.counterexample = counterexample
    }
}

/// The verdict on one ``Eventually`` property.
public struct LivenessOutcome<System: TransitionSystem>: Sendable {
    /// The property's name.
    public let name: String
    /// A (fair, if fairness is on) execution that never reaches an awaited state, `nil` if none.
    public let counterexample: Lasso<System>?

    /// Whether no counterexample was found. On an incomplete run this only covers the explored
    /// part: states that were stored but not expanded are neither terminal nor on cycles.
    public var holds: Bool {
        counterexample == nil
    }

    /// An outcome for `name` with the given counterexample.
    public init(name: String, counterexample: Lasso<System>?) {
        self.name = name
        self.counterexample = counterexample
    }
}
