/// Which `struct mmu_notifier_ops` callbacks a subscriber implements
/// (include/linux/mmu_notifier.h).
public struct NotifierOps: Sendable, Equatable {
    public var release = false
    public var invalidateRangeStart = false
    public var invalidateRangeEnd = false
    /// `invalidate_range` (old era) or `arch_invalidate_secondary_tlbs` (new era).
    public var secondaryTLB = false
    public var freeNotifier = false

    public init(release: Bool = false, invalidateRangeStart: Bool = false, invalidateRangeEnd: Bool = false,
                secondaryTLB: Bool = false, freeNotifier: Bool = false) {
        self.release = release
        self.invalidateRangeStart = invalidateRangeStart
        self.invalidateRangeEnd = invalidateRangeEnd
        self.secondaryTLB = secondaryTLB
        self.freeNotifier = freeNotifier
    }

    /// The SVA binding of an SMMUv3 or VT-d IOMMU: a secondary-TLB subscriber
    /// (arm-smmu-v3-sva.c, intel/svm.c).
    public static let secondaryTLBSubscriber = NotifierOps(release: true, secondaryTLB: true, freeNotifier: true)
}

/// The outcome of `__mmu_notifier_register` (mm/mmu_notifier.c).
public enum RegistrationResult: Sendable, Equatable {
    case registered
    /// `-EINVAL`: since v6.6 a subscriber may not implement both
    /// `arch_invalidate_secondary_tlbs` and `invalidate_range_start/end`.
    case invalid
}

public enum NotifierRegistration {
    /// `mm/mmu_notifier.c:__mmu_notifier_register`: in the new era, a subscriber with both a
    /// secondary-TLB callback and a start or end callback is refused with `-EINVAL`
    /// (WARN_ON_ONCE). The old era accepted any combination.
    public static func register(_ ops: NotifierOps, era: NotifierEra) -> RegistrationResult {
        if era == .archInvalidateSecondaryTLBs, ops.secondaryTLB,
           ops.invalidateRangeStart || ops.invalidateRangeEnd {
            return .invalid
        }
        return .registered
    }
}
