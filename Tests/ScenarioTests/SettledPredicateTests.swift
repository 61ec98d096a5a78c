import ShootdownLitmus
import ShootdownModel
import Testing

/// The compiled three-valued evaluation used to decide final conditions early gives the same
/// answers as ``World/settledValue(of:in:)``, which follows the predicate's definition.
@Suite("Settled predicates")
struct SettledPredicateTests {
    /// Every bundled scenario small enough to enumerate (as in ``FootprintSoundnessTests``) with
    /// its final condition.
    static var cases: [(String, World, StatePredicate)] {
        var result: [(String, World, StatePredicate)] = []
        for path in BundledScenarios.all where !path.contains("/Scenarios/case-b/") {
            guard let matrix = try? ScenarioLowering.loadMatrix(contentsOf: path) else { continue }
            for scenario in matrix.scenarios {
                if let final = scenario.final, let world = try? scenario.world() {
                    result.append((path, world, final.predicate))
                }
            }
        }
        return result
    }

    /// Predicates built around `final` that exercise every instruction: negation, constants
    /// that fix a disjunction or a conjunction early, memory literals, and a thread the world
    /// does not have.
    static func variants(of final: StatePredicate, in world: World) -> [StatePredicate] {
        let threads = world.configuration.threads.count
        return [
            final,
            .not(final),
            .or(final, .constant(true)),
            .and(.constant(false), final),
            .and(final, .constant(true)),
            .or(.memory(page: 0, value: 1), .done(thread: threads - 1)),
            .and(.not(.done(thread: 0)), .register(thread: threads + 3, register: 0, value: 0)),
            .or(.register(thread: threads + 3, register: 0, value: 0), .not(final)),
        ]
    }

    @Test("the compiled predicate agrees with the definition in every reachable state")
    func agreesWithDefinition() {
        var compared = 0
        var fixed = 0
        for (name, world, final) in Self.cases {
            let predicates = Self.variants(of: final, in: world)
            let compiled = predicates.map { SettledPredicate($0, in: world) }
            for state in FootprintSoundnessTests.reachable(world, limit: 5_000) {
                for (predicate, settled) in zip(predicates, compiled) {
                    let expected = world.settledValue(of: predicate, in: state)
                    if expected != nil { fixed += 1 }
                    compared += 1
                    #expect(settled.value(in: state) == expected, "\(name): \(predicate)")
                    if settled.value(in: state) != expected { return }
                }
            }
        }
        #expect(compared > 10_000)
        #expect(fixed > 1_000)
    }
}
