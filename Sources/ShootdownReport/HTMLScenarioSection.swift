import ShootdownModel

/// One scenario's part of the HTML report: what was checked, every expectation beside what
/// was found, the cost of each execution shown, and the executions as sequence diagrams.
struct HTMLScenarioSection {
    var result: ScenarioReport
    var anchor: String

    func render() -> String {
        var html = ["<section id=\"\(anchor)\">", "<h2>\(result.scenario.name.htmlEscaped)</h2>",
                    "<p class=\"meta mono\">\(result.file.htmlEscaped)</p>"]
        if let description = result.scenario.description { html.append("<p>\(description.htmlEscaped)</p>") }
        let variant = result.variant
        html.append("<p class=\"meta\">Configuration: <code>\(variant.summary.htmlEscaped)</code><br>"
                    + "Policy <code>\(variant.policy.name.htmlEscaped)</code>: \(variant.policy.summary.htmlEscaped)</p>")
        html.append("<p class=\"meta\">\(exploration.htmlEscaped)</p>")
        html.append("<div class=\"tables\">")
        html.append("<div>\n<h3>Verdicts <span class=\"meta\">(green: as expected; red: not)</span></h3>\n<ul class=\"verdicts\">"
                    + HTMLVerdicts.lines(of: result).map { "<li>\($0)</li>" }.joined() + "</ul>\n\(positiveNegative)</div>")
        html.append("<div>\n<h3>Expectations</h3>\n\(expectationTable())\n</div>")
        html.append("<div>\n\(costTable())\n</div>\n</div>")
        for (index, trace) in result.traces.enumerated() {
            let heading = trace.kind == .witness ? "Witness" : "Counterexample"
            html.append("<h3>\(heading) \(index + 1): \(trace.title.htmlEscaped)</h3>")
            html.append(StepStyle.legendHTML)
            html.append("<div class=\"diagram\">\n" + SVGTimeline().render(trace) + "\n</div>")
        }
        html.append("</section>")
        return html.joined(separator: "\n")
    }

    /// The search's figures in one line.
    private var exploration: String {
        let e = result.exploration
        var text = "States \(e.states) · transitions \(e.transitions) · terminal \(e.terminalStates) · depth \(e.maxDepth)"
            + " · search: " + (e.reduction == "partial-order" ? "partial-order reduction" : "no reduction")
            + (e.symmetry ? ", device symmetry" : "") + (e.mergedRegisters ? ", registers merged by the final condition" : "") + ", \(e.storage) storage, \(e.threads) thread\(e.threads == 1 ? "" : "s")"
            + " · time \(HTMLReport.time(e.seconds))"
        if e.stoppedAtViolation { text += " · stopped at the first violation: other verdicts unsettled" }
        if !e.complete && !e.stoppedAtViolation { text += " · INCOMPLETE: the state limit stopped the search" }
        return text
    }

    /// herd7's counts of terminal states where the final condition's expression holds or not.
    private var positiveNegative: String {
        guard let final = result.finalCondition else { return "" }
        return "<p class=\"meta\">Terminal states: positive \(final.positive), negative \(final.negative)</p>"
    }

    /// Each judged property: expected, found, met.
    private func expectationTable() -> String {
        var html = ["<table class=\"compact\">", "<thead><tr><th>Property</th><th>Expected</th><th>Found</th><th>Met</th></tr></thead>", "<tbody>"]
        for expectation in result.expectations {
            let stated = expectation.stated ? "" : " <span class=\"meta\">(default)</span>"
            let met = expectation.met ? "<span class=\"met\">yes</span>" : "<span class=\"unmet\">NO</span>"
            html.append("<tr><td><code>\(expectation.property.htmlEscaped)</code></td>"
                        + "<td>\(expectation.expected.htmlEscaped)\(stated)</td><td>\(expectation.actual.htmlEscaped)</td>"
                        + "<td>\(met)</td></tr>")
        }
        html += ["</tbody>", "</table>"]
        return html.joined(separator: "\n")
    }

    /// One row per cost counter, one column per execution shown.
    private func costTable() -> String {
        guard !result.traces.isEmpty else {
            return "<h3>Cost</h3>\n<p class=\"meta\">No execution to cost: no property was refuted and no exists condition holds.</p>"
        }
        var html = ["<h3>Cost of the executions below</h3>", "<table class=\"compact\">", "<thead><tr><th>Counter</th>"
                        + result.traces.indices.map { "<th>\($0 + 1)</th>" }.joined() + "</tr></thead>", "<tbody>"]
        let columns = result.traces.map(\.cost.entries)
        for (row, entry) in CostCounters().entries.enumerated() {
            let cells = columns.map { column -> String in
                let value = column[row].value
                return "<td class=\"num\(value == 0 ? " zero" : "")\">\(value)</td>"
            }
            html.append("<tr><td><code>\(entry.name.htmlEscaped)</code></td>" + cells.joined() + "</tr>")
        }
        html += ["</tbody>", "</table>"]
        return html.joined(separator: "\n")
    }
}
