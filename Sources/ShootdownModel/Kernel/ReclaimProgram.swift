/// Reclaim of one anonymous page (mm/vmscan.c `shrink_folio_list` → mm/rmap.c
/// `try_to_unmap_one`): the PTE becomes a swap entry, the page is written out and freed.
///
/// With `TTU_BATCH_FLUSH` and `arch_tlbbatch_should_defer`, the PTE is cleared without a flush
/// and `arch_tlbbatch_add_pending` queues the CPU flush (notifying secondary TLBs at once in the
/// new era); `try_to_unmap_flush` flushes the batch before the page is freed, without notifying.
/// Otherwise `flush_tlb_range` flushes under the PTL. The old era notified under the PTL after
/// installing an anonymous page's swap entry, and again from `range_end` (KERNEL-FACTS §2.4).
enum ReclaimProgram {
    static func build(batched: Bool, architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let rmap = "mm/rmap.c", vmscan = "mm/vmscan.c"
        b.step(.rangeStart(.clear), in: "try_to_unmap_one", file: rmap, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "try_to_unmap_one", file: rmap, call: "page_vma_mapped_walk")
        b.jump(to: "not_mapped", if: .notMappingOrigFrame)
        if batched {
            b.step(.getAndClear, in: "try_to_unmap_one", file: rmap, call: "get_and_clear_ptes")
            b.addPendingBatch(in: "try_to_unmap_one", file: rmap)
        } else {
            b.step(.getAndClear, in: "try_to_unmap_one", file: rmap, call: "get_and_clear_ptes")
            b.flush(.flushTLBRange, scope: .page, in: "try_to_unmap_one", file: rmap, call: "flush_tlb_range")
        }
        b.step(.installSwapEntry, in: "try_to_unmap_one", file: rmap, call: "set_pte_at(swp_pte)")
        b.oldEraNotify(.page, in: "try_to_unmap_one", file: rmap, call: "mmu_notifier_invalidate_range")
        b.label("not_mapped")
        b.step(.unlockPTL, in: "try_to_unmap_one", file: rmap, call: "page_vma_mapped_walk_done")
        b.step(.rangeEnd(onlyEnd: false), in: "try_to_unmap_one", file: rmap, call: "mmu_notifier_invalidate_range_end")
        if batched {
            b.step(.batchFlush, in: "try_to_unmap_flush", file: rmap, call: "arch_tlbbatch_flush", when: .batchPending)
        }
        b.step(.freeGatheredPages, in: "shrink_folio_list", file: vmscan, call: "pageout, free_unref_folios")
        b.ret()
        return b.source
    }
}
