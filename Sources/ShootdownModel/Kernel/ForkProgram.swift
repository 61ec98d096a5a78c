/// `fork` as one page of the parent sees it (kernel/fork.c `dup_mmap`, mm/memory.c
/// `copy_page_range` → `copy_present_pte`): under the parent's mmap write lock, a writable
/// private PTE is write-protected without a flush and the child maps the same frame, which is
/// then shared copy-on-write; `dup_mmap` ends with `flush_tlb_mm(oldmm)`. The old era told
/// secondary TLBs at `copy_page_range`'s `range_end`; the new era's `flush_tlb_mm` does
/// (KERNEL-FACTS §2.11). Other pages, and the child's own accesses, are not modelled.
enum ForkProgram {
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let fork = "kernel/fork.c", memory = "mm/memory.c"
        b.step(.mmapWriteLock, in: "dup_mmap", file: fork, call: "mmap_write_lock_killable(oldmm)")
        b.step(.rangeStart(.protectionPage), in: "copy_page_range", file: memory,
               call: "mmu_notifier_invalidate_range_start(PROTECTION_PAGE)")
        b.step(.lockPTL, in: "copy_pte_range", file: memory, call: "pte_offset_map_lock(src)")
        b.step(.forkWrprotect, in: "copy_present_pte", file: memory, call: "ptep_set_wrprotect, folio_dup_anon_rmap")
        b.step(.unlockPTL, in: "copy_pte_range", file: memory, call: "pte_unmap_unlock(src)")
        b.step(.rangeEnd(onlyEnd: false), in: "copy_page_range", file: memory, call: "mmu_notifier_invalidate_range_end")
        b.flush(.flushTLBMM, scope: .wholeMM, in: "dup_mmap", file: fork, call: "flush_tlb_mm(oldmm)")
        b.step(.mmapWriteUnlock, in: "dup_mmap", file: fork, call: "mmap_write_unlock(oldmm)")
        b.ret()
        return b.source
    }
}
