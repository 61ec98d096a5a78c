import ShootdownChecker
import ShootdownLitmus
import ShootdownModel

/// One repair that makes a scenario meet its ``RepairGoal``, with what it costs.
public struct RepairSuggestion: Sendable {
    /// The placements it makes (one, or two when no single placement works).
    public var placements: [RepairPlacement]
    /// The scenario's policy with the placements' rewrites added.
    public var policy: KernelPolicy
    /// The cost along the repaired scenario's measured execution (a shortest complete one).
    public var cost: ExecutionCost?
    /// How many times the added notifications ran along that execution, and what they cost.
    public var addedRuns: Int
    public var addedCost: CostCounters
    /// How many times a step made to stop notifying (`range_only_end`) ran along it.
    public var silencedRuns: Int
    /// States the check of the repaired scenario stored.
    public var states: Int

    /// The order suggestions are shown in: secondary-TLB callbacks, then IOTLB, then ATC
    /// invalidations along the measured execution (no cost known: last); then the program paths
    /// that run the added calls (fewer: the kernel pays for them less often); then the earliest
    /// anchor in the offending executions; then a plain insertion before a move.
    var rank: [Int] {
        let total = cost?.total
        return [total?.secondaryCallbacks ?? .max, total.map { $0.iotlbRange + $0.iotlbWhole } ?? .max,
                total?.atcInvalidations ?? .max, placements.map(\.paths.through).reduce(0, +),
                placements.map(\.traceOrder).min() ?? .max, placements.filter(\.movesNotification).count]
    }
}

/// One candidate the search checked.
public struct RepairAttempt: Sendable {
    public var placements: [RepairPlacement]
    /// The goal's property the candidate still refutes; `nil` when it refutes none.
    public var refutation: String?
    /// Whether the candidate meets the goal (`nil`: the search was incomplete).
    public var meetsGoal: Bool?
}

/// What ``RepairSearch`` found for one scenario.
public struct RepairSearchResult: Sendable {
    /// What a repair must achieve.
    public var goal: RepairGoal
    /// Whether the scenario as written meets the goal (`nil`: its search was incomplete and
    /// refuted nothing); repairs are searched only when it does not.
    public var goalHolds: Bool?
    /// The goal's property the scenario as written refutes.
    public var refutation: String?
    /// The single placements generated from the offending executions.
    public var candidates: [RepairPlacement]
    /// Every candidate checked: the singles, then pairs when no single placement works.
    public var attempts: [RepairAttempt]
    /// Pairs that could have been tried, and how many the bound let through.
    public var pairsPossible: Int
    /// The minimal repairs, best first: the single placements that meet the goal, or, when
    /// there are none, the pairs that do.
    public var suggestions: [RepairSuggestion]

    /// How many single placements were checked.
    public var singlesTried: Int { attempts.filter { $0.placements.count == 1 }.count }
    /// How many pairs were checked.
    public var pairsTried: Int { attempts.filter { $0.placements.count == 2 }.count }
}

/// Tries repairs for a scenario that refutes its ``RepairGoal``: each candidate is the scenario's
/// policy with one more ``ProgramRewrite`` (``RepairCandidates``), checked by the same checker
/// with the same options, stopping at the first violation to refute a candidate quickly.
public enum RepairSearch {
    /// At most this many pairs are checked when no single placement works.
    public static let defaultMaxPairs = 64

    /// Searches repairs for `outcome`'s scenario. `options` gives the checker's options for a
    /// candidate whose progress line says the label passed.
    ///
    /// Single placements come from the executions that refute the goal. When none of them meets
    /// the goal, each refuted single placement is paired with the placements on the path of the
    /// execution that refutes it in turn, taking the first partner of every single, then the
    /// second, and so on, up to `maxPairs` checks.
    public static func run(_ outcome: ScenarioOutcome, maxPairs: Int = defaultMaxPairs,
                           options: (String) -> CheckOptions) throws(LitmusError) -> RepairSearchResult {
        let goal = RepairGoal(outcome.scenario)
        var search = RepairSearchResult(goal: goal, goalHolds: goal.holds(in: outcome), refutation: goal.refutation(in: outcome),
                                        candidates: [], attempts: [], pairsPossible: 0, suggestions: [])
        guard search.goalHolds == false else { return search }
        search.candidates = candidates(refuting: outcome)
        var partners: [(RepairPlacement, [RepairPlacement])] = []
        for (index, single) in search.candidates.enumerated() {
            let label = "\(outcome.scenario.name) [repair \(index + 1)/\(search.candidates.count)]"
            let (attempt, suggestion, repaired) = try check([single], of: outcome, goal: goal, options: options(label))
            search.attempts.append(attempt)
            if let suggestion { search.suggestions.append(suggestion) }
            if attempt.meetsGoal == false {
                // A partner at the same site, after the added call, or taking the added call away
                // undoes or repeats the single placement.
                partners.append((single, candidates(refuting: repaired).filter { partner in
                    partner.anchor.site != single.anchor.site && partner.anchor != single.notification
                        && partner.kind != .moveUnderPTL(from: single.notification)
                }))
            }
        }
        if search.suggestions.isEmpty {
            let pairs = pairs(from: partners)
            search.pairsPossible = pairs.count
            for (index, pair) in pairs.prefix(maxPairs).enumerated() {
                let label = "\(outcome.scenario.name) [repair pair \(index + 1)/\(min(maxPairs, pairs.count))]"
                let (attempt, suggestion, _) = try check(pair, of: outcome, goal: goal, options: options(label))
                search.attempts.append(attempt)
                if let suggestion { search.suggestions.append(suggestion) }
            }
        }
        search.suggestions.sort { $0.rank.lexicographicallyPrecedes($1.rank) }
        return search
    }

