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
    ///
    /// With `mergeRegisters`, registers that only the final condition reads are merged up to
    /// what it can tell apart (``RegisterClasses``): the verdicts are unchanged, the terminal
    /// states are counted by class.
    public static func run(_ scenario: Scenario, options: CheckOptions = .init(),
                           mergeRegisters: Bool = false) throws(LitmusError) -> ScenarioOutcome {
        var options = options
        let predicates = (scenario.final.map { [$0.predicate] } ?? []) + scenario.eventualities.map(\.predicate)
        let world = try world(of: scenario, options: &options, predicates: predicates, mergeRegisters: mergeRegisters)
        var specification = Specification<WorldState>(invariants: world.invariants)
        if let final = scenario.final {
            let predicate = final.predicate
            let settled = SettledPredicate(predicate, in: world)
            // One final state decides `~exists` (a witness) and `forall` (a counterexample).
            let violating: Bool?
            switch final.quantifier {
            case .notExists: violating = true
            case .forall: violating = false
            case .exists: violating = nil
            }
            specification.finals.append(FinalPredicate(final.text, violatingValue: violating,
                                                       settled: { settled.value(in: $0) }) {
                world.evaluate(predicate, in: $0)
            })
        }
        for clause in scenario.eventualities {
            let predicate = clause.predicate
            specification.eventualities.append(Eventually(clause.text, observes: world.observedLocations(of: predicate)) {
                world.evaluate(predicate, in: $0)
            })
        }
        let result = Checker(system: world, specification: specification, options: options).run()
        return ScenarioOutcome(scenario: scenario, world: world, result: result)
    }

    /// The scenario's world with the reductions the options allow, and `options.symmetry` set
    /// to whether the checker should ask for its canonical form. Speculative fills are fused
    /// into the steps they affect under partial-order reduction when no liveness property is
    /// checked.
    private static func world(of scenario: Scenario, options: inout CheckOptions, predicates: [StatePredicate],
                              mergeRegisters: Bool) throws(LitmusError) -> World {
        let plain = try scenario.world()
        let symmetric = options.symmetry && plain.hasSymmetry && predicates.allSatisfy(plain.isSymmetric)
        var configuration = scenario.configuration
        configuration.fusedSpeculativeFills = options.reduction == .partialOrder && scenario.eventualities.isEmpty
        configuration.canonicalForm.deviceSymmetry = symmetric
        if mergeRegisters, options.symmetry, let final = scenario.final {
            configuration.canonicalForm.registerCondition = final.predicate
            configuration.canonicalForm.exactRegisterConditions = scenario.eventualities.map(\.predicate)
        }
        let world: World
        do {
            world = try World(configuration)
        } catch {
            throw scenario.error(error)
        }
        options.symmetry = symmetric || world.mergesRegisters
        return world
    }
}
