/// The OOM reaper tearing down one page of a dying process (mm/oom_kill.c
/// `__oom_reap_task_mm`): `mmu_notifier_invalidate_range_start_nonblock`; when a subscriber
/// would have to sleep it returns `-EAGAIN`, the core has already unwound, and the reaper skips
/// the range without `range_end` (it retries later; the model does not). Otherwise the page is
/// zapped under an mmu_gather like munmap's and freed after the flush (KERNEL-FACTS §1.4, I7).
enum OOMReapProgram {
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let oom = "mm/oom_kill.c", memory = "mm/memory.c", gather = "mm/mmu_gather.c"
        b.step(.rangeStartNonblock(.unmap), in: "__oom_reap_task_mm", file: oom,
               call: "mmu_notifier_invalidate_range_start_nonblock")
        b.jump(to: "skip", if: .rangeStartFailed)
        b.step(.lockPTL, in: "zap_pte_range", file: memory, call: "pte_offset_map_lock")
        b.step(.zapPTE, in: "zap_pte_range", file: memory, call: "ptep_get_and_clear_full, __tlb_remove_folio_pages")
        b.step(.unlockPTL, in: "zap_pte_range", file: memory, call: "pte_unmap_unlock")
        b.step(.rangeEnd(onlyEnd: false), in: "__oom_reap_task_mm", file: oom, call: "mmu_notifier_invalidate_range_end")
        b.flush(.flushGatherRange, scope: .gather, in: "tlb_flush_mmu_tlbonly", file: gather, call: "tlb_flush", when: .gathered)
        b.oldEraNotify(.gather, in: "tlb_flush_mmu_tlbonly", file: gather, call: "mmu_notifier_invalidate_range", when: .gathered)
        b.step(.freeGatheredPages, in: "tlb_flush_mmu_free", file: gather, call: "free_pages_and_swap_cache")
        b.ret()
        // -EAGAIN: the range is skipped; tlb_finish_mmu has nothing gathered to flush.
        b.label("skip")
        b.step(.flushGatherRange, in: "__oom_reap_task_mm", file: oom, call: "tlb_finish_mmu (range skipped)", when: .gathered)
        b.ret()
        return b.source
    }
}
