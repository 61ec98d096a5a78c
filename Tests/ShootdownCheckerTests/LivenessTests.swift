import ShootdownChecker
import Testing

@Suite("Eventually under fairness")
struct LivenessTests {
    /// Both threads raise, both see the other's flag, both lower, forever: a livelock in which
    /// each thread keeps stepping, so it is fair and violates the property.
    @Test func politeThreadsLivelock() throws {
        let system = PoliteThreads(hasArbiter: false)
        for fairness in [Fairness.weak, .none] {
            let result = check(system, Specification(eventualities: [PoliteThreads.someoneDone]), CheckOptions(fairness: fairness))
            let outcome = result.eventualities[0]
            #expect(outcome.name == "someone done")
            #expect(!outcome.holds)
            let lasso = try #require(outcome.counterexample)
            // The initial state lies on the livelock, so the stem is empty.
            #expect(lasso.stem.actions.isEmpty)
            // Each thread must raise, check and lower to come back: at least six steps.
            #expect(lasso.cycle.count >= 6)
            #expect(!lasso.cycleStates.contains { $0.pc.contains(3) })
            #expect(cycleActors(lasso, in: system) == [0, 1])
            #expect(isWeaklyFair(lasso, in: system, actors: [0, 1]))
        }
    }

    /// An arbiter that is always enabled until it acts breaks the livelock once it acts. The
    /// livelock cycle starves it, so weak fairness rejects that cycle; without fairness it counts.
    @Test func arbiterBreaksLivelockOnlyUnderWeakFairness() throws {
        let system = PoliteThreads(hasArbiter: true)
        let specification = Specification(eventualities: [PoliteThreads.someoneDone])
        let fair = check(system, specification, CheckOptions(fairness: .weak))
        #expect(fair.eventualities[0].holds)
        #expect(fair.eventualities[0].counterexample == nil)

        let unfair = check(system, specification, CheckOptions(fairness: .none))
        let lasso = try #require(unfair.eventualities[0].counterexample)
        #expect(!lasso.cycle.isEmpty)
        #expect(!cycleActors(lasso, in: system).contains(2))
        #expect(!isWeaklyFair(lasso, in: system, actors: [0, 1, 2]))
    }

    /// A device retrying in place (a self-loop) while the fixer that would let it complete is
    /// always enabled: unfair to the fixer, so it holds under weak fairness only.
    @Test func deviceRetrySelfLoop() throws {
        let system = DeviceRetry()
        let specification = Specification(eventualities: [DeviceRetry.completes])
        #expect(check(system, specification, CheckOptions(fairness: .weak)).eventualities[0].holds)

        let result = check(system, specification, CheckOptions(fairness: .none))
        let lasso = try #require(result.eventualities[0].counterexample)
        #expect(lasso.stem.states == [DeviceRetry.State()])
        #expect(lasso.cycle == [.retry])
        #expect(lasso.cycleStates == [DeviceRetry.State()])
    }

    /// A single actor that may spin forever on a self-loop instead of finishing: weak fairness is
    /// per actor, and the actor does step, so the spin is a fair counterexample.
    @Test func selfLoopOfTheOnlyActorIsFair() throws {
        let system = ExplicitGraph(initial: [0], [(0, 0, 0, "spin"), (0, 1, 0, "finish")])
        let result = check(system, Specification(eventualities: [Eventually("finished") { $0 == 1 }]))
        let lasso = try #require(result.eventualities[0].counterexample)
        #expect(lasso.stem.states == [0])
        #expect(lasso.cycle.map(\.label) == ["spin"])
        #expect(lasso.cycleStates == [0])
    }

    /// The actor whose only edge leads straight into the awaited state is still enabled on the
    /// spinning state: edges into awaited states count for enabledness.
    @Test func edgeIntoGoalCountsAsEnabled() {
        let system = ExplicitGraph(initial: [0], [(0, 0, 0, "spin"), (0, 1, 1, "finish")])
        let specification = Specification(eventualities: [Eventually<Int>("finished") { $0 == 1 }])
        #expect(check(system, specification, CheckOptions(fairness: .weak)).eventualities[0].holds)
        #expect(!check(system, specification, CheckOptions(fairness: .none)).eventualities[0].holds)
    }

