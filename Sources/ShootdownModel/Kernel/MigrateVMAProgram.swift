/// `migrate_vma` (mm/migrate_device.c) for one page, as the dmirror device and its
/// `migrate_to_ram` callback use it (KERNEL-FACTS §2.6).
///
/// To device memory: `migrate_vma_setup` collects the page under `RS(MIGRATE, owner)` and the
/// PTL (a present page becomes a migration entry, its CPU TLB entries flushed by
/// `flush_tlb_range`, which notifies secondary TLBs in the new era; a none or zero-page PTE is
/// a hole), the driver allocates a device page and copies, `migrate_vma_pages` inserts a
/// device-private entry into a hole under its own `RS(MIGRATE, owner)` (clearing the zero
/// page with `ptep_clear_flush`, `_notify` in the old era, whose `range_end` is `only_end`),
/// the driver maps the device page in its own table, and `migrate_vma_finalize` replaces the
/// migration entry with a device-private entry and frees the source page.
///
/// Back to system memory: the same collection with `MIGRATE_VMA_SELECT_DEVICE_PRIVATE` (or an
/// eviction's `try_to_migrate` under `RS(CLEAR)`), a copy into a new system page, then
/// `remove_migration_pte` maps it and the device page is freed.
enum MigrateVMAProgram {
    static let file = "mm/migrate_device.c"

    /// `dmirror_migrate_to_device` (lib/test_hmm.c) for one page, up to the read-back.
    static func toDevice(into b: inout ProgramBuilder, readback: String) {
        let hmm = "lib/test_hmm.c"
        b.step(.rangeStart(.migrate, owner: .caller), in: "migrate_vma_collect", file: file,
               call: "mmu_notifier_invalidate_range_start(MIGRATE, owner = dmirror->mdevice)")
        b.step(.lockPTL, in: "migrate_vma_collect_pmd", file: file, call: "pte_offset_map_lock")
        collectHugePMD(into: &b, collect: "collect_pte", end: "collect_end")
        b.label("collect_pte")
        b.step(.migrateCollect(.system), in: "migrate_vma_collect_pmd", file: file,
               call: "folio_trylock, ptep_get_and_clear, set_pte_at(migration entry)")
        b.flush(.flushTLBRange, scope: .page, in: "migrate_vma_collect_pmd", file: file, call: "flush_tlb_range",
                when: .collectedPresent)
        b.step(.unlockPTL, in: "migrate_vma_collect_pmd", file: file, call: "pte_unmap_unlock")
        b.label("collect_end")
        b.step(.rangeEnd(onlyEnd: false), in: "migrate_vma_collect", file: file, call: "mmu_notifier_invalidate_range_end")
        b.jump(to: readback, if: .notCollected)
        b.step(.devmemAllocCopy, in: "dmirror_migrate_alloc_and_copy", file: hmm,
               call: "dmirror_devmem_alloc_page, copy_highpage / clear_highpage")
        // __migrate_device_pages refuses a source folio with a mapping (a page-cache page).
        if b.fileBacked { b.jump(to: "restore", if: .collectedPageCache) }
        b.jump(to: "insert", if: .collectedHole)
        b.label("map")
        b.step(.dmirrorMapMigrated, in: "dmirror_migrate_finalize_and_map", file: hmm,
               call: "mutex_lock, xa_store(BACKING_PAGE(dpage)), mutex_unlock")
        b.jump(to: "unlock", if: .collectedHole)
        b.removeMigrationPTE(.finalizeToDevice, call: "set_pte_at(device-private entry)")
        b.step(.freeGatheredPages, in: "__migrate_device_finalize", file: file, call: "folio_put(src)")
        b.label("unlock")
        b.step(.unlockPage, in: "__migrate_device_finalize", file: file, call: "folio_unlock")
        b.jump(to: readback, if: .always)

        // A page-cache page that __migrate_device_pages would not migrate: dmirror maps nothing,
        // and __migrate_device_finalize drops the device page and restores the old PTE.
        if b.fileBacked {
            b.label("restore")
            b.step(.freeNewPage, in: "__migrate_device_finalize", file: file, call: "folio_put(dst)")
            b.removeMigrationPTE(.restoreOrigPTE, call: "remove_migration_ptes(src, src)")
            b.jump(to: "unlock", if: .always)
        }

        // A hole: __migrate_device_pages → migrate_vma_insert_page.
        b.label("insert")
        b.step(.rangeStart(.migrate, owner: .caller), in: "__migrate_device_pages", file: file,
               call: "mmu_notifier_invalidate_range_start(MIGRATE, owner)")
        b.step(.lockPTL, in: "migrate_vma_insert_page", file: file, call: "pte_offset_map_lock")
        b.jump(to: "insert_abort", if: .insertBlocked)
        b.jump(to: "insert_zero", if: .pteMapsZeroPage)
        b.label("insert_set")
        b.step(.insertDevicePrivate, in: "migrate_vma_insert_page", file: file, call: "set_pte_at(device-private entry)")
        b.step(.unlockPTL, in: "migrate_vma_insert_page", file: file, call: "pte_unmap_unlock")
        insertRangeEnd(into: &b)
        b.jump(to: "map", if: .always)
        b.label("insert_zero")
        b.flush(.clearFlush, scope: .page, in: "migrate_vma_insert_page", file: file,
                call: b.era == .invalidateRange ? "ptep_clear_flush_notify" : "ptep_clear_flush")
        b.oldEraNotify(.page, in: "migrate_vma_insert_page", file: file, call: "ptep_clear_flush_notify: mmu_notifier_invalidate_range")
        b.jump(to: "insert_set", if: .always)
        b.label("insert_abort")
        b.step(.unlockPTL, in: "migrate_vma_insert_page", file: file, call: "pte_unmap_unlock (abort)")
        insertRangeEnd(into: &b)
        b.step(.freeNewPage, in: "__migrate_device_finalize", file: file, call: "folio_put(dst)")
        b.jump(to: "unlock", if: .always)
    }

