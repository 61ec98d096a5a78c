import ShootdownChecker
import ShootdownModel

/// One execution a report shows: the counterexample to an invariant or an `eventually`
/// clause, the execution that refutes the final condition (a `~exists` witness or a `forall`
/// counterexample), or one in which an `exists` condition holds.
public struct OutcomeTrace: Sendable {
    /// Which kind of property the execution refutes.
    public enum Kind: String, Codable, Sendable {
        /// A built-in invariant fails in the last state.
        case invariant
        /// An `eventually` clause never becomes true.
        case liveness
        /// The final condition, as quantified, fails in the last (terminal) state.
        case final
        /// An `exists` condition holds in the last (terminal) state: how the outcome is reached.
        case witness
    }

    public var kind: Kind
    /// The invariant's name, or the condition as written.
    public var property: String
    /// The heading the text report prints above the timeline.
    public var title: String
    /// The actions, from ``start``.
    public var actions: [WorldAction]
    /// The initial state the actions start from.
    public var start: WorldState
    /// When set, the actions from this index on repeat forever (a livelock).
    public var loopStart: Int?
}

extension ScenarioOutcome {
    /// The executions that refute a property, in report order: invariants, `eventually`
    /// clauses, then the final condition.
    public var traces: [OutcomeTrace] { traces(witnesses: false) }

    /// ``traces``, followed, when `witnesses` is set, by an execution in which an `exists`
    /// condition holds.
    public func traces(witnesses: Bool) -> [OutcomeTrace] {
        var traces: [OutcomeTrace] = []
        for invariant in result.invariants {
            guard let path = invariant.counterexample else { continue }
            traces.append(OutcomeTrace(kind: .invariant, property: invariant.name,
                                       title: "\(invariant.name) violated after \(world.unfused(path.actions).count) steps",
                                       actions: world.unfused(path.actions), start: path.states[0]))
        }
        for liveness in result.eventualities {
            guard let lasso = liveness.counterexample else { continue }
            if lasso.isTerminal {
                traces.append(OutcomeTrace(kind: .liveness, property: liveness.name,
                                           title: "eventually \(liveness.name) — this execution stops without it",
                                           actions: lasso.stem.actions, start: lasso.stem.states[0]))
            } else {
                traces.append(OutcomeTrace(kind: .liveness, property: liveness.name,
                                           title: "eventually \(liveness.name) — a fair execution loops forever without it",
                                           actions: lasso.stem.actions + lasso.cycle, start: lasso.stem.states[0],
                                           loopStart: lasso.stem.actions.count))
            }
        }
        if let final = scenario.final, let found = result.finals.first {
            let wanted: Path<World>?
            switch final.quantifier {
            case .exists:
                if witnesses, let path = found.witness {
                    traces.append(OutcomeTrace(kind: .witness, property: final.text,
                                               title: "exists \(final.text) holds in this execution",
                                               actions: world.unfused(path.actions), start: path.states[0]))
                }
                wanted = nil
            case .notExists: wanted = found.witness
            case .forall: wanted = found.counterexample
            }
            if let path = wanted {
                traces.append(OutcomeTrace(kind: .final, property: final.text,
                                           title: "\(final.quantifier.rawValue) \(final.text) fails in this execution",
                                           actions: world.unfused(path.actions), start: path.states[0]))
            }
        }
        return traces
    }
}
