import ShootdownChecker
import Testing

@Suite("Partial-order reduction")
struct PartialOrderTests {
    /// With `k` threads of `n` private increments, the reduced graph runs the increments one
    /// thread after the other (`k * n` states after the initial one) and then interleaves the
    /// shared steps fully: one state per subset of finished threads, `2^k` of them, the first
    /// being the last state of the increments. So `k * n + 2^k` states instead of `(n + 2)^k`,
    /// and `k * n` increments plus `k * 2^(k - 1)` shared steps as transitions.
    @Test func independentThreadsCollapse() throws {
        let system = IndependentCounters(threads: 5, steps: 6)
        let specification = Specification(invariants: [system.totalBounded, system.atMostOneAdded], finals: [system.fullTotal])
        let full = check(system, specification)
        #expect(full.statistics.states == 8 * 8 * 8 * 8 * 8)
        #expect(full.statistics.reduction == .none)

        let reduced = check(system, specification, CheckOptions(reduction: .partialOrder))
        #expect(reduced.statistics.reduction == .partialOrder)
        #expect(reduced.statistics.states == 5 * 6 + 32)
        #expect(reduced.statistics.transitions == 5 * 6 + 5 * 16)
        #expect(reduced.statistics.states * 500 < full.statistics.states)
        #expect(reduced.statistics.ampleStates == 5 * 6)
        #expect(reduced.statistics.provisoExpansions == 0)
        #expect(reduced.statistics.terminalStates == 1)
        #expect(reduced.finals[0].satisfied == 1 && reduced.finals[0].unsatisfied == 0)
        #expect(reduced.invariants[0].holds)
        // The shortest violation in the reduced graph runs every increment first.
        let path = try #require(reduced.invariants[1].counterexample)
        #expect(path.actions.count == 5 * 6 + 2)
        #expect(try #require(full.invariants[1].counterexample).actions.count == 2 * 6 + 2)
    }

    /// Actor 0's private cycle is an ample set in every state; only the cycle proviso makes the
    /// last state of the cycle fully expanded, which takes actor 1's violating step.
    @Test func cycleProvisoKeepsTheViolation() throws {
        let system = IgnoredViolation()
        let specification = Specification(invariants: [IgnoredViolation.neverRaised])
        let result = check(system, specification, CheckOptions(reduction: .partialOrder))
        #expect(result.statistics.reduction == .partialOrder)
        #expect(result.statistics.provisoExpansions == 1)
        #expect(result.statistics.ampleStates == 2)
        let path = try #require(result.invariants[0].counterexample)
        #expect(path.actions == [.spin, .spin, .raise])
        #expect(path.last.raised)
    }

    /// Rediscovering a state of the next level (the far corner of a diamond) does not force a
    /// full expansion: only a successor stored before the level's expansion began can close a
    /// cycle onto a state of least depth. Worked out by hand: 14 of the 16 states, ample sets at
    /// 5 states, no full expansion forced, and both terminal states.
    @Test(arguments: [Storage.exact, .fingerprint])
    func diamondsDoNotForceFullExpansion(storage: Storage) {
        let result = check(
            DiamondClosing(),
            Specification(invariants: [DiamondClosing.observed]),
            CheckOptions(reduction: .partialOrder, storage: storage)
        )
        #expect(result.statistics.reduction == .partialOrder)
        #expect(result.statistics.states == 14)
        #expect(result.statistics.ampleStates == 5)
        #expect(result.statistics.provisoExpansions == 0)
        #expect(result.statistics.terminalStates == 2)
        #expect(!result.invariants[0].holds)
    }

    /// Raising flag 1 writes an observed location, so it is never postponed behind flag 0's
    /// independent raise: the state with flag 1 alone stays reachable.
    @Test func visibilityKeepsTheViolation() throws {
        let result = check(TwoFlags(), Specification(invariants: [TwoFlags.inOrder]), CheckOptions(reduction: .partialOrder))
        #expect(result.statistics.reduction == .partialOrder)
        #expect(try #require(result.invariants[0].counterexample).states == [[false, false], [false, true]])
        let unobserved = check(
            TwoFlags(),
            Specification(invariants: [Invariant("anything", observes: [2]) { _ in true }]),
            CheckOptions(reduction: .partialOrder)
        )
        #expect(unobserved.statistics.states == 3)
        #expect(unobserved.statistics.ampleStates == 1)
    }

    /// Weak-fairness liveness is checked unreduced; without fairness the reduction applies and
    /// keeps the eventualities' locations visible.
    @Test func livenessUnderWeakFairnessIsNotReduced() {
        let system = PoliteThreads(hasArbiter: true)
        let specification = Specification(eventualities: [PoliteThreads.someoneDone])
        let weak = check(system, specification, CheckOptions(fairness: .weak, reduction: .partialOrder))
        #expect(weak.statistics.reduction == .none)
        #expect(weak.eventualities[0].holds)
        let none = check(system, specification, CheckOptions(fairness: .none, reduction: .partialOrder))
        #expect(none.statistics.reduction == .partialOrder)
        #expect(!none.eventualities[0].holds)
    }

    /// Without actor numbers, or with a property that observes everything, nothing is reduced.
    @Test func reductionNeedsActorsAndObservations() {
        let anything = Specification(invariants: [Invariant<Int>("any", observes: [0]) { _ in true }])
        let chain = check(Chain(length: 10), anything, CheckOptions(reduction: .partialOrder))
        #expect(chain.statistics.reduction == .none)

        let system = IndependentCounters(threads: 3, steps: 2)
        let undeclared = Specification(invariants: [Invariant<IndependentCounters.State>("total") { $0.total < 100 }])
        let everything = check(system, undeclared, CheckOptions(reduction: .partialOrder))
        #expect(everything.statistics.reduction == .none)
        #expect(everything.statistics.states == 4 * 4 * 4)
        let declared = check(system, Specification(invariants: [system.totalBounded]), CheckOptions(reduction: .partialOrder))
        #expect(declared.statistics.reduction == .partialOrder)
        #expect(declared.statistics.states < 4 * 4 * 4)
    }

    /// A step that writes an observed location is never postponed: observing a thread's private
    /// counter keeps that thread's increments interleaved with the others'.
    @Test func visibleStepsAreNotPostponed() {
        let system = IndependentCounters(threads: 3, steps: 3)
        let hidden = check(system, Specification(invariants: [system.totalBounded]), CheckOptions(reduction: .partialOrder))
        let watched = check(
            system,
            Specification(invariants: [system.totalBounded, Invariant("thread 0 counts", observes: [0]) { $0.pc[0] <= 4 }]),
            CheckOptions(reduction: .partialOrder)
        )
        #expect(hidden.statistics.states < watched.statistics.states)
        #expect(watched.statistics.states < 5 * 5 * 5)
    }
}
