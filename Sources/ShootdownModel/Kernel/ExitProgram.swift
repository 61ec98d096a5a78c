/// The end of a process's address space (mm/mmap.c `exit_mmap`), once every thread is gone but
/// an SVA binding still holds the mm: `mmu_notifier_release` first — the IOMMU's `release`
/// must stop the device from walking the page tables, since later invalidations no longer
/// reach it — then `unmap_vmas` over everything with a full-mm gather, `free_pgtables` and
/// `tlb_finish_mmu`, which frees the pages (KERNEL-FACTS §1.3, §2.3).
enum ExitProgram {
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let mmap = "mm/mmap.c", memory = "mm/memory.c", gather = "mm/mmu_gather.c"
        b.step(.notifierRelease, in: "exit_mmap", file: mmap, call: "mmu_notifier_release")
        b.step(.rangeStart(.unmap), in: "unmap_vmas", file: memory, call: "mmu_notifier_invalidate_range_start(UNMAP)")
        b.step(.zapAll, in: "zap_pte_range", file: memory, call: "ptep_get_and_clear_full, __tlb_remove_folio_pages (every page)")
        b.step(.rangeEnd(onlyEnd: false), in: "unmap_vmas", file: memory, call: "mmu_notifier_invalidate_range_end")
        b.flush(.flushTLBMM, scope: .wholeMM, in: "tlb_flush_mmu_tlbonly", file: gather, call: "tlb_flush (fullmm, page tables freed)")
        b.oldEraNotify(.wholeMM, in: "tlb_flush_mmu_tlbonly", file: gather, call: "mmu_notifier_invalidate_range")
        b.step(.freeAllGathered, in: "tlb_finish_mmu", file: gather, call: "tlb_flush_mmu_free (every page)")
        b.ret()
        return b.source
    }
}
