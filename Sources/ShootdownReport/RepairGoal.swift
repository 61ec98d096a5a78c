import ShootdownLitmus

/// What a suggested repair must achieve for a scenario, whatever the file expects: the
/// observation a correct kernel gives, not the one the file records for a broken policy.
///
/// - every built-in invariant holds (even one the file expects to be violated);
/// - every `eventually` clause holds;
/// - a `~exists` condition is observed `Never`, a `forall` condition `Always`;
/// - an `exists` condition is left out: that an outcome is possible says nothing about
///   correctness.
public struct RepairGoal: Sendable, Equatable {
    /// The observation the final condition must have; `nil` when it is not part of the goal.
    public var finalObservation: Observation?
    /// The goal in words, for the report.
    public var text: String

    public init(_ scenario: Scenario) {
        var parts = ["every invariant holds"]
        if !scenario.eventualities.isEmpty {
            parts.append("every eventually clause holds")
        }
        finalObservation = nil
        if let final = scenario.final {
            switch final.quantifier {
            case .notExists:
                finalObservation = .never
                parts.append("~exists \(final.text) is Never")
            case .forall:
                finalObservation = .always
                parts.append("forall \(final.text) is Always")
            case .exists:
                parts.append("exists \(final.text) is left out")
            }
        }
        text = parts.joined(separator: ", ")
    }

    /// The first property of the goal that `outcome` refutes, e.g. `eventually done(DEV0)
    /// violated`; `nil` when none is refuted.
    public func refutation(in outcome: ScenarioOutcome) -> String? {
        let result = outcome.result
        if let invariant = result.invariants.first(where: { !$0.holds }) { return "\(invariant.name) violated" }
        if let liveness = result.eventualities.first(where: { !$0.holds }) { return "eventually \(liveness.name) violated" }
        if let final = outcome.scenario.final, let found = result.finals.first {
            switch finalObservation {
            case .never? where found.satisfied > 0: return "~exists \(final.text) fails"
            case .always? where found.unsatisfied > 0: return "forall \(final.text) fails"
            default: break
            }
        }
        return nil
    }

    /// Whether `outcome` meets the goal: `false` when it refutes a property of it, `nil` when
    /// the search was incomplete and refuted nothing.
    public func holds(in outcome: ScenarioOutcome) -> Bool? {
        if refutation(in: outcome) != nil || outcome.result.stoppedAtViolation { return false }
        return outcome.result.isComplete ? true : nil
    }
}
