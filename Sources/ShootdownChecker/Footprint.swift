/// What one action does, as far as interference is concerned: who performs it and which
/// abstract shared locations it reads and writes.
public struct Footprint: Hashable, Sendable {
    /// The actor (thread of control) performing the action; weak fairness is per actor.
    public var actor: Int
    /// Locations the action reads.
    public var reads: LocationSet
    /// Locations the action writes.
    public var writes: LocationSet

    /// A footprint for `actor` reading `reads` and writing `writes`.
    @inlinable
    public init(actor: Int, reads: LocationSet = .init(), writes: LocationSet = .init()) {
        self.actor = actor
        self.reads = reads
        self.writes = writes
    }

    /// Two actions are independent if they have different actors and neither writes what the
    /// other reads or writes.
    @inlinable
    public func isIndependent(of other: Footprint) -> Bool {
        actor != other.actor
            && !writes.intersects(other.reads.union(other.writes))
            && !other.writes.intersects(reads.union(writes))
    }
}
