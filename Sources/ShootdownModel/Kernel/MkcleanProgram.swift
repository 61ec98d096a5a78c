/// Writeback write-protection of one page (mm/page-writeback.c `folio_clear_dirty_for_io` →
/// mm/rmap.c `folio_mkclean` → `page_vma_mkclean_one`): a dirty or writable PTE is cleared and
/// flushed under the PTL and written back read-only and clean. The new era notifies from the
/// flush; the old era only at `range_end`, a downgrade (KERNEL-FACTS §2.8).
enum MkcleanProgram {
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let rmap = "mm/rmap.c"
        b.step(.rangeStart(.protectionPage), in: "page_vma_mkclean_one", file: rmap,
               call: "mmu_notifier_invalidate_range_start(PROTECTION_PAGE)")
        b.step(.lockPTL, in: "page_vma_mkclean_one", file: rmap, call: "page_vma_mapped_walk")
        b.jump(to: "unlock", if: .notMappingOrigFrame)
        b.jump(to: "unlock", if: .pteCleanReadOnly)
        b.flush(.clearFlush, scope: .page, in: "page_vma_mkclean_one", file: rmap, call: "ptep_clear_flush")
        b.step(.setWrprotectedClean, in: "page_vma_mkclean_one", file: rmap, call: "set_pte_at(pte_wrprotect(pte_mkclean))")
        b.label("unlock")
        b.step(.unlockPTL, in: "page_vma_mkclean_one", file: rmap, call: "page_vma_mapped_walk_done")
        b.step(.rangeEnd(onlyEnd: false), in: "page_vma_mkclean_one", file: rmap, call: "mmu_notifier_invalidate_range_end")
        b.ret()
        return b.source
    }
}
