/// One statement of a user-written subscriber callback, in kernel API terms. A callback is one
/// atomic step of the invalidating thread: its statements run in order until a `return` or the
/// end, and a `mutex_lock` / `spin_lock` of a lock someone else holds makes the whole callback
/// wait (the invalidation cannot proceed until the lock is free).
public struct SubscriberStatement: Sendable, Equatable {
    /// What a statement does.
    public enum Action: Sendable, Equatable {
        /// `mutex_lock(&lock)` (may sleep) or `spin_lock(&lock)` (does not): wait until the
        /// driver's lock is free and take it.
        case lock(sleeps: Bool)
        /// `mutex_trylock(&lock)`: take the lock if it is free, otherwise return `failure`.
        case trylock(failure: CallbackResult)
        /// `mutex_unlock` / `spin_unlock`.
        case unlock
        /// `mmu_interval_set_seq` (mm/mmu_notifier.c): the subscription's sequence becomes the
        /// tree's odd one, so `mmu_interval_read_retry` fails for every device read begun
        /// before, and `mmu_interval_read_begin` waits until `mn_itree_inv_end`. Interval
        /// registration only.
        case setSeq
        /// `kvm->mmu_invalidate_seq++`-style: the driver's own sequence moves on, so every
        /// device's snapshot is stale (`snapshot_stale`, `kvm_must_retry`). Range registration.
        case bumpSeq
        /// `mmu_invalidate_in_progress++` / `--`: the driver's count of invalidations in
        /// progress, which `kvm_must_retry` tests. Range registration.
        case inProgress(delta: Int)
        /// Erase the range from the device's table (`xa_erase`, `kvm_unmap_gfn_range`).
        case erase
        /// Flush the devices' own TLBs after an erase that removed an entry
        /// (`kvm_flush_remote_tlbs`): counted as a device TLB flush.
        case flushDeviceTLBs
        /// `return VALUE`.
        case ret(CallbackResult)
    }

    /// When a statement runs.
    public enum Guard: String, Sendable, CaseIterable {
        /// `mmu_notifier_range_blockable(range)`.
        case blockable
        /// `!mmu_notifier_range_blockable(range)`.
        case nonblockable
        /// `range->event == MMU_NOTIFY_MIGRATE && range->owner == <this device>`: the device's
        /// own migration (`dmirror_interval_invalidate`).
        case ownMigration = "own_migration"
        /// The device's table has an entry for the range.
        case mapped
    }

    /// A callback's return value.
    public enum CallbackResult: String, Sendable, CaseIterable {
        /// Interval `invalidate`: handled.
        case `true`
        /// Interval `invalidate`: could not without blocking.
        case `false`
        /// `invalidate_range_start`: handled.
        case zero = "0"
        /// `invalidate_range_start`: could not without blocking.
        case eagain = "-EAGAIN"

        /// Whether the value reports failure.
        public var failed: Bool { self == .false || self == .eagain }
    }

    public var action: Action
    public var condition: Guard?
    /// The kernel function the statement stands for, for timelines and citations.
    public var function: String
    /// The file it cites.
    public var file: String

    public init(_ action: Action, when condition: Guard? = nil, in function: String, file: String) {
        self.action = action
        self.condition = condition
        self.function = function
        self.file = file
    }
}
