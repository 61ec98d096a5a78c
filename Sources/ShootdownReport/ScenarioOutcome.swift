import ShootdownChecker
import ShootdownLitmus
import ShootdownModel

/// What checking one scenario found, and whether it matches what the file expects.
public struct ScenarioOutcome: Sendable {
    /// One property's verdict beside the expectation for it.
    public struct Judgement: Sendable {
        /// `final`, `eventually` or an invariant name.
        public var property: String
        /// What was found, e.g. `Never`, `holds`, `violated`.
        public var found: String
        /// What the file expects; `nil` when it states nothing (then nothing is judged).
        public var expected: String?
        public var isMet: Bool { expected == nil || expected == found }
    }

    public let scenario: Scenario
    public let world: World
    public let result: CheckResult<World>

    /// herd7's observation of the final condition's expression: in all, some or no terminal
    /// states.
    public var observation: Observation? {
        guard let final = result.finals.first else { return nil }
        if result.stoppedAtViolation {
            // Only what was seen is known: both kinds of final state make it Sometimes.
            return final.satisfied > 0 && final.unsatisfied > 0 ? .sometimes : nil
        }
        if final.satisfied == 0 { return .never }
        return final.unsatisfied == 0 ? .always : .sometimes
    }

    /// Whether the final condition as quantified is validated (herd's `Ok` / `No`).
    public var conditionValidated: Bool? {
        guard let final = scenario.final, let observation else { return nil }
        switch final.quantifier {
        case .exists: return observation != .never
        case .notExists: return observation == .never
        case .forall: return observation == .always
        }
    }

    /// Whether every `eventually` clause holds.
    public var livenessHolds: Bool? {
        result.eventualities.isEmpty ? nil : result.eventualities.allSatisfy(\.holds)
    }

    /// Every property with its verdict and expectation, in report order.
    public var judgements: [Judgement] {
        var judgements: [Judgement] = []
        if let observation {
            judgements.append(Judgement(property: "final", found: observation.rawValue,
                                        expected: scenario.expectations.observation?.rawValue))
        }
        for invariant in result.invariants {
            // After a stop at the first violation, only the invariants found violated are settled.
            if result.stoppedAtViolation && invariant.holds { continue }
            let expected = scenario.expectations.verdicts[invariant.name] ?? .holds
            judgements.append(Judgement(property: invariant.name, found: invariant.holds ? "holds" : "violated",
                                        expected: expected.rawValue))
        }
        if let livenessHolds {
            judgements.append(Judgement(property: "eventually", found: livenessHolds ? "holds" : "violated",
                                        expected: scenario.expectations.verdicts["eventually"]?.rawValue))
        }
        return judgements
    }

    /// Every expectation held and the exploration was complete.
    /// After a stop at the first violation, the settled verdicts met theirs.
    public var expectationsMet: Bool {
        (result.isComplete || result.stoppedAtViolation) && judgements.allSatisfy(\.isMet)
    }
}
