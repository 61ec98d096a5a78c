/// `munmap` of one page's VMA: VMA removal, then `unmap_vmas` → `zap_pte_range` with an
/// mmu_gather, then `tlb_finish_mmu` (mm/vma.c, mm/memory.c, mm/mmu_gather.c). A page that is
/// part of a PMD-mapped transparent huge page is a partial unmap of it: `zap_pmd_range` splits
/// the PMD first (`__split_huge_pmd`).
///
/// The gather batch holds the page until the flush, so the frame is freed only after the CPU
/// TLB flush and, in both eras, after a secondary-TLB notification: the old era's
/// `tlb_flush_mmu_tlbonly` calls `mmu_notifier_invalidate_range` itself (and `range_end`
/// notifies too); the new era's flush primitive does.
enum UnmapProgram {
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let memory = "mm/memory.c", gather = "mm/mmu_gather.c"
        b.step(.detachVMA, in: "do_vmi_align_munmap", file: "mm/vma.c", call: "mmap_write_lock, vma detach, downgrade")
        b.step(.rangeStart(.unmap), in: "unmap_vmas", file: memory, call: "mmu_notifier_invalidate_range_start(UNMAP)")
        // zap_pmd_range on a PMD-mapped THP the munmap covers only in part: split it first.
        b.jump(to: "zap_pmd_range", if: .mappedByHugeEntry)
        b.jump(to: "zap_pte_range", if: .always)
        b.label("zap_pmd_range")
        SplitHugePMDProgram.split(into: &b, prefix: "zap_")
        b.label("zap_pte_range")
        b.step(.lockPTL, in: "zap_pte_range", file: memory, call: "pte_offset_map_lock")
        b.step(.zapPTE, in: "zap_pte_range", file: memory, call: "ptep_get_and_clear_full, __tlb_remove_folio_pages")
        b.step(.unlockPTL, in: "zap_pte_range", file: memory, call: "pte_unmap_unlock")
        b.step(.rangeEnd(onlyEnd: false), in: "unmap_vmas", file: memory, call: "mmu_notifier_invalidate_range_end")
        b.flush(.flushGatherRange, scope: .gather, in: "tlb_flush_mmu_tlbonly", file: gather, call: "tlb_flush")
        b.oldEraNotify(.gather, in: "tlb_flush_mmu_tlbonly", file: gather, call: "mmu_notifier_invalidate_range")
        b.step(.freeGatheredPages, in: "tlb_flush_mmu_free", file: gather, call: "free_pages_and_swap_cache")
        b.ret()
        return b.source
    }
}
