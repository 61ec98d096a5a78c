extension Explorer {
    /// The indices from an initial state to state `index`, along the parent links.
    func chain(to index: Int) -> [Int] {
        var indices: [Int] = []
        var cursor = index
        while cursor >= 0 {
            indices.append(cursor)
            cursor = parent(of: cursor)
        }
        return indices.reversed()
    }

    /// The shortest path in the explored graph from an initial state to state `index`, as a
    /// real execution of the system.
    ///
    /// With exact storage and no symmetry, the states and actions are read back from the store.
    /// With fingerprint storage, the stored path is replayed from its initial state, taking at
    /// each step the action at the recorded position among the enabled ones. Under symmetry
    /// reduction the stored path goes through canonical states, so it is then lifted to a real
    /// execution (see `lift(from:through:)`).
    /// The path to `index`, continued to a terminal state by taking the first enabled action
    /// at each step: for a final predicate decided before a terminal state was stored. Only
    /// in an acyclic system, where every such walk ends.
    func pathToTerminal(through index: Int) -> Path<System> {
        var path = path(to: index)
        guard system.isAcyclic else {
            return path
        }
        var enabled: [Action] = []
        while true {
            enabled.removeAll(keepingCapacity: true)
            system.enabledActions(in: path.last, into: &enabled)
            guard let action = enabled.first else {
                return path
            }
            path.states.append(system.successor(of: path.last, via: action))
            path.actions.append(action)
        }
    }

    func path(to index: Int) -> Path<System> {
        let indices = chain(to: index)
        if Store.keepsStates && !plan.symmetric {
            return Path(
                states: indices.map { store.state(at: $0) },
                actions: indices.dropFirst().map { reachingActions[$0 - initialCount] }
            )
        }
        let origin = system.initialStates[initialOrigins[indices[0]]]
        if !Store.keepsStates && !plan.symmetric {
            let (states, actions) = replay(indices, from: origin)
            return Path(states: states, actions: actions)
        }
        let stored = Store.keepsStates ? indices.map { store.state(at: $0) } : replay(indices, from: origin).states
        let (states, actions) = lift(from: origin, through: stored.dropFirst())
        return Path(states: states, actions: actions)
    }

    /// The states (canonical under symmetry reduction) and actions of the stored path through
    /// `indices`, rebuilt from the recorded action positions, starting from `origin` (the initial
    /// state the first index was stored for).
    func replay(_ indices: [Int], from origin: State) -> (states: [State], actions: [Action]) {
        var state = plan.symmetric ? system.canonical(origin) : origin
        var states = [state]
        var actions: [Action] = []
        var enabled: [Action] = []
        for index in indices.dropFirst() {
            enabled.removeAll(keepingCapacity: true)
            system.enabledActions(in: state, into: &enabled)
            let action = enabled[reachingOrdinal(of: index)]
            state = system.successor(of: state, via: action)
            if plan.symmetric {
                state = system.canonical(state)
            }
            states.append(state)
            actions.append(action)
        }
        return (states, actions)
    }

    /// A real execution from `start` whose successive states have the canonical forms
    /// `targets`: at each step, the first enabled action (in `enabledActions` order) whose
    /// successor's canonical form is the next target. Such an action exists whenever `start`'s
    /// canonical form is the stored state the targets follow, because the symmetry maps the
    /// stored action onto one enabled in the actual state. Returns the states (`start` first)
    /// and the actions.
    func lift(from start: State, through targets: ArraySlice<State>) -> (states: [State], actions: [Action]) {
        var state = start
        var states = [start]
        var actions: [Action] = []
        var enabled: [Action] = []
        for target in targets {
            enabled.removeAll(keepingCapacity: true)
            system.enabledActions(in: state, into: &enabled)
            var matched = false
            for action in enabled {
                let next = system.successor(of: state, via: action)
                if system.canonical(next) == target {
                    state = next
                    states.append(next)
                    actions.append(action)
                    matched = true
                    break
                }
            }
            precondition(matched, "canonical(_:) is not a symmetry of the system: no step matches a stored transition")
        }
        return (states, actions)
    }

    /// The ``Lasso`` of states and actions described by `shape`.
    ///
    /// Under symmetry reduction (only applied without fairness), the stem is lifted like a path;
    /// the cycle, lifted from the stem's end, may end in a state symmetric to its entry rather
    /// than equal to it. The lifted walk then goes round further copies of the stored cycle until
    /// it reaches a state it already was in at the start of a copy, which must happen within as
    /// many copies as the symmetry group has elements (at most 64 copies are tried); the copies
    /// before that state join the stem and the copies from it on form the cycle.
    func lasso(_ shape: LassoShape, graph: TransitionGraph) -> Lasso<System> {
        if !plan.symmetric {
            return Lasso(
                stem: Path(
                    states: shape.stemStates.map { store.state(at: $0) },
                    actions: shape.stemEdges.map { edgeActions[$0] }
                ),
                cycle: shape.cycleEdges.map { edgeActions[$0] },
                cycleStates: shape.cycleEdges.map { store.state(at: Int(graph.edgeTarget[$0])) }
            )
        }
        let origin = system.initialStates[initialOrigins[shape.stemStates[0]]]
        let stem = shape.stemStates.dropFirst().map { store.state(at: $0) }
        var (states, actions) = lift(from: origin, through: stem[...])
        if shape.cycleEdges.isEmpty {
            return Lasso(stem: Path(states: states, actions: actions), cycle: [], cycleStates: [])
        }
        let targets = shape.cycleEdges.map { store.state(at: Int(graph.edgeTarget[$0])) }
        var copyStarts = [states.count - 1]
        for _ in 0 ..< 64 {
            let (walk, steps) = lift(from: states[states.count - 1], through: targets[...])
            states.append(contentsOf: walk.dropFirst())
            actions.append(contentsOf: steps)
            let end = states[states.count - 1]
            if let entry = copyStarts.first(where: { states[$0] == end }) {
                return Lasso(
                    stem: Path(states: Array(states[...entry]), actions: Array(actions[..<entry])),
                    cycle: Array(actions[entry...]),
                    cycleStates: Array(states[(entry + 1)...])
                )
            }
            copyStarts.append(states.count - 1)
        }
        preconditionFailure("the lifted cycle does not close within 64 copies: canonical(_:) is not a symmetry")
    }
}
