/// The two generations of the secondary-TLB callback.
public enum NotifierEra: String, Sendable {
    /// v4.15 … v6.5: `mmu_notifier_ops.invalidate_range`, called explicitly by the `*_notify`
    /// helpers and by `mmu_notifier_invalidate_range_end` unless the caller used `..._only_end`
    /// (mm/mmu_notifier.c:mn_hlist_invalidate_end).
    case invalidateRange
    /// v6.6 onwards: `mmu_notifier_ops.arch_invalidate_secondary_tlbs`, called from the
    /// architecture's TLB-flush primitives (arch/arm64/include/asm/tlbflush.h,
    /// arch/x86/mm/tlb.c:flush_tlb_mm_range); range_end no longer calls it.
    case archInvalidateSecondaryTLBs

    /// The callback's name in this era.
    public var callbackName: String {
        switch self {
        case .invalidateRange: return "invalidate_range"
        case .archInvalidateSecondaryTLBs: return "arch_invalidate_secondary_tlbs"
        }
    }

    /// The caller-side helper's name in this era.
    public var helperName: String {
        switch self {
        case .invalidateRange: return "mmu_notifier_invalidate_range"
        case .archInvalidateSecondaryTLBs: return "mmu_notifier_arch_invalidate_secondary_tlbs"
        }
    }
}
