/// A scenario's verdicts as short HTML lines, e.g. `~exists (…): Sometimes — No`, each in green
/// when it is what the file expects, in red when it is not, plain when nothing is expected.
enum HTMLVerdicts {
    /// One line for the final condition, each invariant and each `eventually` clause.
    static func lines(of result: ScenarioReport) -> [String] {
        var lines: [String] = []
        func judged(_ property: String) -> String {
            guard let expectation = result.expectations.first(where: { $0.property == property }) else { return "" }
            return expectation.met ? "as-expected" : "not-as-expected"
        }
        if let final = result.finalCondition {
            let observation = final.observation ?? "unsettled"
            let validated = final.validated.map { $0 ? "Ok" : "No" } ?? "unsettled"
            lines.append("<code>\("\(final.kind) \(final.condition)".htmlEscaped)</code>: "
                         + span("\(observation) — \(validated)", judged("final")))
        }
        for invariant in result.invariants {
            lines.append("<code>\(invariant.name.htmlEscaped)</code>: " + span(invariant.verdict, judged(invariant.name)))
        }
        for liveness in result.liveness {
            let kind = liveness.counterexample.map { " (\($0))" } ?? ""
            lines.append("<code>eventually \(liveness.condition.htmlEscaped)</code>: "
                         + span(liveness.verdict + kind, judged("eventually")))
        }
        return lines
    }

    private static func span(_ text: String, _ style: String) -> String {
        style.isEmpty ? text.htmlEscaped : "<span class=\"\(style)\">\(text.htmlEscaped)</span>"
    }
}
