/// One candidate repair: a secondary-TLB notification placed right after a step of the kernel's
/// programs, as a ``ProgramRewrite`` a ``KernelPolicy`` can carry.
public struct RepairPlacement: Sendable, Equatable {
    /// What the repair changes besides adding the notification.
    public enum Kind: Sendable, Equatable {
        /// Nothing: a notification is added after ``RepairPlacement/anchor``.
        case insert
        /// The notification is added under the PTL, and `from`, a later step that notifies after
        /// the PTL is dropped, stops notifying: an old-era `mmu_notifier_invalidate_range_end`
        /// becomes `mmu_notifier_invalidate_range_only_end`, an explicit notification is removed.
        case moveUnderPTL(from: Step)
    }

    public var kind: Kind
    /// The step the notification follows.
    public var anchor: Step
    /// The step added: the era's notification (`mmu_notifier_invalidate_range` or
    /// `mmu_notifier_arch_invalidate_secondary_tlbs`) for the page, in the anchor's function and
    /// under the anchor's condition.
    public var notification: Step
    /// What `from` becomes when the kind moves a notification (no step: removed).
    public var replacement: Step?
    /// Whether the thread holds the PTL right after the anchor, wherever its site occurs.
    public var underPTL: Bool
    /// The paths of the programs with the anchor's site that run it, so run the notification.
    public var paths: SitePaths
    /// The edits, in the model's own form.
    public var rewrites: [ProgramRewrite]
    /// The position at which the anchor first ran in the executions the candidates come from.
    public var traceOrder: Int

    /// Whether the repair also changes a later notifying step.
    public var movesNotification: Bool {
        if case .moveUnderPTL = kind { return true } else { return false }
    }

    /// Where the notification goes, briefly: `after FUNCTION: CALL`, and for a move the step it
    /// is taken from.
    public var shortLabel: String {
        guard case let .moveUnderPTL(from) = kind else { return "after \(anchor.label)" }
        return "after \(anchor.label), taken from \(from.label)"
    }

    /// One line, e.g. `mmu_notifier_invalidate_range after __ptep_set_access_flags: flush_tlb_page
    /// (arch/arm64/mm/fault.c), under the PTL`.
    public var summary: String {
        var text = "\(notification.call) after \(anchor.label) (\(anchor.file)), "
            + (underPTL ? "under the PTL" : "outside the PTL")
        if case let .moveUnderPTL(from) = kind {
            text += "; \(from.label) " + (replacement.map { "becomes \($0.call)" } ?? "removed")
        }
        return text
    }
}
