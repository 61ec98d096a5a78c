import ShootdownLitmus

/// Prints the variants of a scenario file as one table: a column per axis, the final
/// condition's observation, each invariant, each `eventually` clause, and whether the variant's
/// expectations were met. Every cell comes from the variant's ``ScenarioOutcome``.
public struct VariantTableRenderer: Sendable {
    /// Renders the full report of the variants whose expectations were not met.
    public var details: SummaryRenderer

    public init(details: SummaryRenderer = .init()) {
        self.details = details
    }

    /// What `check` prints for a file with a variants block: a heading, the table, the verdict,
    /// then the full report of each variant whose expectations were not met.
    public func render(_ matrix: ScenarioMatrix, outcomes: [ScenarioOutcome]) -> String {
        var lines = [heading(matrix)]
        lines.append(table(outcomes, axes: matrix.axes))
        let unmet = outcomes.filter { !$0.expectationsMet }
        lines.append(unmet.isEmpty ? "Result: every expectation met in every variant"
                                   : "Result: EXPECTATION NOT MET in \(unmet.count) of \(outcomes.count) variants")
        for outcome in unmet {
            lines.append("")
            lines.append("Variant \(outcome.scenario.variant?.description ?? "")")
            lines.append(details.render(outcome))
        }
        return lines.joined(separator: "\n")
    }

    /// `Test NAME (FILE): N variants of A × B`, and the combinations the model rejects.
    public func heading(_ matrix: ScenarioMatrix) -> String {
        let count = matrix.scenarios.count
        var text = "Test \(matrix.name) (\(matrix.file)): \(count) variant\(count == 1 ? "" : "s")"
        if matrix.isMatrix { text += " of " + matrix.axes.joined(separator: " × ") }
        guard !matrix.skipped.isEmpty else { return text }
        var reasons: [String] = []
        for skipped in matrix.skipped where !reasons.contains(skipped.reason) { reasons.append(skipped.reason) }
        let skipped = matrix.skipped.count
        var lines = [text, "Skipped \(skipped) combination\(skipped == 1 ? "" : "s") the model rejects:"]
        for reason in reasons {
            let variants = matrix.skipped.filter { $0.reason == reason }.map(\.variant.description)
            lines.append("  \(reason): " + variants.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// The table: one row per outcome.
    public func table(_ outcomes: [ScenarioOutcome], axes: [String]) -> String {
        let invariants = Self.invariantNames(outcomes)
        let eventualities = outcomes.first?.scenario.eventualities.map(\.text) ?? []
        var headers = Self.variantHeaders(axes)
        if let final = outcomes.first?.scenario.final { headers.append("\(final.quantifier.rawValue) \(final.text)") }
        headers += invariants
        headers += eventualities.map { "eventually \($0)" }
        headers.append("expectations")
        var table = TextTable(headers: headers)
        for outcome in outcomes {
            var row = Self.variantCells(outcome, axes: axes)
            if outcome.scenario.final != nil { row.append(Self.observation(outcome)) }
            for name in invariants {
                guard let found = outcome.result.invariants.first(where: { $0.name == name }) else {
                    row.append("-")
                    continue
                }
                row.append(found.holds ? (outcome.result.stoppedAtViolation ? "unsettled" : "holds") : "violated")
            }
            for liveness in outcome.result.eventualities {
                let kind = liveness.counterexample.map { $0.isTerminal ? " (stops)" : " (livelock)" } ?? ""
                row.append(liveness.holds ? "holds" : "violated" + kind)
            }
            row.append(Self.expectationCell(outcome))
            table.rows.append(row)
        }
        return table.render()
    }

    // MARK: - Cells shared with the cost comparison

    /// A column per axis; a file without variants has one column, `variant`.
    static func variantHeaders(_ axes: [String]) -> [String] {
        axes.isEmpty ? ["variant"] : axes
    }

    /// The variant's value on each axis (`-` where the axis does not apply).
    static func variantCells(_ outcome: ScenarioOutcome, axes: [String]) -> [String] {
        guard let variant = outcome.scenario.variant, !axes.isEmpty else { return [outcome.scenario.name] }
        return axes.map { variant.value(of: $0) ?? "-" }
    }

    /// The invariants checked in any of the outcomes, in report order.
    private static func invariantNames(_ outcomes: [ScenarioOutcome]) -> [String] {
        var names: [String] = []
        for outcome in outcomes {
            for invariant in outcome.result.invariants where !names.contains(invariant.name) { names.append(invariant.name) }
        }
        return names
    }

    /// The final condition's observation, or why there is none.
    static func observation(_ outcome: ScenarioOutcome) -> String {
        if let observation = outcome.observation { return observation.rawValue }
        return outcome.result.stoppedAtViolation ? "unsettled" : "-"
    }

    /// `met`, or `NOT MET` with the properties found otherwise than expected.
    static func expectationCell(_ outcome: ScenarioOutcome) -> String {
        if !outcome.result.isComplete && !outcome.result.stoppedAtViolation { return "INCOMPLETE" }
        let unmet = outcome.judgements.filter { !$0.isMet }
        if unmet.isEmpty {
            return outcome.judgements.contains { $0.expected != nil } ? "met" : "-"
        }
        return "NOT MET: " + unmet.map { "\($0.property) \($0.found), expected \($0.expected ?? "-")" }.joined(separator: "; ")
    }
}
