import ShootdownChecker
import Synchronization
import Testing

/// States `0 ..< length` in a line; each steps to the next, the last is terminal.
struct Chain: TransitionSystem {
    let length: Int
    var initialStates: [Int] { [0] }
    func enabledActions(in state: Int, into actions: inout [Int]) {
        if state + 1 < length {
            actions.append(1)
        }
    }
    func successor(of state: Int, via action: Int) -> Int { state + action }
    func footprint(of action: Int, in state: Int) -> Footprint { Footprint(actor: 0) }
}

@Suite("Edge cases of exploration and liveness")
struct EdgeCaseTests {
    /// The awaited state holds at the start; what follows never returns to it, and that is fine.
    /// Adding a second initial state that never reaches it gives a counterexample starting there.
    @Test func initialStateAlreadySatisfiesGoal() throws {
        let edges: [(from: Int, to: Int, actor: Int, label: String)] = [(0, 1, 0, "a"), (1, 2, 0, "b"), (2, 1, 0, "c")]
        let specification = Specification(eventualities: [Eventually<Int>("at 0") { $0 == 0 }])
        for fairness in [Fairness.weak, .none] {
            let fine = check(ExplicitGraph(initial: [0], edges), specification, CheckOptions(fairness: fairness))
            #expect(fine.eventualities[0].holds)
        }
        let result = check(ExplicitGraph(initial: [0, 1], edges), specification)
        let lasso = try #require(result.eventualities[0].counterexample)
        #expect(lasso.stem.states == [1])
        #expect(lasso.stem.actions.isEmpty)
        #expect(lasso.cycle.map(\.label) == ["b", "c"])
        #expect(lasso.cycleStates == [2, 1])
    }

    /// Duplicate initial states are stored once; paths start from whichever initial state
    /// breadth-first search reaches the target from first.
    @Test func multipleInitialStates() throws {
        let system = ExplicitGraph(initial: [5, 3, 5], [(5, 6, 0, "x"), (3, 6, 1, "y"), (6, 7, 0, "z")])
        let result = check(system, Specification(invariants: [Invariant("not 7") { $0 != 7 }, Invariant("not 3") { $0 != 3 }]))
        #expect(result.statistics.states == 4)
        #expect(result.statistics.transitions == 3)
        #expect(result.statistics.maxDepth == 2)
        #expect(result.statistics.terminalStates == 1)
        let toSeven = try #require(result.invariants[0].counterexample)
        #expect(toSeven.states == [5, 6, 7])
        let toThree = try #require(result.invariants[1].counterexample)
        #expect(toThree.states == [3])
        #expect(toThree.actions.isEmpty)
    }

    /// An initial state with no enabled action is terminal: final predicates see it, and a
    /// liveness property it does not satisfy fails with a stem of no steps.
    @Test func initialStateIsTerminal() throws {
        let system = ExplicitGraph(initial: [9, 4], [(4, 5, 0, "a")])
        let result = check(
            system,
            Specification(
                finals: [FinalPredicate("at 9") { $0 == 9 }],
                eventualities: [Eventually("at 5") { $0 == 5 }]
            )
        )
        #expect(result.statistics.terminalStates == 2)
        #expect(result.finals[0].satisfied == 1)
        #expect(result.finals[0].unsatisfied == 1)
        #expect(try #require(result.finals[0].witness).states == [9])
        #expect(try #require(result.finals[0].counterexample).states == [4, 5])
        let lasso = try #require(result.eventualities[0].counterexample)
        #expect(lasso.stem.states == [9])
        #expect(lasso.cycle.isEmpty)
    }

    /// No initial state: nothing to explore, everything holds vacuously.
    @Test func noInitialState() {
        let system = ExplicitGraph(initial: [], [(0, 1, 0, "a")])
        let result = check(
            system,
            Specification(
                invariants: [Invariant("never") { _ in false }],
                finals: [FinalPredicate("never") { _ in false }],
                eventualities: [Eventually("never") { _ in false }]
            )
        )
        #expect(result.isComplete)
        #expect(result.statistics.states == 0)
        #expect(result.statistics.maxDepth == 0)
        #expect(result.invariants[0].holds)
        #expect(result.finals[0].satisfied == 0 && result.finals[0].unsatisfied == 0)
        #expect(result.eventualities[0].holds)
    }

