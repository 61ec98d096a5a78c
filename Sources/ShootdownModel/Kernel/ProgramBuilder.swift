/// Writes a symbolic program for one architecture and notifier era. The era decides what a CPU
/// TLB flush expands to: in the new era every flush primitive also notifies secondary TLBs.
struct ProgramBuilder {
    let architecture: Architecture
    let era: NotifierEra
    /// Whether some page's VMA is not anonymous: the fault path then has `do_fault`, and
    /// `migrate_vma` refuses page-cache pages.
    var fileBacked = false
    private(set) var source: [Instruction] = []

    init(architecture: Architecture, era: NotifierEra) {
        self.architecture = architecture
        self.era = era
    }

    mutating func step(_ kind: StepKind, in function: String, file: String, call: String, when: StepCondition? = nil) {
        source.append(.step(Step(kind, in: function, file: file, call: call, when: when)))
    }

    mutating func step(_ step: Step) { source.append(.step(step)) }

    mutating func jump(to label: String, if condition: BranchCondition) {
        source.append(.jump(to: label, if: condition))
    }

    mutating func label(_ name: String) { source.append(.label(name)) }

    mutating func ret() { source.append(.ret) }

    /// A CPU TLB flush (`flush_tlb_page`, `ptep_clear_flush`, the gather flush). In the new era
    /// the primitive itself calls `mmu_notifier_arch_invalidate_secondary_tlbs` over the same
    /// range: arm64 `__flush_tlb_page_nosync` / `__flush_tlb_range_nosync`, x86
    /// `flush_tlb_mm_range` (KERNEL-FACTS §3.1, §3.2).
    mutating func flush(_ kind: StepKind, scope: NotifyScope, in function: String, file: String, call: String,
                        when condition: StepCondition? = nil) {
        step(kind, in: function, file: file, call: call, when: condition)
        if era == .archInvalidateSecondaryTLBs {
            step(.notifySecondary(scope), in: flushPrimitive(for: kind), file: flushFile,
                 call: "mmu_notifier_arch_invalidate_secondary_tlbs", when: condition)
        }
    }

    /// `arch_tlbbatch_add_pending`: queues the CPU flush in the batch. In the new era it notifies
    /// at once: x86 for the whole mm (`flush_tlb_mm` semantics, arch/x86/include/asm/tlbflush.h),
    /// arm64 for the page, after issuing the TLBI whose completion the batch awaits
    /// (arch/arm64/include/asm/tlbflush.h). The old era's did not notify.
    mutating func addPendingBatch(in function: String, file: String) {
        step(.addPendingBatch, in: function, file: file, call: "set_tlb_ubc_flush_pending: arch_tlbbatch_add_pending")
        guard era == .archInvalidateSecondaryTLBs else { return }
        let scope: NotifyScope = architecture == .x86 ? .wholeMM : .page
        step(.notifySecondary(scope), in: "arch_tlbbatch_add_pending", file: flushFile,
             call: "mmu_notifier_arch_invalidate_secondary_tlbs")
    }

    /// An explicit old-era `mmu_notifier_invalidate_range` call written in generic code (the
    /// `*_notify` helpers, `tlb_flush_mmu_tlbonly`). The new era has none: the flush notifies.
    mutating func oldEraNotify(_ scope: NotifyScope, in function: String, file: String, call: String,
                               when condition: StepCondition? = nil) {
        guard era == .invalidateRange else { return }
        step(.notifySecondary(scope), in: function, file: file, call: call, when: condition)
    }

    /// `remove_migration_pte` (mm/migrate.c): under the PTL the migration entry gives way to the
    /// entry `kind` installs (the new folio's PTE, or a device-private entry).
    mutating func removeMigrationPTE(_ kind: StepKind = .removeMigrationEntry, call: String = "set_pte_at(new folio)") {
        let migrate = "mm/migrate.c"
        step(.lockPTL, in: "remove_migration_pte", file: migrate, call: "page_vma_mapped_walk")
        step(kind, in: "remove_migration_pte", file: migrate, call: call)
        step(.unlockPTL, in: "remove_migration_pte", file: migrate, call: "page_vma_mapped_walk_done")
    }

    private var flushFile: String {
        switch architecture {
        case .arm64: return "arch/arm64/include/asm/tlbflush.h"
        case .x86: return "arch/x86/mm/tlb.c"
        }
    }

    private func flushPrimitive(for kind: StepKind) -> String {
        switch (architecture, kind) {
        case (.arm64, .flushGatherRange), (.arm64, .flushTLBRange), (.arm64, .flushContigRange), (.arm64, .flushHugeRange):
            return "__flush_tlb_range_nosync"
        case (.arm64, .flushTLBMM): return "flush_tlb_mm"
        case (.arm64, _): return "__flush_tlb_page_nosync"
        case (.x86, _): return "flush_tlb_mm_range"
        }
    }
}
