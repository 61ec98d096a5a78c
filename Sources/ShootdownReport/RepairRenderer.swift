import ShootdownModel

/// Prints what ``RepairSearch`` found, as the section `check --suggest` adds after a scenario's
/// summary.
public struct RepairRenderer: Sendable {
    /// At most this many suggestions are printed; the JSON report lists every one.
    public var limit: Int

    public init(limit: Int = 6) {
        self.limit = limit
    }

    public func render(_ search: RepairSearchResult) -> String {
        guard search.goalHolds == false else {
            return search.goalHolds == true
                ? "Suggested repairs: none needed (goal: \(search.goal.text))"
                : "Suggested repairs: not searched: the exploration was incomplete and refuted nothing"
        }
        var lines = ["Suggested repairs (goal: \(search.goal.text)):"]
        lines.append("  As written: \(search.refutation ?? "a property fails"); "
                     + "\(search.candidates.count) placements on the offending path.")
        var tried = "  Tried \(search.singlesTried) single placement\(search.singlesTried == 1 ? "" : "s")"
        if search.pairsPossible > 0 {
            tried += ", then \(search.pairsTried) of \(search.pairsPossible) pairs"
        }
        let count = search.suggestions.count
        lines.append(tried + "; \(count) meet\(count == 1 ? "s" : "") the goal" + (count == 0 ? "." : ", cheapest first:"))
        for (index, suggestion) in search.suggestions.prefix(limit).enumerated() {
            let number = "  \(index + 1). "
            let indent = String(repeating: " ", count: number.count)
            for (position, placement) in suggestion.placements.enumerated() {
                lines.append((position == 0 ? number : String(indent.dropLast(2)) + "+ ") + placement.summary)
            }
            lines.append(indent + pathsText(suggestion.placements))
            lines.append(indent + costText(suggestion))
        }
        if count > limit {
            lines.append("  … and \(count - limit) more (--json lists every one)")
        }
        let refuted = search.attempts.filter { $0.meetsGoal != true }
        let singles = refuted.filter { $0.placements.count == 1 }
        if !singles.isEmpty {
            lines.append("  Not repairs:")
            for attempt in singles {
                lines.append("    \(attempt.placements[0].shortLabel): " + refutationText(attempt))
            }
        }
        let pairs = refuted.filter { $0.placements.count > 1 }
        if !pairs.isEmpty {
            var byReason: [(String, Int)] = []
            for attempt in pairs {
                let reason = refutationText(attempt)
                if let index = byReason.firstIndex(where: { $0.0 == reason }) { byReason[index].1 += 1 } else { byReason.append((reason, 1)) }
            }
            lines.append("  Pairs that are not repairs: \(pairs.count) ("
                         + byReason.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + ")")
        }
        return lines.joined(separator: "\n")
    }

    private func refutationText(_ attempt: RepairAttempt) -> String {
        attempt.refutation ?? "unsettled (the search was incomplete)"
    }

    private func pathsText(_ placements: [RepairPlacement]) -> String {
        "runs on " + placements.map { placement in
            let paths = placement.paths
            return "\(paths.through) of \(paths.total) paths through \(paths.programs.joined(separator: ", "))"
        }.joined(separator: " + ")
    }

    private func costText(_ suggestion: RepairSuggestion) -> String {
        guard let cost = suggestion.cost else { return "cost: the checker reported no complete execution" }
        let measured: String
        switch cost.execution {
        case let .complete(steps): measured = "a shortest complete execution (\(steps) steps)"
        case let .livelock(stem, lap): measured = "a livelock (\(stem) steps + \(lap) a lap)"
        }
        var text = "cost along \(measured): \(cost.total.nonZeroText); the added call ran \(suggestion.addedRuns)×"
        if suggestion.addedRuns > 0 { text += " (\(suggestion.addedCost.nonZeroText))" }
        if suggestion.placements.contains(where: \.movesNotification) {
            text += ", the step it was taken from \(suggestion.silencedRuns)×"
        }
        return text
    }
}
