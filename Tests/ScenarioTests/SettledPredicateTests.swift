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

/// What a settled value promises: every terminal state reachable from a state where the final
/// condition is fixed gives the condition that value.
@Suite("Settled values are final")
struct SettledValueSoundnessTests {
    @Test("every terminal state reachable from a settled state has the settled value")
    func settledValuesHoldAtTheEnd() {
        var settledStates = 0
        for (name, world, final) in SettledPredicateTests.cases {
            let states = FootprintSoundnessTests.reachable(world, limit: 5_000)
            guard states.count < 5_000 else { continue }
            let index = Dictionary(uniqueKeysWithValues: states.enumerated().map { ($1, $0) })
            var successors: [[Int]] = []
            var actions: [WorldAction] = []
            for state in states {
                actions.removeAll(keepingCapacity: true)
                world.enabledActions(in: state, into: &actions)
                successors.append(actions.compactMap { index[world.successor(of: state, via: $0)] })
            }
            // Bit 0: a reachable terminal state where the condition fails; bit 1: one where it holds.
            var ends = states.indices.map { successors[$0].isEmpty ? (world.evaluate(final, in: states[$0]) ? 2 : 1) : 0 }
            var changed = true
            while changed {
                changed = false
                for state in states.indices.reversed() {
                    let merged = successors[state].reduce(ends[state]) { $0 | ends[$1] }
                    if merged != ends[state] {
                        ends[state] = merged
                        changed = true
                    }
                }
            }
            let settled = SettledPredicate(final, in: world)
            for (position, state) in states.enumerated() {
                guard let value = settled.value(in: state) else { continue }
                settledStates += 1
                #expect(ends[position] & (value ? 1 : 2) == 0, "\(name): a terminal state contradicts the settled value")
                if ends[position] & (value ? 1 : 2) != 0 { return }
            }
        }
        #expect(settledStates > 1_000)
    }
}
