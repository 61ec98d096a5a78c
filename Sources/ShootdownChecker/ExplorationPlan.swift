/// What one run actually does: the options reconciled with the system and the specification.
@usableFromInline
struct ExplorationPlan: Sendable {
    /// Whether ample sets are computed (partial-order reduction).
    @usableFromInline let reduces: Bool
    /// The number of actors, when reducing.
    @usableFromInline let actorCount: Int
    /// Whether reduced expansions need the cycle proviso (the system may have cycles).
    @usableFromInline let needsCycleProviso: Bool
    /// Per actor, whether its future depends on which actor stands still.
    @usableFromInline let idleDependent: [Bool]
    /// The order in which other actors' futures are compared with a candidate: those that do
    /// not depend on the candidate first.
    @usableFromInline let checkOrder: [Int]
    /// The locations the properties observe: an ample set never writes one.
    @usableFromInline let observed: LocationSet
    /// Whether states are replaced by their canonical representatives.
    @usableFromInline let symmetric: Bool
    /// How visited states are stored.
    @usableFromInline let storage: Storage
    /// How many threads generate successors.
    @usableFromInline let threads: Int
    /// Whether the transition graph is recorded (for eventualities).
    @usableFromInline let recordsGraph: Bool
    /// Whether sleep sets prune the reduced expansions: with partial-order reduction, in an
    /// acyclic system, without a recorded graph (sleep sets drop edges a liveness analysis
    /// would need), and with at most 32 actors (a sleep set is a bit per actor).
    @usableFromInline var sleepSets: Bool

    /// The plan for `system`, `specification` and `options`:
    /// - eventualities need the transition graph over stored states, hence exact storage;
    /// - under weak fairness they also need every actor's enabledness in every state and actor
    ///   identities that mean the same in every state, so neither reduction applies then;
    /// - without fairness, partial-order reduction also keeps the eventualities' locations
    ///   visible;
    /// - partial-order reduction needs the system to number its actors, and properties whose
    ///   observed locations are not all of them (a property observing every location may read
    ///   anything, so every step would be visible to it).
    @inlinable
    init<System: TransitionSystem>(
        system: System,
        specification: Specification<System.State>,
        options: CheckOptions
    ) {
        recordsGraph = !specification.eventualities.isEmpty
        let weaklyFairLiveness = recordsGraph && options.fairness == .weak
        actorCount = max(system.actorCount, 0)
        needsCycleProviso = !system.isAcyclic
        let dependent = (0 ..< max(system.actorCount, 0)).map { system.futureDependsOnIdleActor($0) }
        idleDependent = dependent
        checkOrder = dependent.indices.filter { !dependent[$0] } + dependent.indices.filter { dependent[$0] }
        let observations = specification.invariants.map(\.observes) + specification.eventualities.map(\.observes)
        var observed = LocationSet()
        for locations in observations {
            observed.formUnion(locations)
        }
        self.observed = observed
        reduces = options.reduction == .partialOrder && actorCount > 0 && !weaklyFairLiveness
            && !observations.contains(.all)
        symmetric = options.symmetry && !weaklyFairLiveness
        storage = recordsGraph ? .exact : options.storage
        threads = max(options.threads, 1)
        sleepSets = options.sleepSets && reduces && !recordsGraph && !needsCycleProviso && actorCount <= 32
    }
}
