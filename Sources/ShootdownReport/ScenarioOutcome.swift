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
        /// Whether the file states the expectation (`Result:` or `Expect:`) rather than leaving a
        /// built-in invariant to its default, `holds`.
        public var stated: Bool
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

    /// ``conditionValidated``, or `false` when a stop at the first violation found a final state
    /// that refutes the condition before its observation settled; `nil` while unsettled.
    public var conditionVerdict: Bool? {
        if let validated = conditionValidated { return validated }
        guard result.stoppedAtViolation, let final = scenario.final, let found = result.finals.first else { return nil }
        let refuted = (final.quantifier == .notExists && found.witness != nil)
            || (final.quantifier == .forall && found.counterexample != nil)
        return refuted ? false : nil
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
                                        expected: scenario.expectations.observation?.rawValue,
                                        stated: scenario.expectations.observation != nil))
        }
        for invariant in result.invariants {
            // After a stop at the first violation, only the invariants found violated are settled.
            if result.stoppedAtViolation && invariant.holds { continue }
            let stated = scenario.expectations.verdicts[invariant.name]
            judgements.append(Judgement(property: invariant.name, found: invariant.holds ? "holds" : "violated",
                                        expected: (stated ?? .holds).rawValue, stated: stated != nil))
        }
        if let livenessHolds {
            let stated = scenario.expectations.verdicts["eventually"]
            judgements.append(Judgement(property: "eventually", found: livenessHolds ? "holds" : "violated",
                                        expected: stated?.rawValue, stated: stated != nil))
        }
        return judgements
    }

    /// Every expectation held and the exploration was complete.
    /// After a stop at the first violation, the settled verdicts met theirs.
    public var expectationsMet: Bool {
        (result.isComplete || result.stoppedAtViolation) && judgements.allSatisfy(\.isMet)
    }
}
