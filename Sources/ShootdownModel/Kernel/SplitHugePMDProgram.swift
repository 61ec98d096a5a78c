/// Splitting the PMD that maps a page (mm/huge_memory.c `__split_huge_pmd` →
/// `__split_huge_pmd_locked`), modelled at the granularity of that one page: the PMD is
/// invalidated and flushed under its lock and the same frame is mapped again through a PTE
/// with the same permissions. An anonymous THP goes through `pmdp_invalidate`, the huge zero
/// page through `pmdp_huge_clear_flush`; in the old era neither notified and `range_end` was
/// `only_end` — the FIXME comment's argument that a secondary TLB may keep the huge
/// translation because it maps the same pages with the same permissions. The new era's
/// flushes notify (KERNEL-FACTS §2.9).
enum SplitHugePMDProgram {
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let huge = "mm/huge_memory.c"
        let old = era == .invalidateRange
        b.step(.rangeStart(.clear), in: "__split_huge_pmd", file: huge, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "__split_huge_pmd", file: huge, call: "pmd_lock")
        b.jump(to: "unlock", if: .pteNotPresent)
        b.jump(to: "unlock", if: .pteChangedSinceEntry)
        b.jump(to: "zero", if: .pteMapsZeroPage)
        b.step(.invalidatePMD, in: "__split_huge_pmd_locked", file: huge, call: "pmdp_invalidate")
        b.flush(.flushTLBPage, scope: .page, in: "pmdp_invalidate", file: "mm/pgtable-generic.c", call: "flush_pmd_tlb_range")
        b.step(.restoreOrigPTE, in: "__split_huge_pmd_locked", file: huge, call: "set_ptes(same pages, same permissions)")
        end(&b, old: old)
        b.label("zero")
        b.step(.invalidatePMD, in: "__split_huge_zero_page_pmd", file: huge, call: "pmdp_huge_clear_flush: clear")
        b.flush(.flushTLBPage, scope: .page, in: "pmdp_huge_clear_flush", file: "mm/pgtable-generic.c", call: "flush_pmd_tlb_range")
        b.step(.restoreOrigPTE, in: "__split_huge_zero_page_pmd", file: huge, call: "set_pte_at(zero page)")
        b.label("unlock")
        end(&b, old: old)
        return b.source
    }

    /// Unlock, `range_end`, return.
    private static func end(_ b: inout ProgramBuilder, old: Bool) {
        let huge = "mm/huge_memory.c"
        b.step(.unlockPTL, in: "__split_huge_pmd", file: huge, call: "spin_unlock")
        b.step(.rangeEnd(onlyEnd: old), in: "__split_huge_pmd", file: huge,
               call: old ? "mmu_notifier_invalidate_range_only_end" : "mmu_notifier_invalidate_range_end")
        b.ret()
    }
}
