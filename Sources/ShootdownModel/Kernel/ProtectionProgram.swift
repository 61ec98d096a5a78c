/// `mprotect` of one page (mm/mprotect.c): `do_mprotect_pkey` under the mmap write lock,
/// `mprotect_fixup` (new VMA flags), then `change_protection` with an mmu_gather; on a page of
/// a hugetlb mapping, the whole huge page through `hugetlb_change_protection`.
///
/// The range notification brackets the PTE loop (`change_pud_range` in the new era,
/// `change_pmd_range` in the old); the PTE is rewritten under the PTL without a flush and the
/// range joins the gather when `pte_needs_flush` says so; the CPU flush comes at
/// `tlb_finish_mmu`, after the PTL is dropped and after `range_end` (KERNEL-FACTS §2.2). The
/// new era notifies secondary TLBs only from that flush; the old era notified from
/// `range_end` (before the CPU flush) and again from `tlb_flush_mmu_tlbonly`.
enum ProtectionProgram {
    static func build(_ protection: VMAProtection, architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let mprotect = "mm/mprotect.c", gather = "mm/mmu_gather.c"
        let notifyingFunction = era == .archInvalidateSecondaryTLBs ? "change_pud_range" : "change_pmd_range"
        b.step(.mmapWriteLock, in: "do_mprotect_pkey", file: mprotect, call: "mmap_write_lock_killable")
        b.step(.setVMAProtection(protection), in: "mprotect_fixup", file: mprotect,
               call: "vm_flags_reset(\(protection.vmFlags))")
        b.jump(to: "hugetlb_change_protection", if: .hugetlbPage)
        b.step(.rangeStart(.protectionVMA), in: notifyingFunction, file: mprotect,
               call: "mmu_notifier_invalidate_range_start(PROTECTION_VMA)")
        b.step(.lockPTL, in: "change_pte_range", file: mprotect, call: "pte_offset_map_lock")
        b.step(.modifyProtection(protection), in: "change_pte_range", file: mprotect,
               call: "modify_prot_start_ptes, modify_prot_commit_ptes, tlb_flush_pte_range if pte_needs_flush")
        b.step(.unlockPTL, in: "change_pte_range", file: mprotect, call: "pte_unmap_unlock")
        b.step(.rangeEnd(onlyEnd: false), in: notifyingFunction, file: mprotect, call: "mmu_notifier_invalidate_range_end")
        b.flush(.flushGatherRange, scope: .gather, in: "tlb_flush_mmu_tlbonly", file: gather, call: "tlb_flush",
                when: .gathered)
        b.oldEraNotify(.gather, in: "tlb_flush_mmu_tlbonly", file: gather, call: "mmu_notifier_invalidate_range",
                       when: .gathered)
        b.step(.mmapWriteUnlock, in: "do_mprotect_pkey", file: mprotect, call: "mmap_write_unlock")
        b.ret()
        hugetlbChangeProtection(protection, into: &b)
        return b.source
    }

    /// `change_protection` on a hugetlb VMA (mm/hugetlb.c:`hugetlb_change_protection`, KERNEL-FACTS
    /// §2.10): `RS(PROTECTION_VMA)` over the huge page, the huge entry rewritten under its lock
    /// (`huge_ptep_modify_prot_start/commit`), then after the lock is dropped the flush of the
    /// whole huge page (`flush_hugetlb_tlb_range`; later trees flush an mmu_gather there, at the
    /// same point), which notifies in the new era, and `range_end`, which notified in the old.
    private static func hugetlbChangeProtection(_ protection: VMAProtection, into b: inout ProgramBuilder) {
        let hugetlb = "mm/hugetlb.c"
        b.label("hugetlb_change_protection")
        b.step(.rangeStart(.protectionVMA), in: "hugetlb_change_protection", file: hugetlb,
               call: "mmu_notifier_invalidate_range_start(PROTECTION_VMA)")
        b.step(.lockPTL, in: "hugetlb_change_protection", file: hugetlb, call: "huge_pte_lock")
        b.step(.modifyProtection(protection), in: "hugetlb_change_protection", file: hugetlb,
               call: "huge_ptep_modify_prot_start, huge_ptep_modify_prot_commit")
        b.step(.unlockPTL, in: "hugetlb_change_protection", file: hugetlb, call: "spin_unlock")
        b.flush(.flushHugeRange, scope: .hugeRange, in: "hugetlb_change_protection", file: hugetlb,
                call: "flush_hugetlb_tlb_range")
        b.step(.rangeEnd(onlyEnd: false), in: "hugetlb_change_protection", file: hugetlb,
               call: "mmu_notifier_invalidate_range_end")
        // Programs jump only forward (a thread's future is the rest of its program).
        b.step(.mmapWriteUnlock, in: "do_mprotect_pkey", file: "mm/mprotect.c", call: "mmap_write_unlock")
        b.ret()
    }
}

/// The protection `mprotect` gives a VMA.
public enum VMAProtection: String, Hashable, Sendable, CaseIterable {
    /// `PROT_NONE`: neither `VM_READ` nor `VM_WRITE`; present PTEs become PROT_NONE entries.
    case none
    /// `PROT_READ`.
    case readOnly
    /// `PROT_READ | PROT_WRITE`.
    case readWrite

    /// The VMA flags it sets, as `vm_flags_reset` is given them.
    var vmFlags: String {
        switch self {
        case .none: return "0"
        case .readOnly: return "VM_READ"
        case .readWrite: return "VM_READ|VM_WRITE"
        }
    }
}

extension VMAProtection {
    /// How a path's raw step writes it, as `mprotect(x, …)` does: `none`, `ro`, `rw`.
    public var spelling: String {
        switch self {
        case .none: return "none"
        case .readOnly: return "ro"
        case .readWrite: return "rw"
        }
    }
}