    /// The single placements on the paths of the executions in which `outcome` refutes the goal.
    static func candidates(refuting outcome: ScenarioOutcome) -> [RepairPlacement] {
        RepairCandidates.placements(offending: offendingSteps(of: outcome), programs: outcome.world.programs,
                                    era: outcome.world.configuration.policy.era)
    }

    /// Every distinct pair of a single placement and one of its partners, first partners first.
    static func pairs(from partners: [(RepairPlacement, [RepairPlacement])]) -> [[RepairPlacement]] {
        var seen: Set<[String]> = []
        var pairs: [[RepairPlacement]] = []
        let rounds = partners.map(\.1.count).max() ?? 0
        for round in 0..<rounds {
            for (single, others) in partners where round < others.count {
                let pair = [single, others[round]]
                if seen.insert(pair.map(\.summary).sorted()).inserted { pairs.append(pair) }
            }
        }
        return pairs
    }

    /// The kernel steps the executions that refute the goal ran, in order, silent range calls
    /// included.
    static func offendingSteps(of outcome: ScenarioOutcome) -> [Step] {
        var steps: [Step] = []
        for trace in outcome.traces {
            var state = trace.start
            for action in trace.actions {
                let (next, log) = outcome.world.describe(action, from: state)
                steps += (log.step.map { [$0] } ?? []) + log.silentSteps
                state = next
            }
        }
        return steps
    }

    /// Checks the scenario under its policy repaired by `placements`.
    private static func check(_ placements: [RepairPlacement], of outcome: ScenarioOutcome, goal: RepairGoal,
                              options: CheckOptions) throws(LitmusError) -> (RepairAttempt, RepairSuggestion?, ScenarioOutcome) {
        var scenario = outcome.scenario
        let policy = scenario.configuration.policy.repaired(by: placements)
        scenario.configuration.policy = policy
        // Without a final condition the checker reports no complete execution to count the cost
        // along; `exists true` makes it keep a shortest one and judges nothing.
        if scenario.final == nil { scenario.final = FinalCondition(quantifier: .exists, predicate: .constant(true), text: "true") }
        var options = options
        options.stopAtFirstViolation = true
        let repaired = try ScenarioCheck.run(scenario, options: options)
        let meets = goal.holds(in: repaired)
        let attempt = RepairAttempt(placements: placements, refutation: goal.refutation(in: repaired), meetsGoal: meets)
        guard meets == true else { return (attempt, nil, repaired) }
        var suggestion = RepairSuggestion(placements: placements, policy: policy, cost: repaired.executionCost,
                                          addedRuns: 0, addedCost: CostCounters(), silencedRuns: 0,
                                          states: repaired.result.statistics.states)
        if let (start, actions, lap) = repaired.measuredExecution {
            var state = start
            for action in actions + (lap ?? []) {
                let (next, log) = repaired.world.describe(action, from: state)
                if let step = log.step, placements.contains(where: { $0.notification == step }) {
                    suggestion.addedRuns += 1
                    suggestion.addedCost += log.cost
                    // Range calls that ran silently after it are counted in the same log.
                    for silent in log.silentSteps {
                        if case .rangeStart = silent.kind { suggestion.addedCost.rangeStartCalls -= 1 }
                        if case .rangeEnd = silent.kind { suggestion.addedCost.rangeEndCalls -= 1 }
                    }
                }
                let ran = (log.step.map { [$0] } ?? []) + log.silentSteps
                suggestion.silencedRuns += ran.filter { step in
                    placements.contains { $0.replacement == step }
                }.count
                state = next
            }
        }
        return (attempt, suggestion, repaired)
    }
}
