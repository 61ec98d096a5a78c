/// Generates the successors of frontier states: enabled actions, ample-set selection
/// (partial-order reduction), successor states, canonical representatives (symmetry reduction)
/// and hashes. It reads only the states it is given and writes only the buffer it is given, so
/// several threads can expand disjoint chunks of a frontier at once.
@usableFromInline
struct Expander<System: TransitionSystem>: Sendable {
    @usableFromInline typealias State = System.State
    @usableFromInline typealias Action = System.Action

    /// The system explored.
    @usableFromInline let system: System
    /// What the run does.
    @usableFromInline let plan: ExplorationPlan
    /// Whether transitions keep their actions (exact storage).
    @usableFromInline let keepsActions: Bool
    /// Whether transitions keep their actions' positions (fingerprint storage).
    @usableFromInline let keepsOrdinals: Bool
    /// Whether actions' actors are needed: for ample sets or for the graph's actors.
    @usableFromInline let needsFootprints: Bool
    /// The sleep sets of the level being expanded and the next, when the plan uses sleep sets.
    @usableFromInline let sleepMasks: SleepMasks?

    /// Per-thread working memory, reused for every state.
    @usableFromInline
    struct Scratch {
        /// The enabled actions of the state being expanded.
        @usableFromInline var actions: [Action] = []
        /// Their actors, when needed (footprints are computed only for ample candidates).
        @usableFromInline var actors: [Int] = []
        /// Their footprints, when the system gave them with the actions (else empty).
        @usableFromInline var footprints: [Footprint] = []
        /// Per actor: `stamp` when it has an enabled action in the state being expanded.
        @usableFromInline var enabledStamp: [Int]
        /// Per actor: its future footprint in the state being expanded, valid when
        /// `futureStamp` equals `stamp`.
        @usableFromInline var future: [Footprint]
        /// Per actor: `stamp` when `future` is computed for the state being expanded.
        @usableFromInline var futureStamp: [Int]
        /// Per actor: the other actor whose future last refuted it as an ample candidate (-1:
        /// none yet), compared first the next time: conflicts recur from state to state.
        @usableFromInline var refuter: [Int]
        /// Identifies the state being expanded in the per-actor arrays.
        @usableFromInline var stamp: Int = 0
        /// The states of the frontier block being expanded, decoded.
        @usableFromInline var decoded: [State] = []
        /// Working memory for decoding.
        @usableFromInline var words: [UInt64] = []
        /// With sleep sets, per actor: the union of its enabled actions' footprints.
        @usableFromInline var actorFootprints: [Footprint]
        /// With sleep sets, per actor: the position of its last action taken.
        @usableFromInline var lastTaken: [Int]

        /// Working memory for `actorCount` actors.
        @inlinable
        init(actorCount: Int) {
            enabledStamp = Array(repeating: 0, count: actorCount)
            future = Array(repeating: Footprint(actor: 0), count: actorCount)
            futureStamp = enabledStamp
            refuter = Array(repeating: -1, count: actorCount)
            actorFootprints = future
            lastTaken = refuter
        }
    }

    /// An expander for `system` under `plan`.
    @inlinable
    init(system: System, plan: ExplorationPlan) {
        self.init(system: system, plan: plan, sleepMasks: plan.sleepSets ? SleepMasks() : nil)
    }

    /// An expander for a helper thread: the same plan and sleep sets, over a replica of the
    /// system (``TransitionSystem/replica()``).
    @inlinable
    func replica() -> Self {
        Self(system: system.replica(), plan: plan, sleepMasks: sleepMasks)
    }

    /// An expander for `system` under `plan`, sharing `sleepMasks`.
    @inlinable
    init(system: System, plan: ExplorationPlan, sleepMasks: SleepMasks?) {
        self.system = system
        self.plan = plan
        keepsActions = plan.storage == .exact
        keepsOrdinals = plan.storage == .fingerprint
        needsFootprints = plan.reduces || plan.recordsGraph
        self.sleepMasks = sleepMasks
    }

    /// Fresh working memory for one thread.
    @inlinable
    func makeScratch() -> Scratch {
        Scratch(actorCount: plan.reduces ? plan.actorCount : 0)
    }

