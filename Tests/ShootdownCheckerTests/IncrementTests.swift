import ShootdownChecker
import Testing

@Suite("Shared counter incremented by two threads")
struct IncrementTests {
    /// Reachable states of the racy version, by program counters (pc0, pc1), each thread doing
    /// R (tmp = x) then W (x = tmp + 1); a state is (x, tmp0, tmp1) at those program counters.
    /// - (0,0): (0,0,0). (1,0): (0,0,0). (0,1): (0,0,0). (1,1): both read 0: (0,0,0).
    /// - (2,0): R0 W0 gives (1,0,0). (0,2): (1,0,0).
    /// - (2,1): R0 W0 R1 gives (1,0,1); R0 R1 W0 and R1 R0 W0 give (1,0,0): 2 states. (1,2): 2.
    /// - (2,2), terminal: R0 W0 R1 W1 gives (2,0,1); R1 W1 R0 W0 gives (2,1,0); the four
    ///   interleavings where both read before either writes give (1,0,0): 3 states.
    /// Total 1+1+1+1+1+1+2+2+3 = 13 states, 3 terminal, 2 with x == 2 and 1 with x == 1.
    /// Transitions: 2 from each of (0,0), (1,0), (0,1), (1,1); 1 from each of (2,0), (0,2) and
    /// the four states at (2,1)/(1,2); 0 from terminals: 8 + 2 + 4 = 14. Maximum depth 4.
    @Test func racyCounterLosesAnUpdate() throws {
        let system = Increment(discipline: .racy)
        let result = check(system, Specification(finals: [Increment.bothCounted]))
        #expect(result.isComplete)
        #expect(result.statistics.states == 13)
        #expect(result.statistics.transitions == 14)
        #expect(result.statistics.terminalStates == 3)
        #expect(result.statistics.maxDepth == 4)
        let final = result.finals[0]
        #expect(final.name == "x == 2")
        #expect(final.satisfied == 2)
        #expect(final.unsatisfied == 1)
        let counterexample = try #require(final.counterexample)
        #expect(counterexample.actions.count == 4)
        #expect(counterexample.last.x == 1)
        let witness = try #require(final.witness)
        #expect(witness.actions.count == 4)
        #expect(witness.last.x == 2)
        // Losing the update needs both reads before either write.
        #expect(counterexample.actions.map(\.kind) == [.read, .read, .write, .write])
    }

    /// With an atomic lock the critical sections are serialised: thread A acquires, reads,
    /// writes, releases (states (1,0), (2,0), (3,0), (4,0)), then B does the same ((4,1) to
    /// (4,4)): 8 states after the initial one for each choice of A, so 1 + 8 + 8 = 17 states.
    /// The two terminal states differ only in the leftover `tmp` values, and both have x == 2.
    /// Transitions: 2 from the initial state, then one per non-terminal state: 2 + 7 + 7 = 16.
    @Test func lockedCounterAlwaysCounts() {
        let system = Increment(discipline: .locked)
        let result = check(system, Specification(invariants: [system.mutualExclusion()], finals: [Increment.bothCounted]))
        #expect(result.isComplete)
        #expect(result.statistics.states == 17)
        #expect(result.statistics.transitions == 16)
        #expect(result.statistics.terminalStates == 2)
        #expect(result.statistics.maxDepth == 8)
        #expect(result.invariants[0].holds)
        #expect(result.finals[0].satisfied == 2)
        #expect(result.finals[0].unsatisfied == 0)
        #expect(result.finals[0].counterexample == nil)
    }

    /// Test-then-set as two steps lets both threads see the lock free before either sets it.
    /// Each thread needs two steps (test, set) to enter, so the shortest violation has 4 steps.
    @Test func brokenLockViolatesMutualExclusion() throws {
        let system = Increment(discipline: .brokenLock)
        let invariant = system.mutualExclusion()
        let result = check(system, Specification(invariants: [invariant], finals: [Increment.bothCounted]))
        #expect(result.isComplete)
        let outcome = result.invariants[0]
        #expect(outcome.name == "mutual exclusion")
        #expect(!outcome.holds)
        let path = try #require(outcome.counterexample)
        #expect(path.actions.count == 4)
        #expect(!invariant.holds(path.last))
        #expect(path.states.dropLast().allSatisfy { invariant.holds($0) })
        #expect(Set(path.actions.map(\.kind)) == [.test, .set])
        // Both threads in their critical sections can also lose an update.
        #expect(result.finals[0].unsatisfied > 0)
        #expect(result.finals[0].satisfied > 0)
    }
}