    /// Invariants are checked on every state, including initial states and states after an
    /// earlier violation; each keeps its own first (shortest) counterexample.
    @Test func everyInvariantGetsItsShortestCounterexample() throws {
        let result = check(
            Chain(length: 20),
            Specification(invariants: [
                Invariant("below 5") { $0 < 5 },
                Invariant("below 12") { $0 < 12 },
                Invariant("nonzero") { $0 != 0 },
                Invariant("small") { $0 < 100 },
            ])
        )
        #expect(result.statistics.states == 20)
        #expect(try #require(result.invariants[0].counterexample).states == Array(0 ... 5))
        #expect(try #require(result.invariants[1].counterexample).actions.count == 12)
        #expect(try #require(result.invariants[2].counterexample).states == [0])
        #expect(result.invariants[3].holds)
    }

    /// The state limit stops exploration without storing more states than allowed; a space that
    /// exactly fits is complete.
    @Test func stateLimitMarksResultIncomplete() throws {
        let system = Chain(length: 100)
        let specification = Specification(
            invariants: [Invariant("below 5") { $0 < 5 }, Invariant("below 50") { $0 < 50 }],
            finals: [FinalPredicate("at end") { $0 == 99 }],
            eventualities: [Eventually("reaches the end") { $0 == 99 }]
        )
        let cut = check(system, specification, CheckOptions(stateLimit: 10))
        #expect(!cut.isComplete)
        #expect(cut.statistics.states == 10)
        #expect(cut.statistics.terminalStates == 0)
        #expect(try #require(cut.invariants[0].counterexample).actions.count == 5)
        #expect(cut.invariants[1].holds)
        #expect(cut.finals[0].satisfied == 0 && cut.finals[0].unsatisfied == 0)
        // Unexpanded states are not mistaken for terminal states.
        #expect(cut.eventualities[0].holds)

        #expect(!check(system, specification, CheckOptions(stateLimit: 99)).isComplete)
        let exact = check(system, specification, CheckOptions(stateLimit: 100))
        #expect(exact.isComplete)
        #expect(exact.statistics.states == 100)
        #expect(exact.finals[0].satisfied == 1)
        #expect(exact.eventualities[0].holds)
    }

    /// The progress callback runs once per `progressInterval` new states, and only then.
    @Test func progressIsReportedAtEachInterval() {
        let reports = Mutex<[Progress]>([])
        let options = CheckOptions(progressInterval: 100) { progress in
            reports.withLock { $0.append(progress) }
        }
        let result = check(Chain(length: 1050), Specification(), options)
        #expect(result.statistics.states == 1050)
        let seen = reports.withLock { $0 }
        #expect(seen.map(\.states) == Array(stride(from: 100, through: 1000, by: 100)))
        #expect(seen.map(\.depth) == Array(stride(from: 99, through: 999, by: 100)))
        #expect(seen.map(\.transitions) == Array(stride(from: 99, through: 999, by: 100)))
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.seconds <= $1.seconds })

        let silent = Mutex(0)
        _ = check(Chain(length: 50), Specification(), CheckOptions(progressInterval: 0) { _ in silent.withLock { $0 += 1 } })
        #expect(silent.withLock { $0 } == 0)
    }

    /// Statistics describe the run.
    @Test func statisticsAreFilledIn() {
        let result = check(Chain(length: 500), Specification())
        let statistics = result.statistics
        #expect(statistics.states == 500)
        #expect(statistics.transitions == 499)
        #expect(statistics.terminalStates == 1)
        #expect(statistics.maxDepth == 499)
        #expect(statistics.seconds >= 0)
        #expect(statistics.bytesPerState >= Double(MemoryLayout<Int>.stride))
        #expect(result.invariants.isEmpty && result.finals.isEmpty && result.eventualities.isEmpty)
    }
}
