/// `enum mmu_notifier_event` (include/linux/mmu_notifier.h), plus the event the 2023 v1
/// upgrade patch proposed and that was never merged.
public enum NotifierEvent: String, Sendable, CaseIterable {
    case unmap = "MMU_NOTIFY_UNMAP"
    case clear = "MMU_NOTIFY_CLEAR"
    case protectionVMA = "MMU_NOTIFY_PROTECTION_VMA"
    case protectionPage = "MMU_NOTIFY_PROTECTION_PAGE"
    case softDirty = "MMU_NOTIFY_SOFT_DIRTY"
    case release = "MMU_NOTIFY_RELEASE"
    case migrate = "MMU_NOTIFY_MIGRATE"
    case exclusive = "MMU_NOTIFY_EXCLUSIVE"
    /// Proposed by the v1 patch "mmu_notifiers: Notify on pte permission upgrades" (2023-05-22).
    case protectionUpgrade = "MMU_NOTIFY_PROTECTION_UPGRADE"
}