    /// `migrate_vma_collect_pmd` on a page a huge PMD maps (the stored mm/migrate_device.c, which
    /// migrates no THP whole): the huge zero page's PMD is split (`split_huge_pmd`); an
    /// anonymous THP is locked with `folio_trylock` (failing that, the range is skipped) and
    /// split (`split_folio`), then unlocked; the walk then collects the page from its PTE.
    /// Kernels with THP migration of device-private pages (`migrate_vma_collect_huge_pmd`)
    /// collect the THP whole instead.
    ///
    /// Emitted right after the walk takes the PTL; every jump goes forward, to `collect` (the
    /// PTE walk, PTL held) or `end` (the collection's `range_end`, PTL dropped).
    static func collectHugePMD(into b: inout ProgramBuilder, collect: String, end: String) {
        b.jump(to: "collect_huge_pmd", if: .mappedByHugeEntry)
        b.jump(to: collect, if: .always)
        b.label("collect_huge_pmd")
        b.step(.unlockPTL, in: "migrate_vma_collect_pmd", file: file, call: "spin_unlock (pmd_trans_huge)")
        b.jump(to: "collect_huge_zero", if: .pteMapsZeroPage)
        b.step(.trylockPage, in: "migrate_vma_collect_pmd", file: file, call: "folio_get, folio_trylock")
        b.jump(to: "collect_huge_skip", if: .pageLockedByOther)
        SplitHugePMDProgram.splitFolio(into: &b)
        b.step(.unlockPage, in: "migrate_vma_collect_pmd", file: file, call: "folio_unlock, folio_put")
        b.step(.lockPTL, in: "migrate_vma_collect_pmd", file: file, call: "pte_offset_map_lock")
        b.jump(to: collect, if: .always)
        b.label("collect_huge_zero")
        SplitHugePMDProgram.split(into: &b, prefix: "collect_")
        b.step(.lockPTL, in: "migrate_vma_collect_pmd", file: file, call: "pte_offset_map_lock")
        b.jump(to: collect, if: .always)
        b.label("collect_huge_skip")
        b.step(.collectSkip, in: "migrate_vma_collect_pmd", file: file, call: "migrate_vma_collect_skip")
        b.jump(to: end, if: .always)
    }

    /// The insert's `range_end`: `only_end` in the old era, whose set_pte_at went through the
    /// `_notify` helpers.
    private static func insertRangeEnd(into b: inout ProgramBuilder) {
        let old = b.era == .invalidateRange
        b.step(.rangeEnd(onlyEnd: old), in: "__migrate_device_pages", file: file,
               call: old ? "mmu_notifier_invalidate_range_only_end" : "mmu_notifier_invalidate_range_end")
    }

