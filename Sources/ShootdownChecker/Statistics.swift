/// Figures describing one run of ``Checker``.
public struct Statistics: Sendable {
    /// Distinct states stored (of the reduced graph when a reduction was applied).
    public var states: Int
    /// Transitions explored, including those leading to states already stored.
    public var transitions: Int
    /// Expanded states with no enabled action.
    public var terminalStates: Int
    /// The largest breadth-first depth of a stored state (initial states have depth 0).
    public var maxDepth: Int
    /// Wall-clock seconds for the whole run, liveness analysis included.
    public var seconds: Double
    /// `states / seconds`.
    public var statesPerSecond: Double
    /// Approximate memory per state: the state storage (fingerprints in fingerprint mode), the
    /// per-state bookkeeping (parent, reaching action), the hash-table slots, the largest
    /// breadth-first frontier held in full, and, when recorded, the transition graph, all
    /// measured by allocated capacity (the inline size of states, not what they point to) and
    /// divided by the number of states.
    public var bytesPerState: Double
    /// The reduction actually applied (see ``CheckOptions/reduction``).
    public var reduction: Reduction
    /// Whether symmetry reduction was actually applied (see ``CheckOptions/symmetry``).
    public var symmetry: Bool
    /// The storage actually used (see ``CheckOptions/storage``).
    public var storage: Storage
    /// The number of threads that explored.
    public var threads: Int
    /// In fingerprint mode, about `states² / 2⁶³`: the probability that two distinct states
    /// shared a fingerprint, which would have skipped one of them. 0 with exact storage.
    public var collisionProbability: Double
    /// States expanded through a proper ample subset of their enabled actions.
    public var ampleStates: Int
    /// States whose ample set led back to a state stored before their level was expanded, and
    /// that were therefore fully expanded (the cycle proviso).
    public var provisoExpansions: Int
    /// Bytes allocated at the peak for the breadth-first frontier (fingerprint mode, or several
    /// threads): the level being expanded and the next one, held in delta-coded blocks, the level
    /// being expanded shrinking as its blocks are stored; included in ``bytesPerState``.
    public var frontierBytes: Int
    /// Whether sleep sets pruned the search these figures describe (see
    /// ``CheckOptions/sleepSets``).
    public var sleepSets: Bool
    /// With sleep sets, the enabled actions not taken because their actors were asleep: each
    /// would have led to a state another explored path reaches.
    public var sleptActions: Int
    /// Whether a first search with sleep sets met a transition closing onto an earlier level, so
    /// that these figures are of a second search, without them (the time includes both).
    public var sleepSetsWithdrawn: Bool

    /// Statistics with the given figures.
    public init(
        states: Int,
        transitions: Int,
        terminalStates: Int,
        maxDepth: Int,
        seconds: Double,
        statesPerSecond: Double,
        bytesPerState: Double,
        reduction: Reduction = .none,
        symmetry: Bool = false,
        storage: Storage = .exact,
        threads: Int = 1,
        collisionProbability: Double = 0,
        ampleStates: Int = 0,
        provisoExpansions: Int = 0,
        frontierBytes: Int = 0,
        sleepSets: Bool = false,
        sleptActions: Int = 0,
        sleepSetsWithdrawn: Bool = false
    ) {
        self.states = states
        self.transitions = transitions
        self.terminalStates = terminalStates
        self.maxDepth = maxDepth
        self.seconds = seconds
        self.statesPerSecond = statesPerSecond
        self.bytesPerState = bytesPerState
        self.reduction = reduction
        self.symmetry = symmetry
        self.storage = storage
        self.threads = threads
        self.collisionProbability = collisionProbability
        self.ampleStates = ampleStates
        self.provisoExpansions = provisoExpansions
        self.frontierBytes = frontierBytes
        self.sleepSets = sleepSets
        self.sleptActions = sleptActions
        self.sleepSetsWithdrawn = sleepSetsWithdrawn
    }
}
