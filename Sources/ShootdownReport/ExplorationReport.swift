import ShootdownChecker

/// Figures about one search: what was explored, how, and how long it took.
///
/// The fields mirror the checker's ``Statistics`` on purpose: the report's schema is versioned
/// and documented (`docs/JSON-SCHEMA.md`), so it must not change when the checker's internal
/// figures do.
public struct ExplorationReport: Codable, Sendable, Equatable {
    /// Distinct states stored (of the reduced graph when a reduction applied).
    public var states: Int
    /// Transitions explored, including those to states already stored.
    public var transitions: Int
    /// Distinct terminal states (no enabled step).
    public var terminalStates: Int
    /// The largest breadth-first depth reached.
    public var maxDepth: Int
    /// Wall-clock seconds of the whole check.
    public var seconds: Double
    /// States per second.
    public var statesPerSecond: Double
    /// Approximate bytes of memory per stored state.
    public var bytesPerState: Double
    /// `partial-order` or `none`.
    public var reduction: String
    /// States expanded through a proper ample subset (partial-order reduction).
    public var ampleStates: Int
    /// States fully expanded by the cycle proviso.
    public var provisoExpansions: Int
    /// Whether sleep sets pruned the search.
    public var sleepSets: Bool
    /// With sleep sets, the enabled actions left out because their actors were asleep.
    public var sleptActions: Int
    /// Whether sleep sets were tried and withdrawn (a transition closed onto an earlier level),
    /// the figures being of a second search without them.
    public var sleepSetsWithdrawn: Bool
    /// Whether states differing by a permutation of interchangeable devices were merged.
    public var symmetry: Bool
    /// Whether states whose registers the final condition cannot tell apart were merged
    /// (`--merge-registers`).
    public var mergedRegisters = false
    /// `exact` or `fingerprint`.
    public var storage: String
    /// With fingerprint storage, the probability that two states shared a fingerprint; 0 with
    /// exact storage.
    public var collisionProbability: Double
    /// Exploration threads.
    public var threads: Int
    /// `false` when the state limit stopped the search: verdicts of "holds" are then partial.
    public var complete: Bool
    /// `true` when `--stop-at-first-violation` ended the search at a violation.
    public var stoppedAtViolation: Bool

    /// The figures of `result`.
    public init<System>(_ result: CheckResult<System>) {
        let stats = result.statistics
        states = stats.states
        transitions = stats.transitions
        terminalStates = stats.terminalStates
        maxDepth = stats.maxDepth
        seconds = stats.seconds
        statesPerSecond = stats.statesPerSecond
        bytesPerState = stats.bytesPerState
        reduction = stats.reduction == .partialOrder ? "partial-order" : "none"
        ampleStates = stats.ampleStates
        provisoExpansions = stats.provisoExpansions
        sleepSets = stats.sleepSets
        sleptActions = stats.sleptActions
        sleepSetsWithdrawn = stats.sleepSetsWithdrawn
        symmetry = stats.symmetry
        storage = stats.storage == .fingerprint ? "fingerprint" : "exact"
        collisionProbability = stats.collisionProbability
        threads = stats.threads
        complete = result.isComplete
        stoppedAtViolation = result.stoppedAtViolation
    }
}
