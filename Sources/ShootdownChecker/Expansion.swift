/// The successors generated for a run of consecutive frontier states, ready to be stored in
/// order: one entry per generated transition, and per source state where its entries end and
/// whether only an ample subset of its actions was taken.
///
/// A buffer is reused from chunk to chunk, so once it has grown nothing is allocated per state.
@usableFromInline
struct Expansion<System: TransitionSystem>: Sendable {
    /// Each transition's target (canonical under symmetry reduction).
    @usableFromInline var successors: [System.State] = []
    /// Each target's 64-bit hash.
    @usableFromInline var hashes: [UInt64] = []
    /// Each transition's action, when the explorer keeps actions.
    @usableFromInline var actions: [System.Action] = []
    /// Each transition's action as its position among the source's enabled actions, when the
    /// explorer keeps positions instead of actions.
    @usableFromInline var ordinals: [UInt32] = []
    /// Each transition's actor, when the transition graph is recorded.
    @usableFromInline var actors: [Int32] = []
    /// Per source state, the end of its transitions in the arrays above.
    @usableFromInline var ends: [Int] = []
    /// The source states with no enabled action, in order: the terminal states, whose final
    /// predicates the explorer evaluates.
    @usableFromInline var terminals: [System.State] = []
    /// Per source state, the actor whose enabled actions form the ample set taken; -1 when
    /// every enabled action was taken; -2 when every enabled action but those of sleeping actors
    /// was taken (and some actor was asleep).
    @usableFromInline var ampleActor: [Int32] = []
    /// With sleep sets, each transition's sleep set for its target: the actors (bit `i` for
    /// actor `i`) whose steps the target need not take again.
    @usableFromInline var sleepMasks: [UInt32] = []
    /// With sleep sets, per source state, its enabled actions left out because their actors
    /// were asleep.
    @usableFromInline var slept: [Int32] = []

    /// An empty buffer.
    @inlinable
    init() {}

    /// Empties the buffer, keeping its capacity.
    @inlinable
    mutating func removeAll() {
        successors.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        actions.removeAll(keepingCapacity: true)
        ordinals.removeAll(keepingCapacity: true)
        actors.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        ampleActor.removeAll(keepingCapacity: true)
        terminals.removeAll(keepingCapacity: true)
        sleepMasks.removeAll(keepingCapacity: true)
        slept.removeAll(keepingCapacity: true)
    }

    /// The transitions of the `position`-th source state.
    @inlinable
    func transitions(ofSource position: Int) -> Range<Int> {
        (position == 0 ? 0 : ends[position - 1]) ..< ends[position]
    }
}
