/// Device-exclusive access (mm/rmap.c, mm/memory.c; KERNEL-FACTS §2.12): a device takes a page
/// for atomic access by replacing its PTE with a device-exclusive entry; the next CPU fault
/// restores the PTE.
enum DeviceExclusiveProgram {
    /// `make_device_exclusive` on the page GUP faulted in writable, for the dmirror `EXCLUSIVE`
    /// ioctl. New era (v6.15 on): `folio_lock`, `RS(EXCLUSIVE, owner)`, a second walk under the
    /// PTL that must find the same page mapped writable (else everything is undone and GUP runs
    /// again), `ptep_clear_flush` (which notifies secondary TLBs) and the device-exclusive entry,
    /// then `RE`. Old era (`make_device_exclusive_range`): `folio_trylock` (failing: the page is
    /// not made exclusive), then `page_make_device_exclusive_one` under `RS(EXCLUSIVE, owner)`:
    /// `ptep_clear_flush` without notification, the entry, and `RE`, which notifies. Returns with
    /// the page locked, at `locked`; `gup` is the label of the GUP walk, `busy` where the old
    /// era goes when the page is not made exclusive (page lock not held).
    static func makeExclusive(into b: inout ProgramBuilder, gup: String, busy: String) {
        let rmap = "mm/rmap.c"
        if b.era == .archInvalidateSecondaryTLBs {
            b.step(.lockPage, in: "make_device_exclusive", file: rmap, call: "folio_lock_killable")
            b.step(.rangeStart(.exclusive), in: "make_device_exclusive", file: rmap,
                   call: "mmu_notifier_invalidate_range_start(EXCLUSIVE, owner)")
            b.step(.lockPTL, in: "make_device_exclusive", file: rmap, call: "folio_walk_start")
            b.jump(to: "exclusive_retry", if: .notMappingWalkedPageWritable)
            b.flush(.convertToDeviceExclusive, scope: .page, in: "make_device_exclusive", file: rmap,
                    call: "ptep_clear_flush, set_pte_at(device-exclusive entry)")
            b.step(.unlockPTL, in: "make_device_exclusive", file: rmap, call: "folio_walk_end")
            b.step(.rangeEnd(onlyEnd: false), in: "make_device_exclusive", file: rmap, call: "mmu_notifier_invalidate_range_end")
            b.jump(to: "exclusive_locked", if: .always)
            b.label("exclusive_retry")
            b.step(.unlockPTL, in: "make_device_exclusive", file: rmap, call: "folio_walk_end (page changed)")
            b.step(.rangeEnd(onlyEnd: false), in: "make_device_exclusive", file: rmap, call: "mmu_notifier_invalidate_range_end")
            b.step(.unlockPage, in: "make_device_exclusive", file: rmap, call: "folio_unlock, goto retry")
            b.jump(to: gup, if: .always)
        } else {
            b.step(.trylockPage, in: "make_device_exclusive_range", file: rmap, call: "folio_trylock")
            b.jump(to: busy, if: .pageLockedByOther)
            b.step(.rangeStart(.exclusive), in: "page_make_device_exclusive_one", file: rmap,
                   call: "mmu_notifier_invalidate_range_start(EXCLUSIVE, owner)")
            b.step(.lockPTL, in: "page_make_device_exclusive_one", file: rmap, call: "page_vma_mapped_walk")
            b.jump(to: "exclusive_not_mapped", if: .notMappingWalkedPage)
            b.step(.convertToDeviceExclusive, in: "page_make_device_exclusive_one", file: rmap,
                   call: "ptep_clear_flush, set_pte_at(device-exclusive entry)")
            b.step(.unlockPTL, in: "page_make_device_exclusive_one", file: rmap, call: "page_vma_mapped_walk_done")
            b.step(.rangeEnd(onlyEnd: false), in: "page_make_device_exclusive_one", file: rmap,
                   call: "mmu_notifier_invalidate_range_end")
            b.jump(to: "exclusive_locked", if: .always)
            b.label("exclusive_not_mapped")
            b.step(.unlockPTL, in: "page_make_device_exclusive_one", file: rmap, call: "page_vma_mapped_walk_done (not mapped)")
            b.step(.rangeEnd(onlyEnd: false), in: "page_make_device_exclusive_one", file: rmap,
                   call: "mmu_notifier_invalidate_range_end")
            b.step(.unlockPage, in: "make_device_exclusive_range", file: rmap, call: "folio_unlock (not exclusive)")
            b.jump(to: busy, if: .always)
        }
        b.label("exclusive_locked")
    }

    /// `do_swap_page` on a device-exclusive entry: `remove_device_exclusive_entry` (mm/memory.c)
    /// locks the folio (sleeping while the device side holds it), calls `RS` (`CLEAR` since
    /// v6.15, `EXCLUSIVE` before) with no owner, and under the PTL restores the PTE if it is
    /// still the entry the fault read.
    static func removeExclusive(into b: inout ProgramBuilder) {
        let memory = "mm/memory.c"
        let event: NotifierEvent = b.era == .archInvalidateSecondaryTLBs ? .clear : .exclusive
        b.step(.lockPage, in: "remove_device_exclusive_entry", file: memory, call: "folio_lock_or_retry")
        b.step(.rangeStart(event), in: "remove_device_exclusive_entry", file: memory,
               call: "mmu_notifier_invalidate_range_start(\(event == .clear ? "CLEAR" : "EXCLUSIVE"))")
        b.step(.lockPTL, in: "remove_device_exclusive_entry", file: memory, call: "pte_offset_map_lock")
        b.jump(to: "dx_unlock", if: .pteChangedSinceEntry)
        b.step(.restoreExclusive, in: "restore_exclusive_pte", file: memory, call: "set_pte_at(mk_pte)")
        b.label("dx_unlock")
        b.step(.unlockPTL, in: "remove_device_exclusive_entry", file: memory, call: "pte_unmap_unlock")
        b.step(.unlockPage, in: "remove_device_exclusive_entry", file: memory, call: "folio_unlock")
        b.step(.rangeEnd(onlyEnd: false), in: "remove_device_exclusive_entry", file: memory, call: "mmu_notifier_invalidate_range_end")
        b.ret()
    }
}
