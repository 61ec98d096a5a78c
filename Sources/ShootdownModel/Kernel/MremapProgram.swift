/// `mremap(old, size, size, MREMAP_MAYMOVE | MREMAP_FIXED [| MREMAP_DONTUNMAP], new)` of one
/// page (mm/mremap.c), modelled at the granularity of that page and the page it moves to.
///
/// `do_mremap` takes the mmap lock for write, so faults (CPU, IOPF worker, a mirror's
/// `hmm_range_fault`) and dmirror's migrations wait for it. `move_vma` →
/// `copy_vma_and_data` creates the new VMA with the old one's flags, then `move_page_tables`
/// brackets the move with an `MMU_NOTIFY_UNMAP` range over the *old* address. `move_ptes` takes
/// both page-table locks (one PTL in the model), takes the entry off the old address and sets it,
/// as it is, at the new one: a present PTE keeps its frame and permissions, a swap, migration or
/// device-private entry keeps its meaning. When the moved entry was present (`force_flush`) it
/// flushes the old range with `flush_tlb_range` after the loop, still under the locks (the
/// placement that commit eb66ae030829, "mremap: properly flush TLB before releasing the page",
/// gave it in v4.20); in the new era that flush notifies secondary TLBs, in the old era the
/// plain `range_end` does, after the locks are dropped. Last, `unmap_source_vma` removes the old
/// VMA, whose page table no longer holds anything; with `MREMAP_DONTUNMAP`,
/// `dontunmap_complete` keeps it, empty, so its page faults in as fresh anonymous memory.
///
/// Left out: `flush_tlb_batched_pending` (a reclaim's pending batched flush for the mm), KSM's
/// `ksm_madvise(MADV_UNMERGEABLE)` in `prep_move_vma`, the `do_munmap` of an existing mapping
/// at the new address (the target must have no VMA), the PMD- and PUD-level moves, and the
/// revert when page tables cannot be allocated. The zap inside `do_vmi_munmap` finds only empty
/// entries, so its own range notification and flush are not modelled either.
enum MremapProgram {
    static func build(dontUnmap: Bool, architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let mremap = "mm/mremap.c"
        b.step(.mmapWriteLock, in: "do_mremap", file: mremap, call: "mmap_write_lock_killable")
        // vma_lookup(mm, addr) finds nothing: -EFAULT, nothing moves.
        b.jump(to: "unlock_mmap", if: .vmaMissing)
        b.step(.copyVMA, in: "copy_vma_and_data", file: mremap, call: "copy_vma(new_addr)")
        b.step(.rangeStart(.unmap), in: "move_page_tables", file: mremap,
               call: "mmu_notifier_invalidate_range_start(UNMAP, old range)")
        b.step(.lockPTL, in: "move_ptes", file: mremap, call: "pte_offset_map_lock(old), spin_lock_nested(new)")
        b.step(.takeMovedPTE, in: "move_ptes", file: mremap, call: "get_and_clear_full_ptes(old_addr)")
        b.step(.setMovedPTE, in: "move_ptes", file: mremap, call: "set_ptes(new_addr)")
        b.flush(.flushTLBRange, scope: .page, in: "move_ptes", file: mremap, call: "flush_tlb_range(old range) if force_flush",
                when: .changed)
        b.step(.unlockPTL, in: "move_ptes", file: mremap, call: "pte_unmap_unlock")
        b.step(.rangeEnd(onlyEnd: false), in: "move_page_tables", file: mremap, call: "mmu_notifier_invalidate_range_end")
        if !dontUnmap {
            b.step(.unmapSourceVMA, in: "unmap_source_vma", file: mremap, call: "do_vmi_munmap(old range)")
        }
        b.label("unlock_mmap")
        b.step(.mmapWriteUnlock, in: "do_mremap", file: mremap, call: "mmap_write_unlock")
        b.ret()
        return b.source
    }
}
