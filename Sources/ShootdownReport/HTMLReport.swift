/// A self-contained HTML page (inline CSS and SVG, no script, no external resource) reporting
/// every scenario checked in a run: a summary table, then per scenario its verdicts, the cost
/// of each execution shown, and each execution as a sequence diagram.
public struct HTMLReport: Sendable {
    /// The scenarios, in the order they were checked.
    public var results: [ScenarioReport]
    /// The page's title.
    public var title: String

    public init(results: [ScenarioReport], title: String = "Shootdown check") {
        self.results = results
        self.title = title
    }

    /// The whole page.
    public func render() -> String {
        let unmet = results.filter { !$0.expectationsMet }.count
        var html = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                    "<title>\(title.htmlEscaped)</title>", "<style>", HTMLStyle.css, "</style>", "</head>", "<body>"]
        html.append("<h1>\(title.htmlEscaped)</h1>")
        let scenarios = "\(results.count) scenario\(results.count == 1 ? "" : "s")"
        html.append("<p class=\"meta\">\(scenarios); "
                    + (unmet == 0 ? "<span class=\"met\">every expectation met</span>"
                                  : "<span class=\"unmet\">\(unmet) with an expectation not met</span>") + "</p>")
        html.append(summaryTable())
        for (index, result) in results.enumerated() {
            html.append(HTMLScenarioSection(result: result, anchor: Self.anchor(index)).render())
        }
        html += ["</body>", "</html>", ""]
        return html.joined(separator: "\n")
    }

    static func anchor(_ index: Int) -> String { "scenario-\(index + 1)" }

    /// One row per scenario: name, configuration, verdicts, expectations, states, time.
    private func summaryTable() -> String {
        var html = ["<table class=\"summary\">",
                    "<thead><tr><th>Scenario</th><th>Configuration</th><th>Verdicts <span class=\"meta\">(green: as the file expects; red: not)</span></th><th>Expectations</th>"
                        + "<th>States</th><th>Time</th></tr></thead>", "<tbody>"]
        for (index, result) in results.enumerated() {
            let verdicts = HTMLVerdicts.lines(of: result).map { "<li>\($0)</li>" }.joined()
            let unmet = result.expectations.filter { !$0.met }.map { $0.property.htmlEscaped }
            let expectations = result.expectationsMet
                ? "<span class=\"met\">met</span>"
                : "<span class=\"unmet\">NOT MET</span>" + (unmet.isEmpty ? "" : "<br>" + unmet.joined(separator: ", "))
            let exploration = result.exploration
            let states = "\(exploration.states)" + (exploration.complete ? "" : " <span class=\"unsettled\">(incomplete)</span>")
            html.append("<tr><td><a href=\"#\(Self.anchor(index))\">\(result.scenario.name.htmlEscaped)</a>"
                        + "<br><span class=\"meta mono\">\(result.file.htmlEscaped)</span></td>"
                        + "<td class=\"mono\">\(result.variant.summary.htmlEscaped)</td>"
                        + "<td><ul class=\"verdicts\">\(verdicts)</ul></td><td>\(expectations)</td>"
                        + "<td class=\"num\">\(states)</td><td class=\"num\">\(Self.time(exploration.seconds))</td></tr>")
        }
        html += ["</tbody>", "</table>"]
        return html.joined(separator: "\n")
    }

    /// Seconds as `12.34 ms` or `1.23 s`.
    static func time(_ seconds: Double) -> String {
        seconds < 1 ? "\(fixed(seconds * 1000, 2)) ms" : "\(fixed(seconds, 2)) s"
    }
}
