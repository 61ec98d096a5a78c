import ShootdownChecker
import Testing

@Suite("Reductions, storage and threads change no verdict")
struct VerdictMatrixTests {
    @Test(arguments: [Increment.Discipline.racy, .locked, .brokenLock])
    func increment(discipline: Increment.Discipline) {
        let system = Increment(discipline: discipline)
        expectSameVerdicts(system, Specification(invariants: [system.mutualExclusion()], finals: [Increment.bothCounted]))
    }

    @Test func independentCounters() {
        let system = IndependentCounters(threads: 3, steps: 4)
        let results = expectSameVerdicts(
            system,
            Specification(invariants: [system.totalBounded, system.atMostOneAdded], finals: [system.fullTotal])
        )
        for (configuration, result) in results where configuration.reduction == .partialOrder {
            #expect(result.statistics.reduction == .partialOrder)
            #expect(result.statistics.states < 6 * 6 * 6)
        }
    }

    @Test func twoFlags() {
        let both = FinalPredicate<[Bool]>("both") { $0 == [true, true] }
        expectSameVerdicts(TwoFlags(), Specification(invariants: [TwoFlags.inOrder], finals: [both]))
    }

    @Test func diamondClosing() {
        let all = FinalPredicate<[Bool]>("all") { !$0.contains(false) }
        expectSameVerdicts(DiamondClosing(), Specification(invariants: [DiamondClosing.observed], finals: [all]))
    }

    @Test func ignoredViolation() {
        expectSameVerdicts(IgnoredViolation(), Specification(invariants: [IgnoredViolation.neverRaised]))
    }

    @Test func symmetricIncrement() {
        let system = SymmetricIncrement(threads: 3, rounds: 2)
        expectSameVerdicts(
            system,
            Specification(invariants: [system.bounded, SymmetricIncrement.belowTwo], finals: [system.allCounted])
        )
    }

    @Test(arguments: [Fairness.weak, .none], [false, true])
    func politeThreads(fairness: Fairness, hasArbiter: Bool) {
        expectSameVerdicts(
            PoliteThreads(hasArbiter: hasArbiter),
            Specification(eventualities: [PoliteThreads.someoneDone]),
            fairness: fairness
        )
    }

    @Test(arguments: [Fairness.weak, .none])
    func deviceRetry(fairness: Fairness) {
        expectSameVerdicts(DeviceRetry(), Specification(eventualities: [DeviceRetry.completes]), fairness: fairness)
    }

    @Test(arguments: [Fairness.weak, .none])
    func lockOrder(fairness: Fairness) {
        expectSameVerdicts(
            LockOrder(),
            Specification(finals: [FinalPredicate("both done") { $0.pc == [4, 4] }], eventualities: [LockOrder.bothDone]),
            fairness: fairness
        )
        expectSameVerdicts(LockOrder(), Specification(finals: [FinalPredicate("both done") { $0.pc == [4, 4] }]))
    }

    @Test(arguments: [Fairness.weak, .none])
    func rotatingCounters(fairness: Fairness) {
        expectSameVerdicts(RotatingCounters(), Specification(eventualities: [RotatingCounters.stops]), fairness: fairness)
    }

    @Test(arguments: [Fairness.weak, .none])
    func tokenPassing(fairness: Fairness) {
        expectSameVerdicts(TokenPassing(), Specification(eventualities: [TokenPassing.never]), fairness: fairness)
    }

    @Test func explicitGraphs() {
        let edges: [(from: Int, to: Int, actor: Int, label: String)] = [
            (0, 1, 0, "a"), (1, 2, 0, "b"), (2, 1, 1, "c"), (0, 3, 1, "d"), (3, 3, 0, "spin"), (3, 4, 1, "e"),
        ]
        let specification = Specification<Int>(
            invariants: [Invariant("not 4") { $0 != 4 }],
            finals: [FinalPredicate("at 4") { $0 == 4 }],
            eventualities: [Eventually("at 4") { $0 == 4 }]
        )
        for fairness in [Fairness.weak, .none] {
            expectSameVerdicts(ExplicitGraph(initial: [0, 2], edges), specification, fairness: fairness)
        }
        expectSameVerdicts(Chain(length: 300), Specification(invariants: [Invariant("below 200") { $0 < 200 }]))
        expectSameVerdicts(Ring(size: 50), Specification(eventualities: [Eventually("never") { _ in false }]), fairness: .none)
    }

    /// The grid's hash ignores most of the state on purpose, so fingerprints would merge states.
    @Test func collidingGrid() {
        let system = CollidingGrid(side: 12, collision: .antiDiagonal)
        expectSameVerdicts(
            system,
            Specification(
                invariants: [Invariant("not the far corner") { $0.x + $0.y < 22 }],
                finals: [FinalPredicate("far corner") { $0.x == 11 && $0.y == 11 }]
            ),
            fingerprints: false
        )
    }
}