    /// A device page back to system memory: collection under `RS(event, owner)` and the PTL,
    /// the copy, `remove_migration_pte`, the device page's release. Jumps to `notCollected`
    /// when there was nothing to migrate; the caller unlocks the page after.
    static func toSystem(into b: inout ProgramBuilder, source: MigrateSource, notCollected: String) {
        let hmm = "lib/test_hmm.c", eviction = source == .eviction
        // An eviction unmaps with try_to_migrate (mm/rmap.c) under RS(CLEAR); migrate_vma
        // collects under RS(MIGRATE) owned by the page's device.
        let (function, walk, origin) = eviction ? ("try_to_migrate_one", "try_to_migrate_one", "mm/rmap.c")
            : ("migrate_vma_collect", "migrate_vma_collect_pmd", Self.file)
        let start: StepKind = eviction ? .rangeStart(.clear)
            : .rangeStart(.migrate, owner: source == .callerDevice ? .caller : .faultedPage)
        b.step(start, in: function, file: origin,
               call: eviction ? "mmu_notifier_invalidate_range_start(CLEAR)"
                   : "mmu_notifier_invalidate_range_start(MIGRATE, owner = the page's device)")
        b.step(.lockPTL, in: walk, file: origin, call: eviction ? "page_vma_mapped_walk" : "pte_offset_map_lock")
        // MIGRATE_TO_SYS walks the range as MIGRATE_TO_DEV does, splitting a huge PMD.
        let walksHuge = source == .callerDevice
        if walksHuge {
            collectHugePMD(into: &b, collect: "collect_pte", end: "collect_end")
            b.label("collect_pte")
        }
        b.step(.migrateCollect(source), in: walk, file: origin,
               call: eviction ? "pte_clear, set_pte_at(migration entry)" : "folio_trylock, ptep_get_and_clear, set_pte_at(migration entry)")
        b.step(.unlockPTL, in: walk, file: origin, call: eviction ? "page_vma_mapped_walk_done" : "pte_unmap_unlock")
        if walksHuge { b.label("collect_end") }
        b.step(.rangeEnd(onlyEnd: false), in: function, file: origin, call: "mmu_notifier_invalidate_range_end")
        b.jump(to: notCollected, if: .notCollected)
        if eviction {
            b.step(.devmemCopyToSystem(erasesMirror: false), in: "dmirror_device_evict_chunk", file: hmm,
                   call: "alloc_page, copy_highpage")
        } else {
            b.step(.devmemCopyToSystem(erasesMirror: true), in: "dmirror_devmem_fault_alloc_and_copy", file: hmm,
                   call: "alloc_page_vma, xa_erase(&dmirror->pt), copy_highpage")
        }
        b.removeMigrationPTE()
        b.step(.freeDevicePage, in: "__migrate_device_finalize", file: file, call: "folio_put(src): dmirror_devmem_free")
    }

    /// `do_swap_page` on a device-private entry (mm/memory.c): lock the page, then the owner's
    /// `migrate_to_ram` (`dmirror_devmem_fault`, lib/test_hmm.c) migrates it back; if another
    /// thread holds the lock the fault returns and the access faults again.
    static func migrateToRAM(into b: inout ProgramBuilder) {
        let memory = "mm/memory.c"
        b.step(.lockPTL, in: "do_swap_page", file: memory, call: "pte_offset_map_lock")
        b.jump(to: "dp_changed", if: .pteChangedSinceEntry)
        b.step(.trylockPage, in: "do_swap_page", file: memory, call: "trylock_page")
        b.jump(to: "dp_locked", if: .pageLockedByOther)
        b.step(.unlockPTL, in: "do_swap_page", file: memory, call: "pte_unmap_unlock")
        toSystem(into: &b, source: .faultedPageDevice, notCollected: "dp_unlock")
        b.label("dp_unlock")
        b.step(.unlockPage, in: "do_swap_page", file: memory, call: "unlock_page")
        b.ret()
        b.label("dp_locked")
        b.step(.unlockPTL, in: "do_swap_page", file: memory, call: "pte_unmap_unlock (page locked)")
        b.step(.waitPageUnlocked, in: "do_swap_page", file: memory, call: "trylock_page failed: retry once unlocked")
        b.ret()
        b.label("dp_changed")
        b.step(.unlockPTL, in: "do_swap_page", file: memory, call: "pte_unmap_unlock (pte changed)")
        b.ret()
    }
}
