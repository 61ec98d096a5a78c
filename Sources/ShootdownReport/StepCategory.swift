import ShootdownModel

/// What kind of step a timeline entry is, for reports that mark steps by kind: the PTL taken or
/// dropped, a call into the MMU-notifier machinery, or an ordinary step.
public enum StepCategory: String, Codable, Sendable, CaseIterable {
    /// A user-level load or store by a CPU or a device (no kernel step).
    case access
    /// A kernel step that neither takes nor drops the PTL nor calls a notifier.
    case kernel
    /// The page-table lock taken (`pte_offset_map_lock`).
    case ptlTake = "ptl-take"
    /// The page-table lock dropped (`pte_unmap_unlock`).
    case ptlDrop = "ptl-drop"
    /// A call into the notifier machinery: `mmu_notifier_invalidate_range_start` / `_end`, or a
    /// step that runs the secondary-TLB callback (`invalidate_range`,
    /// `arch_invalidate_secondary_tlbs`), including a CPU flush that calls it.
    case notifier
    /// A step of a helper actor that is not a kernel program step: the IOPF worker taking a page
    /// request, or the IOMMU's speculative walker.
    case helper

    /// Classifies a step of thread role `role` that ran kernel step `step` (if any) at `cost`.
    static func of(step: Step?, cost: CostCounters, role: ThreadRole) -> StepCategory {
        guard let step else {
            switch role {
            case .cpu, .device, .mirror: return .access
            case .iopfWorker, .iommuPrefetcher: return .helper
            }
        }
        switch step.kind {
        case .lockPTL: return .ptlTake
        case .unlockPTL: return .ptlDrop
        case .notifierRelease: return .notifier
        case .rangeStart, .rangeEnd, .notifySecondary: return .notifier
        default:
            return cost.secondaryCallbacks > 0 || cost.rangeStartCalls > 0 || cost.rangeEndCalls > 0 ? .notifier : .kernel
        }
    }
}
