/// A finite transition system that ``Checker`` explores exhaustively.
///
/// A conforming type describes its initial states, which actions are enabled in a state, the
/// state an action leads to, and the footprint of each action (which actor performs it and which
/// abstract locations it touches). States and actions are plain values: the checker stores states,
/// compares them with `==` and hashes them, so two states that compare equal are merged.
///
/// Exploration is deterministic as long as `initialStates` and `enabledActions(in:into:)` return
/// their elements in a deterministic order.
///
/// Three requirements serve the optional reductions of ``CheckOptions`` and have defaults that
/// turn them off: ``actorCount`` and ``futureFootprint(of:in:)`` (partial-order reduction) and
/// ``canonical(_:)`` (symmetry reduction).
public protocol TransitionSystem: Sendable {
    /// One global state of the system.
    associatedtype State: Hashable & Sendable
    /// One atomic step of one actor.
    associatedtype Action: Hashable & Sendable

    /// The states exploration starts from. Duplicates are ignored.
    var initialStates: [State] { get }

    /// Appends every action enabled in `state` (the array is cleared by the caller beforehand).
    ///
    /// A state with no enabled action is terminal.
    func enabledActions(in state: State, into actions: inout [Action])

    /// Appends the actions of ``enabledActions(in:into:)``, in the same order, and may append
    /// the footprint of each (``footprint(of:in:)``), one per action in the same order, when it
    /// computes them anyway while enumerating the actions; or append no footprint at all, and
    /// partial-order reduction then asks ``footprint(of:in:)`` for those it needs. Both arrays
    /// are cleared by the caller beforehand. The default appends no footprint.
    func enabledActions(in state: State, into actions: inout [Action], footprints: inout [Footprint])

    /// The state reached by taking `action`, which is enabled in `state`.
    func successor(of state: State, via action: Action) -> State

    /// Which actor performs an action and what shared locations it reads/writes: the input of
    /// partial-order reduction.
    ///
    /// The actor identifies the thread of control for weak fairness; it must fit in an `Int32`.
    ///
    /// For partial-order reduction to be sound, the footprint must cover three things: every
    /// shared location the action reads or writes; every location whose value decides which
    /// actions its actor has enabled at this point (its guards, including those of the actor's
    /// alternatives that are disabled now), among the reads; and every location a property
    /// declares it observes whose value the action changes, among the writes. An actor's local
    /// state needs no location unless a property reads it.
    func footprint(of action: Action, in state: State) -> Footprint

    /// The actor that takes `action` in `state`: the same as `footprint(of:in:).actor`, which
    /// the default computes; a system can answer without the whole footprint.
    func actor(of action: Action, in state: State) -> Int

    /// The number of actors, numbered `0 ..< actorCount` in their footprints. 0 means unknown,
    /// which disables partial-order reduction.
    var actorCount: Int { get }

    /// An over-approximation of everything `actor` may read or write in any step it may still
    /// take from `state` on, its currently enabled actions included. Partial-order reduction
    /// uses it to decide that one actor's steps cannot interfere with another's future.
    ///
    /// The default, reading and writing every location, is always sound and never allows a
    /// reduction.
    func futureFootprint(of actor: Int, in state: State) -> Footprint

    /// Whether the state graph has no cycle: every transition leads to a state never seen on
    /// the way to it (some measure of progress strictly grows along every transition). Then
    /// partial-order reduction needs no cycle proviso, for no action can be postponed around a
    /// cycle. The default is `false`; claiming it wrongly makes reduced searches unsound.
    var isAcyclic: Bool { get }

    /// Whether `actor`'s future depends on which other actor stands still: see
    /// ``futureFootprint(of:in:whileIdle:)``. The default is `false`.
    func futureDependsOnIdleActor(_ actor: Int) -> Bool

    /// An over-approximation of everything `actor` may read or write in any execution from
    /// `state` in which actor `idle` takes no step. Partial-order reduction asks for it when it
    /// considers running only `idle`'s steps first: an actor whose steps are enabled only by
    /// what some other actor does (a speculative walker that refills only emptied entries) may
    /// then claim less. Called only when ``futureDependsOnIdleActor(_:)`` is `true`, and only
    /// when ``futureFootprint(of:in:)`` conflicts with the candidate's steps, so it should claim
    /// no more than that; the default is ``futureFootprint(of:in:)``.
    func futureFootprint(of actor: Int, in state: State, whileIdle idle: Int) -> Footprint

    /// A canonical representative of `state`'s symmetry class: the state the checker stores for
    /// every member of the class when symmetry reduction is on. The default is `state` itself.
    ///
    /// A symmetry (typically, permuting identical actors) must map initial states to initial
    /// states, enabled actions to enabled actions with corresponding successors, and must not
    /// change any property's verdict on a state: the checker evaluates properties on canonical
    /// states only, and rebuilds every reported path as a real execution of the system. The
    /// result must lie in `state`'s class; the better it picks one member per class, the more
    /// the state space shrinks.
    func canonical(_ state: State) -> State

    /// The 64-bit hash by which the checker looks `state` up, and by which fingerprint storage
    /// identifies it. Equal states must have equal fingerprints, and distinct ones should collide
    /// no more often than a random function's values. The default is `state.hashValue`
    /// (``stateHash(_:)``); a state that keeps a digest of its own can return it and spare the
    /// hasher's work on every successor.
    func fingerprint(of state: State) -> UInt64

    /// A copy of the system for one exploring thread, sharing no reference-counted storage
    /// with `self`, or `self`. Each helper thread explores with its own replica: threads that
    /// retain and release the same array buffers write the same reference counts, and the
    /// cache line holding a count (and the buffer's first elements) then moves from core to core
    /// on every access. The default is `self`.
    func replica() -> Self
}

extension TransitionSystem {
    /// The enabled actions alone: footprints are computed when asked for.
    public func enabledActions(in state: State, into actions: inout [Action], footprints: inout [Footprint]) {
        enabledActions(in: state, into: &actions)
    }

    /// Unknown: partial-order reduction stays off.
    public var actorCount: Int { 0 }

    /// Every location, read and written: no reduction is ever justified by it.
    public func futureFootprint(of actor: Int, in state: State) -> Footprint {
        Footprint(actor: actor, reads: .all, writes: .all)
    }

    public var isAcyclic: Bool { false }

    public func actor(of action: Action, in state: State) -> Int {
        footprint(of: action, in: state).actor
    }

    public func futureDependsOnIdleActor(_ actor: Int) -> Bool { false }

    public func futureFootprint(of actor: Int, in state: State, whileIdle idle: Int) -> Footprint {
        futureFootprint(of: actor, in: state)
    }

    /// No symmetry: every state is its own representative.
    public func canonical(_ state: State) -> State {
        state
    }

    /// The state's `hashValue`.
    @inlinable
    public func fingerprint(of state: State) -> UInt64 {
        stateHash(state)
    }

    /// The system itself: threads share its storage.
    public func replica() -> Self {
        self
    }
}
