/// A scenario's verdicts as short HTML lines, e.g. `~exists (…): Sometimes — No`.
enum HTMLVerdicts {
    /// One line for the final condition, each invariant and each `eventually` clause.
    static func lines(of result: ScenarioReport) -> [String] {
        var lines: [String] = []
        if let final = result.finalCondition {
            let observation = final.observation ?? "unsettled"
            let validated = final.validated.map { $0 ? "Ok" : "No" } ?? "unsettled"
            lines.append("<code>\("\(final.kind) \(final.condition)".htmlEscaped)</code>: \(observation) — "
                         + span(validated, final.validated.map { $0 ? "holds" : "violated" } ?? "unsettled"))
        }
        for invariant in result.invariants {
            lines.append("<code>\(invariant.name.htmlEscaped)</code>: " + span(invariant.verdict, invariant.verdict))
        }
        for liveness in result.liveness {
            let kind = liveness.counterexample.map { " (\($0))" } ?? ""
            lines.append("<code>eventually \(liveness.condition.htmlEscaped)</code>: " + span(liveness.verdict + kind, liveness.verdict))
        }
        return lines
    }

    private static func span(_ text: String, _ verdict: String) -> String {
        "<span class=\"\(verdict.htmlEscaped)\">\(text.htmlEscaped)</span>"
    }
}
