/// Which infinite paths count as counterexamples to an ``Eventually`` property.
public enum Fairness: Sendable {
    /// Every infinite path counts, even one that starves an actor forever.
    case none
    /// Weak fairness per actor: an infinite path counts only if every actor that is enabled
    /// continuously from some point on eventually takes a step (as SPIN's `-f`).
    case weak
}

/// How ``Checker`` runs.
public struct CheckOptions: Sendable {
    /// The fairness assumption for liveness properties.
    public var fairness: Fairness
    /// When set, exploration stops instead of storing more than this many states, and the result
    /// is marked incomplete. Independently of this, a run never stores more than `Int32.max`
    /// states (the parent links index their bits with 32-bit counts).
    public var stateLimit: Int?
    /// `progress` is called each time the number of stored states reaches a multiple of this;
    /// values below 1 disable the calls.
    public var progressInterval: Int
    /// Called every `progressInterval` new states, on the thread running the check.
    public var progress: (@Sendable (Progress) -> Void)?
    /// Partial-order reduction, off by default. Not applied when the system does not number its
    /// actors, when an invariant (or, without fairness, an eventuality) observes every location,
    /// nor when the specification has eventualities and fairness is weak (weak fairness speaks of
    /// actors being enabled, which the reduced graph does not preserve);
    /// ``Statistics/reduction`` tells what was applied.
    public var reduction: Reduction
    /// With partial-order reduction, also carry sleep sets (on by default): an actor whose steps
    /// were all explored from a state, and are independent of the step taken next, is not
    /// explored again from that step's target. Applied only to acyclic systems whose properties
    /// are invariants and final predicates; when a transition turns out to close onto a state of
    /// an earlier level, the search starts again without them (``Statistics/sleepSets`` tells
    /// what was applied).
    public var sleepSets: Bool = true
    /// Symmetry reduction through ``TransitionSystem/canonical(_:)``, off by default. Final
    /// predicates then count terminal states up to symmetry. Not applied when the specification
    /// has eventualities and fairness is weak (a symmetry permutes the actors that fairness
    /// tracks); ``Statistics/symmetry`` tells whether it was applied.
    public var symmetry: Bool
    /// How visited states are stored; exact by default. A specification with eventualities is
    /// always checked with exact storage; ``Statistics/storage`` tells what was used.
    public var storage: Storage
    /// How many threads explore; values below 1 count as 1. Every result (verdicts, counts,
    /// counterexamples) is the same for every thread count.
    public var threads: Int
    /// Ends the search at the first violation found: an invariant failing, or a terminal state
    /// on which a final predicate takes its ``FinalPredicate/violatingValue``. The other
    /// properties' verdicts are then unsettled (``CheckResult/stoppedAtViolation``), as in a
    /// model checker that stops at the first error. Ignored when the specification has
    /// eventualities, which need the whole graph. The search ends once the successors of the
    /// state whose expansion met the violation are stored, so the counts too are the same for
    /// every thread count.
    public var stopAtFirstViolation: Bool = false

    /// Options with the given settings; every parameter has the default described on its property.
    public init(
        fairness: Fairness = .weak,
        stateLimit: Int? = nil,
        progressInterval: Int = 1 << 18,
        progress: (@Sendable (Progress) -> Void)? = nil,
        reduction: Reduction = .none,
        symmetry: Bool = false,
        storage: Storage = .exact,
        threads: Int = 1
    ) {
        self.fairness = fairness
        self.stateLimit = stateLimit
        self.progressInterval = progressInterval
        self.progress = progress
        self.reduction = reduction
        self.symmetry = symmetry
        self.storage = storage
        self.threads = threads
    }
}