    /// Appends the transitions of every state in `states`, in order, to `expansion`: all enabled
    /// actions, or the ample set when one is valid, each in `enabledActions` order; with sleep
    /// sets, less the actions of the state's sleeping actors (``expandAwake(_:ample:into:scratch:)``).
    @inlinable
    func expand(_ states: UnsafeBufferPointer<State>, into expansion: inout Expansion<System>, scratch: inout Scratch) {
        for state in states {
            scratch.actions.removeAll(keepingCapacity: true)
            scratch.footprints.removeAll(keepingCapacity: true)
            if plan.reduces {
                system.enabledActions(in: state, into: &scratch.actions, footprints: &scratch.footprints)
                precondition(scratch.footprints.isEmpty || scratch.footprints.count == scratch.actions.count,
                             "enabledActions gave \(scratch.footprints.count) footprints for \(scratch.actions.count) actions")
            } else {
                system.enabledActions(in: state, into: &scratch.actions)
            }
            if needsFootprints {
                scratch.actors.removeAll(keepingCapacity: true)
                if scratch.footprints.isEmpty {
                    for action in scratch.actions {
                        scratch.actors.append(system.actor(of: action, in: state))
                    }
                } else {
                    for footprint in scratch.footprints {
                        scratch.actors.append(footprint.actor)
                    }
                }
            }
            if sleepMasks != nil && scratch.footprints.isEmpty {
                for action in scratch.actions {
                    scratch.footprints.append(system.footprint(of: action, in: state))
                }
            }
            let ample = plan.reduces ? ampleActor(in: state, scratch: &scratch) : -1
            if scratch.actions.isEmpty {
                expansion.terminals.append(state)
            }
            if sleepMasks != nil {
                expandAwake(state, ample: ample, into: &expansion, scratch: &scratch)
                continue
            }
            for ordinal in scratch.actions.indices
            where ample < 0 || scratch.actors[ordinal] == ample {
                emit(from: state, ordinal: ordinal, scratch: scratch, into: &expansion)
            }
            expansion.ends.append(expansion.successors.count)
            expansion.ampleActor.append(Int32(truncatingIfNeeded: ample))
        }
    }

    /// Appends the transitions of `state` that the ample set of actor `ample` left out, as one
    /// more source: the cycle proviso's full expansion.
    @inlinable
    func expandRest(
        of state: State,
        besides ample: Int,
        into expansion: inout Expansion<System>,
        scratch: inout Scratch
    ) {
        scratch.actions.removeAll(keepingCapacity: true)
        system.enabledActions(in: state, into: &scratch.actions)
        scratch.actors.removeAll(keepingCapacity: true)
        for action in scratch.actions {
            scratch.actors.append(system.actor(of: action, in: state))
        }
        for ordinal in scratch.actions.indices where scratch.actors[ordinal] != ample {
            emit(from: state, ordinal: ordinal, scratch: scratch, into: &expansion)
        }
        expansion.ends.append(expansion.successors.count)
        expansion.ampleActor.append(-1)
    }

    /// Appends the transition by the `ordinal`-th enabled action of `state`; with sleep sets,
    /// `sleep` is the sleep set it carries to its target, dropped when the target is replaced by
    /// another representative (whose actors may be numbered differently).
    @inlinable
    func emit(from state: State, ordinal: Int, scratch: Scratch, into expansion: inout Expansion<System>, sleep: UInt32? = nil) {
        let action = scratch.actions[ordinal]
        var next = system.successor(of: state, via: action)
        if plan.symmetric {
            let representative = system.canonical(next)
            if let sleep {
                expansion.sleepMasks.append(representative == next ? sleep : 0)
            }
            next = representative
        } else if let sleep {
            expansion.sleepMasks.append(sleep)
        }
        expansion.hashes.append(system.fingerprint(of: next))
        expansion.successors.append(next)
        if keepsActions {
            expansion.actions.append(action)
        }
        if keepsOrdinals {
            expansion.ordinals.append(UInt32(truncatingIfNeeded: ordinal))
        }
        if plan.recordsGraph {
            let actor = scratch.actors[ordinal]
            guard let actor32 = Int32(exactly: actor) else {
                preconditionFailure("footprint actor \(actor) does not fit in Int32")
            }
            expansion.actors.append(actor32)
        }
    }
}
