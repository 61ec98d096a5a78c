/// KSM merging one page with a stable page of identical contents (mm/ksm.c
/// `try_to_merge_one_page`): `write_protect_page`, the content comparison, `replace_page`.
///
/// `write_protect_page` clears and flushes a writable or dirty PTE under the PTL and writes it
/// back read-only and clean; in the old era the flush did not notify and secondary TLBs heard of
/// it only at `range_end` — safe, since the contents are compared only after it. `replace_page`
/// points the PTE at the stable page (read-only) after another clear-and-flush; the old page's
/// last reference is dropped after `range_end` (KERNEL-FACTS §2.7). The stable page is modelled
/// as a frame allocated with the page's contents at comparison time (`pages_identical` holds).
enum KSMProgram {
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let ksm = "mm/ksm.c"
        b.step(.rangeStart(.clear), in: "write_protect_page", file: ksm, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "write_protect_page", file: ksm, call: "page_vma_mapped_walk")
        b.jump(to: "wp_not_mapped", if: .notMappingOrigFrame)
        b.jump(to: "wp_unlock", if: .pteCleanReadOnly)
        b.flush(.clearFlush, scope: .page, in: "write_protect_page", file: ksm, call: "ptep_clear_flush")
        b.step(.setWrprotectedClean, in: "write_protect_page", file: ksm, call: "set_pte_at(pte_wrprotect(pte_mkclean))")
        b.label("wp_unlock")
        b.step(.unlockPTL, in: "write_protect_page", file: ksm, call: "page_vma_mapped_walk_done")
        b.step(.rangeEnd(onlyEnd: false), in: "write_protect_page", file: ksm, call: "mmu_notifier_invalidate_range_end")
        b.step(.allocCopy, in: "try_to_merge_one_page", file: ksm, call: "pages_identical (stable page)")
        b.step(.rangeStart(.clear), in: "replace_page", file: ksm, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "replace_page", file: ksm, call: "pte_offset_map_lock")
        b.jump(to: "replace_lost", if: .pteChangedSinceEntry)
        b.flush(.clearFlush, scope: .page, in: "replace_page", file: ksm, call: "ptep_clear_flush")
        b.step(.installReadOnlyNewPage, in: "replace_page", file: ksm,
               call: era == .invalidateRange ? "set_pte_at_notify(kpage, read-only)" : "set_pte_at(kpage, read-only)")
        b.step(.unlockPTL, in: "replace_page", file: ksm, call: "pte_unmap_unlock")
        b.step(.rangeEnd(onlyEnd: false), in: "replace_page", file: ksm, call: "mmu_notifier_invalidate_range_end")
        b.step(.freeGatheredPages, in: "try_to_merge_one_page", file: ksm, call: "folio_put(old page)")
        b.ret()
        b.label("replace_lost")
        b.step(.unlockPTL, in: "replace_page", file: ksm, call: "pte_unmap_unlock (pte changed)")
        b.step(.rangeEnd(onlyEnd: false), in: "replace_page", file: ksm, call: "mmu_notifier_invalidate_range_end")
        b.step(.freeNewPage, in: "try_to_merge_one_page", file: ksm, call: "stable page not used")
        b.ret()
        b.label("wp_not_mapped")
        b.step(.unlockPTL, in: "write_protect_page", file: ksm, call: "page_vma_mapped_walk_done")
        b.step(.rangeEnd(onlyEnd: false), in: "write_protect_page", file: ksm, call: "mmu_notifier_invalidate_range_end")
        b.ret()
        return b.source
    }
}
