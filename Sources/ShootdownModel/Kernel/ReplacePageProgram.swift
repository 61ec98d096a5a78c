/// uprobes installing a breakpoint (kernel/events/uprobes.c `__replace_page`): a new page with
/// the breakpoint is prepared, then under the PTL the PTE is cleared and flushed
/// (`ptep_clear_flush_notify` in the old era, `ptep_clear_flush` in the new) and the new page
/// mapped read-only before the PTL is dropped; the old page is put afterwards. The same
/// ordering as a COW break (KERNEL-FACTS §2.13; `range_end` is `only_end` in the old era).
enum ReplacePageProgram {
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let uprobes = "kernel/events/uprobes.c"
        let old = era == .invalidateRange
        b.step(.allocCopy, in: "uprobe_write_opcode", file: uprobes, call: "alloc_page_vma, copy_highpage")
        b.step(.rangeStart(.clear), in: "__replace_page", file: uprobes, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "__replace_page", file: uprobes, call: "page_vma_mapped_walk")
        b.jump(to: "lost", if: .notMappingOrigFrame)
        if old {
            b.step(.clearFlush, in: "__replace_page", file: uprobes, call: "ptep_clear_flush_notify")
            b.oldEraNotify(.page, in: "__replace_page", file: uprobes, call: "ptep_clear_flush_notify: mmu_notifier_invalidate_range")
        } else {
            b.flush(.clearFlush, scope: .page, in: "__replace_page", file: uprobes, call: "ptep_clear_flush")
        }
        b.step(.replaceWithNewPage, in: "__replace_page", file: uprobes,
               call: old ? "set_pte_at_notify(new page)" : "set_pte_at(new page)")
        b.step(.unlockPTL, in: "__replace_page", file: uprobes, call: "page_vma_mapped_walk_done")
        b.step(.rangeEnd(onlyEnd: old), in: "__replace_page", file: uprobes,
               call: old ? "mmu_notifier_invalidate_range_only_end" : "mmu_notifier_invalidate_range_end")
        b.step(.freeGatheredPages, in: "__replace_page", file: uprobes, call: "folio_put(old_folio)")
        b.ret()
        b.label("lost")
        b.step(.unlockPTL, in: "__replace_page", file: uprobes, call: "page_vma_mapped_walk_done (not mapped)")
        b.step(.rangeEnd(onlyEnd: old), in: "__replace_page", file: uprobes,
               call: old ? "mmu_notifier_invalidate_range_only_end" : "mmu_notifier_invalidate_range_end")
        b.step(.freeNewPage, in: "uprobe_write_opcode", file: uprobes, call: "put_page(new_page)")
        b.ret()
        return b.source
    }
}
