import ShootdownChecker
import Testing

/// One combination of the options that may change how a run explores but never its verdicts.
struct Configuration: Hashable, Sendable, CustomStringConvertible {
    var reduction: Reduction
    var sleepSets: Bool
    var symmetry: Bool
    var storage: Storage
    var threads: Int

    /// Every combination of reduction (none, ample sets, ample sets with sleep sets), symmetry,
    /// storage and thread count (1 or 2).
    static let all: [Configuration] = [(Reduction.none, false), (.partialOrder, false), (.partialOrder, true)].flatMap { reduction, sleepSets in
        [false, true].flatMap { symmetry in
            [Storage.exact, .fingerprint].flatMap { storage in
                [1, 2].map {
                    Configuration(reduction: reduction, sleepSets: sleepSets, symmetry: symmetry, storage: storage, threads: $0)
                }
            }
        }
    }

    /// The same combination with other settings.
    func with(storage: Storage? = nil, threads: Int? = nil) -> Configuration {
        Configuration(
            reduction: reduction,
            sleepSets: sleepSets,
            symmetry: symmetry,
            storage: storage ?? self.storage,
            threads: threads ?? self.threads
        )
    }

    /// Options for this combination.
    func options(fairness: Fairness) -> CheckOptions {
        var options = CheckOptions(fairness: fairness, reduction: reduction, symmetry: symmetry, storage: storage, threads: threads)
        options.sleepSets = sleepSets
        return options
    }

    var description: String {
        "\(reduction)\(sleepSets ? "+sleep" : "") symmetry=\(symmetry) \(storage) threads=\(threads)"
    }
}

/// The figures that depend only on the explored graph.
struct Counts: Equatable {
    var states: Int
    var transitions: Int
    var terminalStates: Int
    var maxDepth: Int

    init(_ statistics: Statistics) {
        states = statistics.states
        transitions = statistics.transitions
        terminalStates = statistics.terminalStates
        maxDepth = statistics.maxDepth
    }
}

