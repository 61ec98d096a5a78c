import ShootdownChecker
import Testing

/// A square grid walked right or down; the state's hash deliberately ignores most of the state.
struct CollidingGrid: TransitionSystem {
    enum Collision: Sendable {
        /// Every state hashes alike.
        case all
        /// States on the same anti-diagonal hash alike.
        case antiDiagonal
    }

    struct State: Hashable, Sendable {
        var x: Int
        var y: Int
        var collision: Collision

        static func == (lhs: State, rhs: State) -> Bool {
            lhs.x == rhs.x && lhs.y == rhs.y
        }

        func hash(into hasher: inout Hasher) {
            switch collision {
            case .all: hasher.combine(0)
            case .antiDiagonal: hasher.combine(x + y)
            }
        }
    }

    let side: Int
    let collision: Collision

    var initialStates: [State] { [State(x: 0, y: 0, collision: collision)] }

    func enabledActions(in state: State, into actions: inout [Int]) {
        if state.x + 1 < side { actions.append(0) }
        if state.y + 1 < side { actions.append(1) }
    }

    func successor(of state: State, via action: Int) -> State {
        var next = state
        if action == 0 { next.x += 1 } else { next.y += 1 }
        return next
    }

    func footprint(of action: Int, in state: State) -> Footprint {
        Footprint(actor: action, writes: [action])
    }
}

@Suite("Hash collisions never merge distinct states")
struct HashCollisionTests {
    /// A 40 x 40 grid has 1600 states, 2 * 40 * 39 = 3120 moves, one terminal corner at depth 78,
    /// however badly the states hash.
    @Test(arguments: [CollidingGrid.Collision.all, .antiDiagonal])
    func gridIsCountedExactly(collision: CollidingGrid.Collision) throws {
        let system = CollidingGrid(side: 40, collision: collision)
        let result = check(
            system,
            Specification(
                invariants: [Invariant("not the far corner") { $0.x + $0.y < 78 }],
                finals: [FinalPredicate("far corner") { $0.x == 39 && $0.y == 39 }],
                eventualities: [Eventually("far corner") { $0.x == 39 && $0.y == 39 }]
            )
        )
        #expect(result.statistics.states == 1600)
        #expect(result.statistics.transitions == 3120)
        #expect(result.statistics.terminalStates == 1)
        #expect(result.statistics.maxDepth == 78)
        #expect(try #require(result.invariants[0].counterexample).actions.count == 78)
        #expect(result.finals[0].satisfied == 1)
        #expect(result.finals[0].unsatisfied == 0)
        #expect(result.eventualities[0].holds)
    }
}
