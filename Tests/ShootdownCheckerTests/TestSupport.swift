import ShootdownChecker
import Testing

/// The actions enabled in `state`, as the checker sees them.
func enabled<System: TransitionSystem>(_ system: System, in state: System.State) -> [System.Action] {
    var actions: [System.Action] = []
    system.enabledActions(in: state, into: &actions)
    return actions
}

/// Records an issue unless `path` starts in an initial state and replaying its actions with
/// `successor` (each one enabled where it is taken) reproduces its states.
func expectValid<System: TransitionSystem>(
    _ path: Path<System>,
    in system: System,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(path.states.count == path.actions.count + 1, sourceLocation: sourceLocation)
    guard let first = path.states.first else {
        Issue.record("path has no state", sourceLocation: sourceLocation)
        return
    }
    #expect(system.initialStates.contains(first), "path does not start in an initial state", sourceLocation: sourceLocation)
    expectReplay(from: first, path.actions, reaching: Array(path.states.dropFirst()), in: system, sourceLocation: sourceLocation)
}

/// Records an issue unless the lasso's stem is valid and its cycle, replayed from the end of the
/// stem, goes through `cycleStates` and returns to that state.
func expectValid<System: TransitionSystem>(
    _ lasso: Lasso<System>,
    in system: System,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectValid(lasso.stem, in: system, sourceLocation: sourceLocation)
    #expect(lasso.cycle.count == lasso.cycleStates.count, sourceLocation: sourceLocation)
    if lasso.cycle.isEmpty {
        #expect(enabled(system, in: lasso.stem.last).isEmpty, "a lasso without cycle must end in a terminal state", sourceLocation: sourceLocation)
        return
    }
    #expect(lasso.cycleStates.last == lasso.stem.last, "the cycle does not return to its entry", sourceLocation: sourceLocation)
    expectReplay(from: lasso.stem.last, lasso.cycle, reaching: lasso.cycleStates, in: system, sourceLocation: sourceLocation)
}

/// Records an issue unless taking `actions` from `start` goes through `states`.
func expectReplay<System: TransitionSystem>(
    from start: System.State,
    _ actions: [System.Action],
    reaching states: [System.State],
    in system: System,
    sourceLocation: SourceLocation
) {
    var state = start
    for (action, expected) in zip(actions, states) {
        #expect(enabled(system, in: state).contains(action), "action \(action) is not enabled", sourceLocation: sourceLocation)
        state = system.successor(of: state, via: action)
        #expect(state == expected, "replay diverges", sourceLocation: sourceLocation)
    }
}

/// Records an issue unless every path and lasso in `result` is valid.
func expectAllValid<System: TransitionSystem>(
    _ result: CheckResult<System>,
    in system: System,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for outcome in result.invariants {
        if let path = outcome.counterexample {
            expectValid(path, in: system, sourceLocation: sourceLocation)
        }
    }
    for outcome in result.finals {
        for path in [outcome.witness, outcome.counterexample].compactMap({ $0 }) {
            expectValid(path, in: system, sourceLocation: sourceLocation)
        }
        #expect((outcome.witness != nil) == (outcome.satisfied > 0), sourceLocation: sourceLocation)
        #expect((outcome.counterexample != nil) == (outcome.unsatisfied > 0), sourceLocation: sourceLocation)
    }
    for outcome in result.eventualities {
        if let lasso = outcome.counterexample {
            expectValid(lasso, in: system, sourceLocation: sourceLocation)
        }
    }
}

/// Runs the checker and validates every path it returns.
func check<System: TransitionSystem>(
    _ system: System,
    _ specification: Specification<System.State>,
    _ options: CheckOptions = .init(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> CheckResult<System> {
    let result = Checker(system: system, specification: specification, options: options).run()
    expectAllValid(result, in: system, sourceLocation: sourceLocation)
    return result
}

/// Whether repeating the lasso's cycle forever is weakly fair towards every actor in `actors`:
/// each one takes a step in the cycle or is disabled in at least one cycle state.
func isWeaklyFair<System: TransitionSystem>(_ lasso: Lasso<System>, in system: System, actors: Set<Int>) -> Bool {
    guard !lasso.cycle.isEmpty else {
        return true
    }
    var sources = [lasso.stem.last]
    sources.append(contentsOf: lasso.cycleStates.dropLast())
    let stepping = Set(zip(lasso.cycle, sources).map { system.footprint(of: $0, in: $1).actor })
    return actors.allSatisfy { actor in
        stepping.contains(actor) || lasso.cycleStates.contains { state in
            !enabled(system, in: state).contains { system.footprint(of: $0, in: state).actor == actor }
        }
    }
}

/// The actors performing the lasso's cycle actions.
func cycleActors<System: TransitionSystem>(_ lasso: Lasso<System>, in system: System) -> Set<Int> {
    var sources = [lasso.stem.last]
    sources.append(contentsOf: lasso.cycleStates.dropLast())
    return Set(zip(lasso.cycle, sources).map { system.footprint(of: $0, in: $1).actor })
}
