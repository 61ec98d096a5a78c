import ShootdownChecker
import ShootdownLitmus
import ShootdownModel

/// Builds the model of a scenario, explores it, and judges the result against the file's
/// expectations.
public enum ScenarioCheck {
    /// Checks `scenario`. The verdicts come only from exploring the model.
    public static func run(_ scenario: Scenario, options: CheckOptions = .init()) throws(ModelError) -> ScenarioOutcome {
        let world = try World(scenario.configuration)
        var specification = Specification<WorldState>(invariants: world.invariants)
        if let final = scenario.final {
            let predicate = final.predicate
            specification.finals.append(FinalPredicate(final.text) { world.evaluate(predicate, in: $0) })
        }
        for clause in scenario.eventualities {
            let predicate = clause.predicate
            specification.eventualities.append(Eventually(clause.text) { world.evaluate(predicate, in: $0) })
        }
        let result = Checker(system: world, specification: specification, options: options).run()
        return ScenarioOutcome(scenario: scenario, world: world, result: result)
    }
}
