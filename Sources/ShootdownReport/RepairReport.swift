import ShootdownModel

/// The `repairs` object of a result in `check --suggest --json`: what the repair search tried
/// and the repairs it suggests (`docs/REPAIR.md`).
public struct RepairReport: Codable, Sendable, Equatable {
    /// One place a repair puts a notification.
    public struct Placement: Codable, Sendable, Equatable {
        /// `"insert"` or `"move-under-ptl"`.
        public var kind: String
        /// The step the notification follows: its function, call and file.
        public var afterFunction: String
        public var afterCall: String
        public var file: String
        /// The notification's call, e.g. `mmu_notifier_invalidate_range`.
        public var notification: String
        /// Whether the PTL is held right after the step it follows.
        public var underPTL: Bool
        /// The paths of the programs with that step's site that run it, and all their paths.
        public var pathsThrough: Int
        public var pathsTotal: Int
        /// For a move: the later step (`function: call`) that stops notifying.
        public var stopsNotifying: String?
        /// What that step becomes; absent when it is removed.
        public var becomes: String?
        /// The placement in one line, as the text report prints it.
        public var text: String
    }

    /// One suggested repair.
    public struct Suggestion: Codable, Sendable, Equatable {
        public var placements: [Placement]
        /// The steps of the execution its cost is counted along; absent when none was reported.
        public var executionSteps: Int?
        /// The counts along that execution; absent when none was reported.
        public var cost: CostCounters?
        /// How many times the added notifications ran along it, and what they cost.
        public var addedRuns: Int
        public var addedCost: CostCounters
        /// For a move: how many times the step that stopped notifying ran along it.
        public var silencedRuns: Int
    }

    /// The goal in words (`docs/REPAIR.md`).
    public var goal: String
    /// Whether the scenario as written meets the goal; absent when its search was incomplete.
    public var goalHolds: Bool?
    /// The goal's property the scenario as written refutes.
    public var refutation: String?
    /// Single placements generated, single placements checked, pairs checked.
    public var candidates: Int
    public var singlesTried: Int
    public var pairsTried: Int
    /// The minimal repairs, best first.
    public var suggestions: [Suggestion]

    public init(_ search: RepairSearchResult) {
        goal = search.goal.text
        goalHolds = search.goalHolds
        refutation = search.refutation
        candidates = search.candidates.count
        singlesTried = search.singlesTried
        pairsTried = search.pairsTried
        suggestions = search.suggestions.map { suggestion in
            var executionSteps: Int?
            if case let .complete(steps)? = suggestion.cost?.execution { executionSteps = steps }
            return Suggestion(placements: suggestion.placements.map(Placement.init), executionSteps: executionSteps,
                              cost: executionSteps == nil ? nil : suggestion.cost?.total,
                              addedRuns: suggestion.addedRuns, addedCost: suggestion.addedCost,
                              silencedRuns: suggestion.silencedRuns)
        }
    }
}

extension RepairReport.Placement {
    init(_ placement: RepairPlacement) {
        var stops: String?
        if case let .moveUnderPTL(from) = placement.kind { stops = from.label }
        self.init(kind: stops == nil ? "insert" : "move-under-ptl", afterFunction: placement.anchor.function,
                  afterCall: placement.anchor.call, file: placement.anchor.file, notification: placement.notification.call,
                  underPTL: placement.underPTL, pathsThrough: placement.paths.through, pathsTotal: placement.paths.total,
                  stopsNotifying: stops, becomes: placement.replacement?.call,
                  text: placement.summary)
    }
}
