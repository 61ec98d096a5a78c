import ShootdownChecker
import Testing

@Suite("Symmetry reduction")
struct SymmetryTests {
    /// Three identical threads: the reduced space stores one state per class of thread
    /// permutations, and every returned path is a real execution, checked by replaying it.
    @Test func identicalThreadsShrinkTheSpace() throws {
        let system = SymmetricIncrement(threads: 3, rounds: 2)
        let specification = Specification(
            invariants: [system.bounded, SymmetricIncrement.belowTwo],
            finals: [system.allCounted]
        )
        let full = check(system, specification)
        let reduced = check(system, specification, CheckOptions(symmetry: true))
        #expect(reduced.statistics.symmetry)
        #expect(!full.statistics.symmetry)
        #expect(reduced.statistics.states * 3 < full.statistics.states)
        #expect(reduced.statistics.states == distinctClasses(of: system))

        let path = try #require(reduced.invariants[1].counterexample)
        expectValid(path, in: system)
        #expect(path.last.x == 2)
        let unreduced = try #require(full.invariants[1].counterexample)
        #expect(path.actions.count == unreduced.actions.count)
        #expect(reduced.finals[0].satisfied > 0 && reduced.finals[0].unsatisfied > 0)
        expectValid(try #require(reduced.finals[0].counterexample), in: system)
        expectValid(try #require(reduced.finals[0].witness), in: system)
    }

    /// Paths are rebuilt as real executions even when the stored path goes through canonical
    /// states that differ from the actual ones: the lifted path's states have the stored path's
    /// canonical forms.
    @Test func liftedPathsFollowTheStoredClasses() throws {
        let system = Increment(discipline: .brokenLock)
        let invariant = system.mutualExclusion()
        for storage in [Storage.exact, .fingerprint] {
            let result = check(system, Specification(invariants: [invariant]), CheckOptions(symmetry: true, storage: storage))
            let path = try #require(result.invariants[0].counterexample)
            expectValid(path, in: system)
            #expect(!invariant.holds(path.last))
            #expect(path.actions.count == 4)
        }
    }

    /// A cycle of the reduced graph may lift to a walk that ends in the swapped entry state; the
    /// lasso then goes round the stored cycle again until the walk closes.
    @Test func liftedCyclesClose() throws {
        let system = RotatingCounters()
        let specification = Specification(eventualities: [RotatingCounters.stops])
        let full = check(system, specification, CheckOptions(fairness: .none))
        let reduced = check(system, specification, CheckOptions(fairness: .none, symmetry: true))
        #expect(reduced.statistics.symmetry)
        #expect(reduced.statistics.states < full.statistics.states)
        let lasso = try #require(reduced.eventualities[0].counterexample)
        expectValid(lasso, in: system)
        #expect(!lasso.cycle.isEmpty)
        #expect(!lasso.cycleStates.contains { $0.stopped })

        // The token's only stored state loops onto itself through the swapped state: the lifted
        // cycle needs two passes.
        let endless = Specification(eventualities: [TokenPassing.never])
        let token = check(TokenPassing(), endless, CheckOptions(fairness: .none, symmetry: true))
        #expect(token.statistics.states == 1)
        let passes = try #require(token.eventualities[0].counterexample)
        expectValid(passes, in: TokenPassing())
        #expect(passes.stem.states == [0])
        #expect(passes.cycle == [0, 1])
        #expect(passes.cycleStates == [1, 0])

        // Under weak fairness the actors' identities matter, so symmetry is not applied.
        let weak = check(system, specification, CheckOptions(fairness: .weak, symmetry: true))
        #expect(!weak.statistics.symmetry)
        #expect(weak.statistics.states == full.statistics.states)
    }

    /// With partial-order reduction as well, ample sets are chosen on canonical states.
    @Test func combinedWithPartialOrderReduction() throws {
        let system = SymmetricIncrement(threads: 3, rounds: 2)
        let specification = Specification(invariants: [SymmetricIncrement.belowTwo], finals: [system.allCounted])
        let both = check(system, specification, CheckOptions(reduction: .partialOrder, symmetry: true))
        let symmetric = check(system, specification, CheckOptions(symmetry: true))
        #expect(both.statistics.symmetry && both.statistics.reduction == .partialOrder)
        #expect(both.statistics.states <= symmetric.statistics.states)
        expectValid(try #require(both.invariants[0].counterexample), in: system)
    }

    /// The number of symmetry classes among the reachable states, counted by brute force.
    func distinctClasses(of system: SymmetricIncrement) -> Int {
        var seen: Set<SymmetricIncrement.State> = []
        var queue = system.initialStates
        var classes: Set<SymmetricIncrement.State> = []
        while let state = queue.popLast() {
            guard seen.insert(state).inserted else {
                continue
            }
            classes.insert(system.canonical(state))
            for action in enabled(system, in: state) {
                queue.append(system.successor(of: state, via: action))
            }
        }
        return classes.count
    }
}