    /// The shortest cycle (the spin) starves actor 1, which is enabled in state 0; the fair
    /// cycle must take the detour through state 1 and actor 1's step back.
    @Test func fairCycleTakesTheRequiredDetour() throws {
        let system = ExplicitGraph(
            initial: [0],
            [(0, 0, 0, "spin"), (0, 1, 0, "step"), (1, 0, 1, "back"), (0, 2, 1, "finish")]
        )
        let specification = Specification(eventualities: [Eventually<Int>("finished") { $0 == 2 }])

        let weak = try #require(check(system, specification, CheckOptions(fairness: .weak)).eventualities[0].counterexample)
        #expect(weak.cycle.contains { $0.label == "back" })
        #expect(isWeaklyFair(weak, in: system, actors: system.actors))

        let none = try #require(check(system, specification, CheckOptions(fairness: .none)).eventualities[0].counterexample)
        #expect(none.cycle.map(\.label) == ["spin"])
        #expect(!isWeaklyFair(none, in: system, actors: system.actors))
    }

    /// Actor 1 can finish only from state 0; the cycle 0 -> 1 -> 0 by actor 0 alone is fair
    /// because actor 1 is disabled in state 1. Enabling it in state 1 too makes the cycle unfair.
    @Test func actorDisabledSomewhereOnTheCycle() throws {
        let cycle: [(from: Int, to: Int, actor: Int, label: String)] = [(0, 1, 0, "go"), (1, 0, 0, "come")]
        let specification = Specification(eventualities: [Eventually<Int>("finished") { $0 == 2 }])

        let sometimes = ExplicitGraph(initial: [0], cycle + [(0, 2, 1, "finish")])
        let lasso = try #require(check(sometimes, specification).eventualities[0].counterexample)
        #expect(lasso.cycle.map(\.label) == ["go", "come"])
        #expect(lasso.cycleStates == [1, 0])
        #expect(isWeaklyFair(lasso, in: sometimes, actors: sometimes.actors))

        let always = ExplicitGraph(initial: [0], cycle + [(0, 2, 1, "finish"), (1, 2, 1, "finish")])
        #expect(check(always, specification).eventualities[0].holds)
    }

    /// A cycle of 200,000 states: the component search must not recurse.
    @Test func longCycleIsFoundWithoutRecursion() throws {
        let system = Ring(size: 200_000)
        let result = check(system, Specification(eventualities: [Eventually("never") { _ in false }]))
        #expect(result.statistics.states == 200_000)
        let lasso = try #require(result.eventualities[0].counterexample)
        #expect(lasso.stem.actions.isEmpty)
        #expect(lasso.cycle.count == 200_000)
    }

    /// Several properties are judged independently on one graph.
    @Test func propertiesAreJudgedIndependently() throws {
        let system = ExplicitGraph(initial: [0], [(0, 1, 0, "a"), (1, 2, 0, "b"), (2, 1, 0, "c")])
        let result = check(
            system,
            Specification(eventualities: [
                Eventually("reaches 1") { $0 == 1 },
                Eventually("reaches 3") { $0 == 3 },
                Eventually("reaches 0") { $0 == 0 },
            ])
        )
        #expect(result.eventualities.map(\.name) == ["reaches 1", "reaches 3", "reaches 0"])
        #expect(result.eventualities.map(\.holds) == [true, false, true])
        let lasso = try #require(result.eventualities[1].counterexample)
        #expect(lasso.stem.states == [0, 1])
        #expect(lasso.cycleStates == [2, 1])
    }
}

/// States `0 ..< size` in one ring, stepped by a single actor.
struct Ring: TransitionSystem {
    let size: Int
    var initialStates: [Int] { [0] }
    func enabledActions(in state: Int, into actions: inout [Int]) { actions.append(0) }
    func successor(of state: Int, via action: Int) -> Int { (state + 1) % size }
    func footprint(of action: Int, in state: Int) -> Footprint { Footprint(actor: 0) }
}
