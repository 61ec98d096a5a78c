import ShootdownChecker
import Testing

@Suite("Liveness counterexamples that end in a terminal state")
struct DeadlockTests {
    /// Thread 0 takes lock A, thread 1 takes lock B, and each then waits for the other's lock:
    /// a finite maximal path that never reaches "both done", reported with an empty cycle.
    @Test func lockOrderInversionDeadlocks() throws {
        let system = LockOrder()
        for fairness in [Fairness.weak, .none] {
            let result = check(
                system,
                Specification(
                    finals: [FinalPredicate("both done") { $0.pc == [4, 4] }],
                    eventualities: [LockOrder.bothDone]
                ),
                CheckOptions(fairness: fairness)
            )
            let lasso = try #require(result.eventualities[0].counterexample)
            #expect(lasso.isTerminal)
            #expect(lasso.cycle.isEmpty && lasso.cycleStates.isEmpty)
            #expect(lasso.stem.actions.count == 2)
            #expect(lasso.stem.last == LockOrder.State(pc: [1, 1], owner: [0, 1]))
            #expect(enabled(system, in: lasso.stem.last).isEmpty)
            // The terminal states are the deadlock and the state where both finished.
            #expect(result.statistics.terminalStates == 2)
            #expect(result.finals[0].satisfied == 1)
            #expect(result.finals[0].unsatisfied == 1)
            #expect(result.finals[0].counterexample?.last == lasso.stem.last)
        }
    }

    /// A terminal state outweighs cycles elsewhere: it is the reported counterexample, with the
    /// shortest stem.
    @Test func terminalStateIsReportedWithShortestStem() throws {
        let system = ExplicitGraph(
            initial: [0],
            [(0, 1, 0, "a"), (1, 2, 0, "b"), (2, 3, 0, "c"), (0, 4, 0, "d"), (4, 4, 0, "spin"), (1, 5, 0, "e")]
        )
        let result = check(system, Specification(eventualities: [Eventually("at 5") { $0 == 5 }]))
        let lasso = try #require(result.eventualities[0].counterexample)
        #expect(lasso.cycle.isEmpty)
        #expect(lasso.stem.states == [0, 1, 2, 3])
    }
}
