/// An explicit-state model checker for one ``TransitionSystem`` against one ``Specification``.
///
/// ``run()`` explores every reachable state breadth-first (so every path it reports is a shortest
/// one), checks the invariants on each, the final predicates on each terminal state, and then,
/// when the specification has eventualities, decides them on the recorded transition graph.
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

    /// Explores the system and judges every property. Deterministic for a deterministic system.
    ///
    /// Inlinable, so the exploration loop is specialised for the caller's concrete system rather
    /// than run through generic witness tables.
    @inlinable
    public func run() -> CheckResult<System> {
        let clock = ContinuousClock()
        let start = clock.now
        var explorer = Explorer(
            system: system,
            specification: specification,
            options: options,
            clock: clock,
            start: start
        )
        explorer.run()
        return judge(&explorer, clock: clock, start: start)
    }

    /// Turns a finished exploration into outcomes, deciding the eventualities on the way.
    @usableFromInline
    func judge(_ explorer: inout Explorer<System>, clock: ContinuousClock, start: ContinuousClock.Instant) -> CheckResult<System> {
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
                witness: witness >= 0 ? explorer.path(to: witness) : nil,
                counterexample: counterexample >= 0 ? explorer.path(to: counterexample) : nil
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
            let states = explorer.table.states
            for property in specification.eventualities {
                let shape = analysis.counterexample { property.isReached(states[$0]) }
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
            bytesPerState: states > 0 ? Double(allocatedBytes) / Double(states) : 0
        )
        return CheckResult(
            statistics: statistics,
            invariants: invariants,
            finals: finals,
            eventualities: eventualities,
            isComplete: explorer.isComplete
        )
    }
}
