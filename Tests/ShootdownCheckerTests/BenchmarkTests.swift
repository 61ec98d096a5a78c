import Foundation
import ShootdownChecker
import Testing

/// Like ``IndependentCounters`` with four threads, but with a 128-byte state (sixteen 64-bit
/// words, as large as the kernel model's) and a few dozen multiplications per successor, so that
/// generating a successor costs about what a real model's step does.
struct WideCounters: TransitionSystem {
    struct State: Hashable, Sendable {
        var words: SIMD16<UInt64> = .zero
    }

    let steps: Int

    var initialStates: [State] { [State()] }
    var actorCount: Int { 4 }

    func enabledActions(in state: State, into actions: inout [Int]) {
        for thread in 0 ..< 4 where state.words[thread] <= UInt64(steps) {
            actions.append(thread)
        }
    }

    func successor(of state: State, via thread: Int) -> State {
        var next = state
        next.words[thread] += 1
        var mix = next.words[thread] &* 0x9E37_79B9_7F4A_7C15
        for _ in 0 ..< 40 {
            mix = (mix ^ (mix >> 29)) &* 0xBF58_476D_1CE4_E5B9
        }
        next.words[8 + thread] = mix & 0xFF
        return next
    }

    func footprint(of thread: Int, in state: State) -> Footprint {
        Footprint(actor: thread, writes: [thread])
    }
}

/// Release-mode measurements, run only when `SHOOTDOWN_CHECKER_BENCHMARK` is set (other test
/// targets import modules for testing, hence `-enable-testing`):
/// `SHOOTDOWN_CHECKER_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter BenchmarkTests`.
@Suite("Benchmarks", .enabled(if: Environment.benchmarks))
struct BenchmarkTests {
    /// About five million states each: `47^4` (4,879,681) states and 19,103,432 transitions.
    @Test func exploreFiveMillionStates() {
        let counters = IndependentCounters(threads: 4, steps: 45)
        measure("counters (16-byte states)", counters, Specification(invariants: [counters.totalBounded]))
        let wide = WideCounters(steps: 45)
        let untouched = Invariant<WideCounters.State>("untouched") { $0.words[15] == 0 }
        measure("wide counters (128-byte states)", wide, Specification(invariants: [untouched]))
    }

    func measure<System: TransitionSystem>(_ name: String, _ system: System, _ specification: Specification<System.State>) {
        for storage in [Storage.exact, .fingerprint] {
            var seconds: [Int: Double] = [:]
            for threads in [1, 2] {
                let options = CheckOptions(storage: storage, threads: threads)
                let result = Checker(system: system, specification: specification, options: options).run()
                let statistics = result.statistics
                #expect(statistics.states == 47 * 47 * 47 * 47)
                seconds[threads] = statistics.seconds
                print(
                    "\(name), \(storage), \(threads) thread(s): \(statistics.states) states in",
                    "\(rounded(statistics.seconds)) s, \(Int(statistics.statesPerSecond)) states/s,",
                    "\(rounded(statistics.bytesPerState)) bytes/state (frontier",
                    "\(rounded(Double(statistics.frontierBytes) / Double(statistics.states))))"
                )
            }
            print("\(name), \(storage): speedup with 2 threads \(rounded(seconds[1]! / seconds[2]!))")
        }
    }

    func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}

/// Whether the environment asks for benchmarks.
enum Environment {
    static var benchmarks: Bool {
        ProcessInfo.processInfo.environment["SHOOTDOWN_CHECKER_BENCHMARK"] != nil
    }
}
