/// A range subscriber written by the user: how it registers, its invalidation callbacks as
/// statements in kernel API terms, whether they may sleep, and the fault path its devices run.
/// The model runs it in place of a built-in subscriber's callbacks and fault path, so that a
/// driver author can check their own protocol (docs/SUBSCRIBERS.md).
public struct SubscriberDefinition: Sendable, Equatable {
    /// How the driver subscribes to the mm (include/linux/mmu_notifier.h).
    public enum Registration: String, Sendable, CaseIterable {
        /// `mmu_interval_notifier_insert`, one interval notifier per device over the address
        /// space (lib/test_hmm.c `dmirror_fops_open`; nouveau, amdgpu, ODP): the callback is
        /// `mmu_interval_notifier_ops.invalidate`, called from the interval tree in
        /// `mn_itree_invalidate` and returning a bool; the fault side uses
        /// `mmu_interval_read_begin` / `mmu_interval_read_retry`. Devices are `MIR…` threads.
        case interval
        /// `mmu_notifier_register`, one subscription the devices share (KVM's VM): the
        /// callbacks are `invalidate_range_start`, returning 0 or `-EAGAIN`, and
        /// `invalidate_range_end`, called from `mn_hlist_invalidate_range_start/end`, and
        /// `release` from `mn_hlist_release`. Devices are `MIR…` or `VCPU…` threads.
        case range
    }

    /// The name `mirror = NAME` selects it by.
    public var name: String
    public var registration: Registration
    /// Whether its callbacks may sleep: one that may, called with the PTL held, is the bug
    /// `no-sleep-in-atomic` reports.
    public var maySleep: Bool
    /// The driver's own lock, which its callbacks and its fault path's `mirror_lock` take.
    public var lockName: String
    /// `mmu_interval_notifier_ops.invalidate` (interval) or `invalidate_range_start` (range).
    public var invalidate: [SubscriberStatement]
    /// `invalidate_range_end` (range registration only; empty when the driver has none).
    public var invalidateEnd: [SubscriberStatement]
    /// `release` (range registration only; `nil` when the driver has none). Interval
    /// notifiers have no release: `mn_itree_release` calls `invalidate` with
    /// `MMU_NOTIFY_RELEASE` over the whole address space instead.
    public var release: [SubscriberStatement]?
    /// The fault path a device runs when its table lacks a translation.
    public var faultPath: KernelPath

    public init(name: String, registration: Registration, maySleep: Bool, lockName: String,
                invalidate: [SubscriberStatement], invalidateEnd: [SubscriberStatement] = [],
                release: [SubscriberStatement]? = nil, faultPath: KernelPath) {
        self.name = name
        self.registration = registration
        self.maySleep = maySleep
        self.lockName = lockName
        self.invalidate = invalidate
        self.invalidateEnd = invalidateEnd
        self.release = release
        self.faultPath = faultPath
    }

    /// The `mmu_notifier_ops` callbacks the registration implements. Interval notifiers register
    /// with no ops of their own.
    public var ops: NotifierOps {
        switch registration {
        case .interval: return NotifierOps()
        case .range:
            return NotifierOps(release: release != nil, invalidateRangeStart: true, invalidateRangeEnd: !invalidateEnd.isEmpty)
        }
    }
}
