import ShootdownChecker
import ShootdownLitmus
import ShootdownModel

/// Builds the model of a scenario, explores it, and judges the result against the file's
/// expectations.
public enum ScenarioCheck {
    /// Checks `scenario`. The verdicts come only from exploring the model. A scenario the model
    /// cannot build is reported as an error located in its file.
    ///
    /// Symmetry reduction is used only when asked for, when the world has interchangeable
    /// devices, and when every condition of the scenario is symmetric in them.
    public static func run(_ scenario: Scenario, options: CheckOptions = .init()) throws(LitmusError) -> ScenarioOutcome {
        let world = try scenario.world()
        var specification = Specification<WorldState>(invariants: world.invariants)
        var predicates: [StatePredicate] = []
        if let final = scenario.final {
            let predicate = final.predicate
            predicates.append(predicate)
            // One final state decides `~exists` (a witness) and `forall` (a counterexample).
            let violating: Bool?
            switch final.quantifier {
            case .notExists: violating = true
            case .forall: violating = false
            case .exists: violating = nil
            }
            specification.finals.append(FinalPredicate(final.text, violatingValue: violating,
                                                       settled: { world.settledValue(of: predicate, in: $0) }) {
                world.evaluate(predicate, in: $0)
            })
        }
        for clause in scenario.eventualities {
            let predicate = clause.predicate
            predicates.append(predicate)
            specification.eventualities.append(Eventually(clause.text, observes: world.observedLocations(of: predicate)) {
                world.evaluate(predicate, in: $0)
            })
        }
        var options = options
        options.symmetry = options.symmetry && world.hasSymmetry && predicates.allSatisfy(world.isSymmetric)
        let result = Checker(system: world, specification: specification, options: options).run()
        return ScenarioOutcome(scenario: scenario, world: world, result: result)
    }
}
