/// An explicit-state model checker for one ``TransitionSystem`` against one ``Specification``.
///
/// ``run()`` explores every reachable state breadth-first (so every path it reports is a shortest
/// one), checks the invariants on each, the final predicates on each terminal state, and then,
/// when the specification has eventualities, decides them on the recorded transition graph.
///
/// ``CheckOptions`` can make it explore a smaller graph with the same verdicts (partial-order
/// and symmetry reduction; paths are then shortest in that graph, and always real executions of
/// the system), store fingerprints instead of states, and generate successors on several
/// threads without changing any result.
public struct Checker<System: TransitionSystem>: Sendable {
    /// The system explored.
    public let system: System
    /// The properties judged.
    public let specification: Specification<System.State>
    /// How the run is performed.
    public let options: CheckOptions

    /// A checker for `system` against `specification`.
    public init(system: System, specification: Specification<System.State>, options: CheckOptions = .init()) {
        self.system = system
        self.specification = specification
        self.options = options
    }

    /// Explores the system and judges every property. Deterministic for a deterministic system:
    /// the same verdicts, counts and counterexamples for every thread count.
    ///
    /// Inlinable, so the exploration loop is specialised for the caller's concrete system rather
    /// than run through generic witness tables.
    @inlinable
    public func run() -> CheckResult<System> {
        let clock = ContinuousClock()
        let start = clock.now
        let plan = ExplorationPlan(system: system, specification: specification, options: options)
        switch plan.storage {
        case .exact:
            return explore(with: StateTable<System.State>.self, plan: plan, clock: clock, start: start)
        case .fingerprint:
            return explore(with: FingerprintStore<System.State>.self, plan: plan, clock: clock, start: start)
        }
    }

    /// Runs the exploration with the visited-state store `Store`.
    @inlinable
    func explore<Store: VisitedStore>(
        with _: Store.Type, plan: ExplorationPlan, clock: ContinuousClock, start: ContinuousClock.Instant
    ) -> CheckResult<System> where Store.State == System.State {
        var explorer = Explorer<System, Store>(
            system: system,
            specification: specification,
            options: options,
            plan: plan,
            clock: clock,
            start: start
        )
        explorer.run()
        if explorer.closedOntoEarlierLevel {
            // The system's levels are not what sleep sets need (see `Explorer`): start again
            // without them. Both searches are deterministic, so the results still do not depend
            // on the number of threads.
            var unslept = plan
            unslept.sleepSets = false
            explorer = Explorer<System, Store>(
                system: system,
                specification: specification,
                options: options,
                plan: unslept,
                clock: clock,
                start: start
            )
            explorer.run()
            return judge(&explorer, clock: clock, start: start, sleepSetsWithdrawn: true)
        }
        return judge(&explorer, clock: clock, start: start)
    }

    /// Turns a finished exploration into outcomes, deciding the eventualities on the way.
    @usableFromInline
    func judge<Store: VisitedStore>(
        _ explorer: inout Explorer<System, Store>,
        clock: ContinuousClock,
        start: ContinuousClock.Instant,
        sleepSetsWithdrawn: Bool = false
    ) -> CheckResult<System> where Store.State == System.State {
        let invariants = specification.invariants.indices.map { number in
            let violation = explorer.firstViolation[number]
            return InvariantOutcome<System>(
                name: specification.invariants[number].name,
                counterexample: violation >= 0 ? explorer.path(to: violation) : nil
            )
        }
        let finals = specification.finals.indices.map { number in
            let witness = explorer.finalWitness[number]
            let counterexample = explorer.finalCounterexample[number]
            return FinalOutcome<System>(
                name: specification.finals[number].name,
                satisfied: explorer.finalSatisfied[number],
                unsatisfied: explorer.finalUnsatisfied[number],
                witness: witness >= 0 ? explorer.pathToTerminal(through: witness) : nil,
                counterexample: counterexample >= 0 ? explorer.pathToTerminal(through: counterexample) : nil
            )
        }

        let allocatedBytes = explorer.allocatedBytes
        var eventualities: [LivenessOutcome<System>] = []
        if explorer.recordsGraph {
            var graph = TransitionGraph()
            swap(&graph, &explorer.graph)
            graph.compactActors()
            var analysis = LivenessAnalysis(
                graph: graph,
                initialCount: explorer.initialCount,
                stateCount: explorer.stateCount,
                fairness: options.fairness
            )
            let store = explorer.store
            for property in specification.eventualities {
                let shape = analysis.counterexample { property.isReached(store.state(at: $0)) }
                eventualities.append(
                    LivenessOutcome(name: property.name, counterexample: shape.map { explorer.lasso($0, graph: graph) })
                )
            }
        }

        let elapsed = seconds(since: start, on: clock)
        let states = explorer.stateCount
        let statistics = Statistics(
            states: states,
            transitions: explorer.transitions,
            terminalStates: explorer.terminalCount,
            maxDepth: explorer.maxDepth,
            seconds: elapsed,
            statesPerSecond: elapsed > 0 ? Double(states) / elapsed : 0,
            bytesPerState: states > 0 ? Double(allocatedBytes) / Double(states) : 0,
            reduction: explorer.plan.reduces ? .partialOrder : .none,
            symmetry: explorer.plan.symmetric,
            storage: Store.storage,
            threads: explorer.plan.threads,
            collisionProbability: Store.keepsStates ? 0 : collisionProbability(states: states),
            ampleStates: explorer.ampleStates,
            provisoExpansions: explorer.provisoExpansions,
            frontierBytes: explorer.frontierBytes,
            sleepSets: explorer.plan.sleepSets,
            sleptActions: explorer.sleptActions,
            sleepSetsWithdrawn: sleepSetsWithdrawn
        )
        return CheckResult(
            statistics: statistics,
            invariants: invariants,
            finals: finals,
            eventualities: eventualities,
            isComplete: explorer.isComplete,
            stoppedAtViolation: explorer.stoppedAtViolation
        )
    }
}

/// The probability that some two of `states` distinct states share a fingerprint, about
/// `states² / 2⁶³`: the birthday bound, `n (n - 1) / 2` pairs, each colliding with probability
/// `2⁻⁶²`, as the set tells fingerprints apart by 62 of their 64 bits
/// (``FingerprintShards/distinguishedBits``).
@usableFromInline
func collisionProbability(states: Int) -> Double {
    let n = Double(states)
    let pairs = n * (n - 1) / 2
    return min(1, pairs / Double(sign: .plus, exponent: FingerprintShards.distinguishedBits, significand: 1))
}