/// Runs `system` against `specification` in every configuration (fingerprint storage only when
/// `fingerprints`), validates every returned path and lasso, and records an issue unless:
/// - every verdict equals the plain run's: invariants, the presence of satisfying and failing
///   terminal states, eventualities, completeness;
/// - without symmetry reduction, the final predicates' counts and the number of terminal states
///   are the plain run's too (partial-order reduction keeps every terminal state);
/// - without any reduction actually applied, every count and counterexample is the plain run's;
/// - fingerprint storage gives the counts and counterexamples of exact storage, and two threads
///   those of one thread.
/// Returns the results by configuration.
@discardableResult
func expectSameVerdicts<System: TransitionSystem>(
    _ system: System,
    _ specification: Specification<System.State>,
    fairness: Fairness = .weak,
    fingerprints: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [Configuration: CheckResult<System>] {
    let plain = check(system, specification, CheckOptions(fairness: fairness), sourceLocation: sourceLocation)
    var results: [Configuration: CheckResult<System>] = [:]
    for configuration in Configuration.all where fingerprints || configuration.storage == .exact {
        let result = check(system, specification, configuration.options(fairness: fairness), sourceLocation: sourceLocation)
        results[configuration] = result
        let comment = Comment(rawValue: configuration.description)
        #expect(result.isComplete == plain.isComplete, comment, sourceLocation: sourceLocation)
        #expect(result.invariants.map(\.holds) == plain.invariants.map(\.holds), comment, sourceLocation: sourceLocation)
        let satisfiable = result.finals.map { $0.satisfied > 0 }
        let failing = result.finals.map { $0.unsatisfied > 0 }
        #expect(satisfiable == plain.finals.map { $0.satisfied > 0 }, comment, sourceLocation: sourceLocation)
        #expect(failing == plain.finals.map { $0.unsatisfied > 0 }, comment, sourceLocation: sourceLocation)
        #expect(result.eventualities.map(\.holds) == plain.eventualities.map(\.holds), comment, sourceLocation: sourceLocation)
        let statistics = result.statistics
        #expect(statistics.threads == configuration.threads, comment, sourceLocation: sourceLocation)
        let storage = specification.eventualities.isEmpty ? configuration.storage : .exact
        #expect(statistics.storage == storage, comment, sourceLocation: sourceLocation)
        #expect(configuration.reduction == .partialOrder || statistics.reduction == .none, comment, sourceLocation: sourceLocation)
        #expect(configuration.symmetry || !statistics.symmetry, comment, sourceLocation: sourceLocation)
        #expect(configuration.sleepSets || !statistics.sleepSets, comment, sourceLocation: sourceLocation)
        #expect(statistics.sleepSets || statistics.sleptActions == 0, comment, sourceLocation: sourceLocation)
        if !statistics.symmetry {
            #expect(result.finals.map(\.satisfied) == plain.finals.map(\.satisfied), comment, sourceLocation: sourceLocation)
            #expect(result.finals.map(\.unsatisfied) == plain.finals.map(\.unsatisfied), comment, sourceLocation: sourceLocation)
            #expect(statistics.terminalStates == plain.statistics.terminalStates, comment, sourceLocation: sourceLocation)
        }
        if !statistics.symmetry && statistics.reduction == .none {
            expectIdentical(result, plain, comment, sourceLocation: sourceLocation)
        }
        #expect(statistics.states <= plain.statistics.states, comment, sourceLocation: sourceLocation)
    }
    for (configuration, result) in results {
        let comment = Comment(rawValue: configuration.description)
        if configuration.threads == 2, let single = results[configuration.with(threads: 1)] {
            expectIdentical(result, single, comment, sourceLocation: sourceLocation)
        }
        if configuration.storage == .fingerprint, let exact = results[configuration.with(storage: .exact)] {
            expectIdentical(result, exact, comment, sourceLocation: sourceLocation)
            #expect(result.statistics.collisionProbability < 1e-9, comment, sourceLocation: sourceLocation)
        }
    }
    return results
}

/// Records an issue unless the two results have the same counts, verdicts and counterexamples.
func expectIdentical<System: TransitionSystem>(
    _ result: CheckResult<System>,
    _ other: CheckResult<System>,
    _ comment: Comment,
    sourceLocation: SourceLocation
) {
    #expect(Counts(result.statistics) == Counts(other.statistics), comment, sourceLocation: sourceLocation)
    #expect(result.statistics.ampleStates == other.statistics.ampleStates, comment, sourceLocation: sourceLocation)
    #expect(result.statistics.provisoExpansions == other.statistics.provisoExpansions, comment, sourceLocation: sourceLocation)
    #expect(result.statistics.sleptActions == other.statistics.sleptActions, comment, sourceLocation: sourceLocation)
    #expect(result.statistics.sleepSetsWithdrawn == other.statistics.sleepSetsWithdrawn, comment, sourceLocation: sourceLocation)
    let paths = result.invariants.map(\.counterexample)
    #expect(paths == other.invariants.map(\.counterexample), comment, sourceLocation: sourceLocation)
    #expect(result.finals.map(\.witness) == other.finals.map(\.witness), comment, sourceLocation: sourceLocation)
    #expect(result.finals.map(\.counterexample) == other.finals.map(\.counterexample), comment, sourceLocation: sourceLocation)
    #expect(result.finals.map(\.satisfied) == other.finals.map(\.satisfied), comment, sourceLocation: sourceLocation)
    #expect(result.finals.map(\.unsatisfied) == other.finals.map(\.unsatisfied), comment, sourceLocation: sourceLocation)
    let lassos = result.eventualities.map(\.counterexample)
    #expect(lassos == other.eventualities.map(\.counterexample), comment, sourceLocation: sourceLocation)
}
