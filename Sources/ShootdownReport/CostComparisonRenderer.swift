import ShootdownLitmus
import ShootdownModel

/// Prints what `compare` shows: the variants' verdicts, then their costs side by side, one row
/// per variant in both tables. Every number is counted along an execution the checker reported
/// (``ExecutionCost``); none is written in the code.
public struct CostComparisonRenderer: Sendable {
    public init() {}

    public func render(_ matrix: ScenarioMatrix, outcomes: [ScenarioOutcome]) -> String {
        let verdicts = VariantTableRenderer()
        var lines = [verdicts.heading(matrix), "", "Verdicts", verdicts.table(outcomes, axes: matrix.axes), ""]
        lines.append("Cost along one execution per variant: a shortest complete execution the checker found;")
        lines.append("where none completes, the livelock up to its loop plus one lap")
        lines.append(contentsOf: costs(outcomes, axes: matrix.axes))
        return lines.joined(separator: "\n")
    }

    /// The cost table, the counters that stay zero everywhere, and what each lap of a livelock adds.
    public func costs(_ outcomes: [ScenarioOutcome], axes: [String]) -> [String] {
        let costs = outcomes.map(\.executionCost)
        let names = CostCounters().entries.map(\.name)
        let used = names.indices.filter { index in costs.contains { ($0?.total.entries[index].value ?? 0) > 0 } }
        var table = TextTable(headers: VariantTableRenderer.variantHeaders(axes) + ["execution"] + used.map { names[$0] })
        table.rightAligned = Set(table.headers.indices.suffix(used.count))
        var laps: [String] = []
        for (outcome, cost) in zip(outcomes, costs) {
            var row = VariantTableRenderer.variantCells(outcome, axes: axes)
            guard let cost else {
                table.rows.append(row + ["none reported"] + used.map { _ in "-" })
                continue
            }
            switch cost.execution {
            case let .complete(steps):
                row.append("complete, \(steps) steps")
            case let .livelock(stem, lap):
                row.append("livelock, \(stem) + \(lap)/lap")
            }
            let entries = cost.total.entries
            table.rows.append(row + used.map { String(entries[$0].value) })
            if let perLap = cost.perLap {
                let name = outcome.scenario.variant?.description ?? outcome.scenario.name
                laps.append("  \(name): " + (perLap == CostCounters() ? "nothing counted" : perLap.nonZeroText))
            }
        }
        var lines = [table.render()]
        let unused = names.indices.filter { !used.contains($0) }.map { names[$0] }
        if !unused.isEmpty { lines.append("Zero in every variant: " + unused.joined(separator: ", ")) }
        if !laps.isEmpty {
            lines.append("Each further lap of a livelock adds:")
            lines.append(contentsOf: laps)
        }
        return lines
    }
}
