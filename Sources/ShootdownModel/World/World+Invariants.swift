import ShootdownChecker

/// The safety properties every scenario is checked against.
extension World {
    /// A built-in invariant, by name.
    public struct BuiltInInvariant: Sendable {
        public let name: String
        public let summary: String
    }

    /// The built-in invariants the model knows.
    public static let builtInInvariants: [BuiltInInvariant] = [
        BuiltInInvariant(name: "no-freed-frame-access",
                         summary: "no CPU or device access goes through a translation to a freed frame"),
        BuiltInInvariant(name: "secondary-bounded-after-return",
                         summary: "once munmap, mprotect, reclaim, migration, KSM or mkclean returns (and no other kernel path is on the page), no IOTLB or ATC entry grants more than the PTE"),
        BuiltInInvariant(name: "no-sleep-in-atomic",
                         summary: "no notifier callback that may sleep is called with the PTL (a spinlock) held, and none sleeps in a non-blockable invalidation"),
        BuiltInInvariant(name: "no-install-in-invalidation",
                         summary: "a range subscriber never installs a mirror entry for a page while an invalidation of it is between range_start and range_end"),
        BuiltInInvariant(name: "start-end-balanced",
                         summary: "every range_end a subscriber sees matches a range_start it saw (a caller skips range_end after -EAGAIN)"),
        BuiltInInvariant(name: "frame-pool-sufficient",
                         summary: "the model's pool of frames never runs out (a modelling limit, not a kernel property)"),
    ]

    /// The built-in invariants as checker properties.
    public var invariants: [Invariant<WorldState>] {
        let freed = layout.freedFrameAccess
        let exhausted = layout.framePoolExhausted
        let stale = layout.staleSecondary
        let flags: LocationSet = [locations.flags]
        var invariants = [
            Invariant<WorldState>("no-freed-frame-access", observes: flags) { !$0.flag(freed) },
            Invariant("frame-pool-sufficient", observes: flags) { !$0.flag(exhausted) },
        ]
        let sleeping = layout.sleepInAtomic, window = layout.installInWindow, unbalanced = layout.unbalanced
        if sleeping.width > 0 {
            invariants.insert(Invariant("no-sleep-in-atomic", observes: flags) { !$0.flag(sleeping) }, at: invariants.count - 1)
            invariants.insert(Invariant("no-install-in-invalidation", observes: flags) { !$0.flag(window) }, at: invariants.count - 1)
            invariants.insert(Invariant("start-end-balanced", observes: flags) { !$0.flag(unbalanced) }, at: invariants.count - 1)
        }
        if stale.width > 0 {
            invariants.insert(Invariant("secondary-bounded-after-return", observes: flags) { !$0.flag(stale) }, at: 1)
        }
        return invariants
    }
}
