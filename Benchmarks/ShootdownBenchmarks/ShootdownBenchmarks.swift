import Benchmark
import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport

/// The scenarios whose worlds the micro-benchmarks step: a small seed and the smallest of the
/// generated COW-ordering scenarios (five threads, two devices, the IOMMU prefetcher).
let sampledScenarios = [
    ("upgrade-v6.6", "Scenarios/seeds/upgrade-v6.6.litmus"),
    ("cow-order-N2", "Benchmarks/scenarios/cow-order-N2.litmus"),
]

/// The synthetic system of the checker-only benchmarks: 6 counters of 10 values, exactly
/// 10^6 states and 5.4 * 10^6 transitions, so with a `.mega` scaling factor wall clock and mallocs
/// read per state.
let countersSystem = Counters(counters: 6, limit: 10)

/// States stored by one whole-suite check, summed over its scenarios.
let statesExplored = BenchmarkMetric.custom("States explored", polarity: .prefersSmaller, useScalingFactor: false)

/// The checker's own rate (``Statistics/statesPerSecond``), in thousands of states per second.
let checkerRate = BenchmarkMetric.custom("Checker rate (K states/s)", polarity: .prefersLarger, useScalingFactor: false)

/// Where a micro-benchmark's next iteration starts in its sample of states.
final class Cursor {
    var position = 0
}

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal]

    // Micro-benchmarks: one iteration is a thousand operations (`.kilo`: wall clock and mallocs
    // read per operation, throughput in operations per second), about a tenth of a millisecond,
    // so timer overhead vanishes while throughput (which the tool keeps as whole iterations per
    // second) keeps four digits; each runs for two seconds. A cursor carries on through the
    // sample from one iteration to the next, so the run covers every sampled state evenly.
    let micro = Benchmark.Configuration(
        metrics: metrics,
        timeUnits: .nanoseconds,
        units: [.throughput: .count],  // shown in K/s (count x scaling factor): one unit for all
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )
    // The bundled seeds: one iteration checks them all (a millisecond or two); many iterations
    // over two seconds.
    let seeds = Benchmark.Configuration(
        metrics: metrics + [statesExplored],
        timeUnits: .microseconds,
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 100_000
    )
    // The checker on the synthetic counters: one iteration is a whole check of exactly 10^6
    // states, counted as 10^6 scaled iterations, so wall clock and mallocs read per state. The
    // tool's own throughput is whole iterations per second, too coarse here (and absent when a
    // check takes over a second), so the checker's rate is recorded as well.
    func counters(maxDuration: Duration) -> Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: metrics + [checkerRate],
            timeUnits: .nanoseconds,
            warmupIterations: 1,
            scalingFactor: .mega,
            maxDuration: maxDuration,
            maxIterations: 100
        )
    }
    precondition(countersSystem.stateCount == BenchmarkScalingFactor.mega.rawValue)

    for (name, file) in sampledScenarios {
        // 1. Transitions of the model: `enabledActions` on a sampled state, then `successor` for
        //    each of its actions; one scaled iteration is one transition (the `enabledActions`
        //    call is shared by a state's transitions). Throughput is transitions per second;
        //    mallocCountTotal is per transition.
        let transitionCursor = Cursor()
        Benchmark("World.successor \(name)", configuration: micro) { (benchmark: Benchmark, sample: StateSample) in
            let world = sample.world
            let states = sample.states
            var actions: [WorldAction] = []
            actions.reserveCapacity(64)
            let wanted = benchmark.scaledIterations.count
            var index = transitionCursor.position
            var done = 0
            benchmark.startMeasurement()
            while done < wanted {
                let state = states[index]
                actions.removeAll(keepingCapacity: true)
                world.enabledActions(in: state, into: &actions)
                // Terminal states in the sample still cost their `enabledActions` call.
                for action in actions.prefix(wanted - done) {
                    blackHole(world.successor(of: state, via: action))
                }
                done += min(actions.count, wanted - done)
                index = index + 1 == states.count ? 0 : index + 1
            }
            benchmark.stopMeasurement()
            transitionCursor.position = index
        } setup: {
            StateSample(scenario: file)
        }

        // 2a. Hashing a state as the checker's state table does (`hashValue`); one scaled
        //     iteration is one state.
        let hashCursor = Cursor()
        Benchmark("WorldState.hashValue \(name)", configuration: micro) { (benchmark: Benchmark, sample: StateSample) in
            let states = sample.states
            var index = hashCursor.position
            var checksum = 0
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                checksum &+= states[index].hashValue
                index = index + 1 == states.count ? 0 : index + 1
            }
            benchmark.stopMeasurement()
            hashCursor.position = index
            blackHole(checksum)
        } setup: {
            StateSample(scenario: file)
        }

        // 2b. Equality of two equal states held in different arrays: the case the state table
        //     meets on every hash-tag match, a full comparison. One scaled iteration is one `==`.
        let equalityCursor = Cursor()
        Benchmark("WorldState.== \(name)", configuration: micro) { (benchmark: Benchmark, pair: ([WorldState], [WorldState])) in
            let (states, copies) = pair
            var index = equalityCursor.position
            var equal = 0
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                if states[index] == copies[index] { equal += 1 }
                index = index + 1 == states.count ? 0 : index + 1
            }
            benchmark.stopMeasurement()
            equalityCursor.position = index
            precondition(equal == benchmark.scaledIterations.count)
            blackHole(equal)
        } setup: {
            let states = StateSample(scenario: file).states
            let copies = states.map { state -> WorldState in
                var copy = WorldState()
                copy.words = state.words
                return copy
            }
            return (states, copies)
        }
    }

    // 2c. Deciding a final condition early (`--stop-at-first-violation`): the three-valued
    //     value of the policy (b) bench scenario's `~exists` condition, which the exploring thread
    //     computes on every state it stores; one scaled iteration is one state.
    let settledCursor = Cursor()
    Benchmark("SettledPredicate.value cow-order-N2-b", configuration: micro) { (benchmark: Benchmark, input: (SettledPredicate, [WorldState])) in
        let (settled, states) = input
        var index = settledCursor.position
        var fixed = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            if settled.value(in: states[index]) != nil { fixed += 1 }
            index = index + 1 == states.count ? 0 : index + 1
        }
        benchmark.stopMeasurement()
        settledCursor.position = index
        blackHole(fixed)
    } setup: {
        let file = "Benchmarks/scenarios/cow-order-N2-b.litmus"
        guard let final = loadScenario(file).final else { fatalError("\(file) has no final condition") }
        let sample = StateSample(scenario: file)
        return (SettledPredicate(final.predicate, in: sample.world), sample.states)
    }

    // 3. The full check of every bundled seed scenario, as `shootdown check Scenarios/seeds`
    //    does minus the rendering: build the world, explore, judge. Parsing happens in setup.
    Benchmark("ScenarioCheck.run Scenarios/seeds", configuration: seeds) { (benchmark: Benchmark, scenarios: [Scenario]) in
        var states = 0
        var met = 0
        for scenario in scenarios {
            let outcome: ScenarioOutcome
            do {
                outcome = try ScenarioCheck.run(scenario)
            } catch {
                fatalError("\(scenario.name): \(error)")
            }
            states += outcome.result.statistics.states
            if outcome.expectationsMet { met += 1 }
        }
        benchmark.measurement(statesExplored, states)
        blackHole(met)
    } setup: {
        loadScenarios(inFolder: "Scenarios/seeds")
    }

    // 4. The checker alone on the synthetic counters (no model code): safety only (invariant and
    //    final predicate, no transition graph), then with an eventuality, which records the
    //    transition graph and runs the fair-cycle analysis.
    let countersName = "\(countersSystem.counters)x\(countersSystem.limit)"
    Benchmark("Checker safety counters-\(countersName)", configuration: counters(maxDuration: .seconds(5))) { benchmark in
        let result = Checker(system: countersSystem, specification: countersSystem.specification).run()
        precondition(result.statistics.states == countersSystem.stateCount)
        precondition(result.statistics.transitions == countersSystem.transitionCount)
        benchmark.measurement(checkerRate, Int(result.statistics.statesPerSecond / 1_000))
    }

    Benchmark("Checker liveness counters-\(countersName)", configuration: counters(maxDuration: .seconds(10))) { benchmark in
        let result = Checker(system: countersSystem, specification: countersSystem.livenessSpecification).run()
        precondition(result.statistics.states == countersSystem.stateCount)
        precondition(result.eventualities.count == 1 && result.eventualities[0].counterexample == nil)
        benchmark.measurement(checkerRate, Int(result.statistics.statesPerSecond / 1_000))
    }
}
