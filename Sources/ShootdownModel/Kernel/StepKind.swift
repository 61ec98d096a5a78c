/// What one atomic micro-step of a kernel program does to the machine. A step is atomic;
/// hardware (IOMMU walks, device TLB fills) and other threads may run between any two.
public enum StepKind: Hashable, Sendable {
    /// Take the page-table lock (PTL). Enabled only while it is free.
    case lockPTL
    /// Drop the page-table lock.
    case unlockPTL
    /// `ptep_set_access_flags`: make the PTE dirty (and writable when `makeWritable`), recording
    /// in the thread whether the entry changed.
    case setAccessFlags(makeWritable: Bool)
    /// A CPU TLB invalidation of the faulting page on every CPU (`flush_tlb_page`). An SMMU with
    /// BTM snoops it.
    case flushTLBPage
    /// `ptep_clear_flush`: clear the PTE, then invalidate the page on every CPU.
    case clearFlush
    /// The mmu_gather flush (`tlb_flush` → `flush_tlb_range`) over the gathered range.
    case flushGatherRange
    /// The secondary-TLB notification: every secondary-TLB subscriber's `invalidate_range` (old
    /// era) or `arch_invalidate_secondary_tlbs` (new era) over the scope.
    case notifySecondary(NotifyScope)
    /// `mmu_notifier_invalidate_range_start` with the event and, for `migrate_vma` and
    /// `make_device_exclusive`, the range's `owner` (`mmu_notifier_range_init_owner`).
    case rangeStart(NotifierEvent, owner: RangeOwner = .none)
    /// `mmu_notifier_invalidate_range_start_nonblock`: a subscriber that would have to sleep
    /// returns `-EAGAIN` instead; the core unwinds what it started and the caller must skip
    /// the range without calling `range_end`.
    case rangeStartNonblock(NotifierEvent)
    /// `mmu_notifier_invalidate_range_end`, or `..._only_end` when `onlyEnd`. In the old era
    /// the plain form also calls every subscriber's `invalidate_range`.
    case rangeEnd(onlyEnd: Bool)
    /// Allocate a zeroed frame for the faulting page (`alloc_anon_folio`).
    case allocZeroed
    /// Allocate a frame and copy the current page into it (`__wp_page_copy_user`).
    case allocCopy
    /// Drop the newly allocated frame after losing a race (`folio_put(new_folio)`).
    case freeNewPage
    /// Point the PTE at the newly allocated frame (`set_pte_at`), writable and dirty on a write
    /// fault.
    case installNewPage
    /// Point the PTE at the shared zero page, read-only (`do_anonymous_page`, read fault).
    case installZeroPage
    /// Point the PTE at the page-cache page of a private file mapping, read-only
    /// (`finish_fault` after `do_read_fault`).
    case installPageCachePage
    /// munmap's VMA removal under the mmap write lock, downgraded to read for the zap
    /// (`do_vmi_align_munmap`).
    case detachVMA
    /// `zap_pte_range`: `ptep_get_and_clear_full`, `tlb_remove_tlb_entry`, and queueing the
    /// page in the gather batch (`__tlb_remove_folio_pages`).
    case zapPTE
    /// `tlb_flush_mmu_free`: drop the gathered pages' last references; also the last
    /// `folio_put` of a page an rmap operation took off the page table (reclaim, migration,
    /// KSM), which the model keeps in the same slot.
    case freeGatheredPages
    /// `mmap_write_lock`: enabled while no fault or syscall holds the mmap lock.
    case mmapWriteLock
    /// `mmap_write_unlock`.
    case mmapWriteUnlock
    /// `mprotect_fixup` → `vm_flags_reset`: the VMA's access from now on.
    case setVMAProtection(VMAProtection)
    /// `change_pte_range`: `modify_prot_start_ptes` / `modify_prot_commit_ptes` with the new
    /// protection; an upgrade (`MM_CP_TRY_CHANGE_WRITABLE`) makes the PTE writable only for an
    /// exclusive anonymous page; PROT_NONE makes a present PTE a PROT_NONE entry and back. A
    /// writable device-private or device-exclusive entry becomes readable on a downgrade. The
    /// range joins the gather when `pte_needs_flush` says so.
    case modifyProtection(VMAProtection)
    /// `flush_tlb_range` over the page (CPU TLBs of every CPU).
    case flushTLBRange
    /// `ptep_get_and_clear`: clear the PTE without a flush, keeping the page for the caller.
    case getAndClear
    /// `arch_tlbbatch_add_pending`: the CPU flush is deferred to the batch.
    case addPendingBatch
    /// `arch_tlbbatch_flush` (from `try_to_unmap_flush`): the deferred CPU flush, no notify.
    case batchFlush
    /// `set_pte_at` of a swap entry for the page's contents (`try_to_unmap_one`).
    case installSwapEntry
    /// `set_pte_at` of a migration entry keeping the PTE's write permission (`try_to_migrate_one`).
    case installMigrationEntry
    /// `set_pte_at` of the new frame in place of the migration entry, with its permission
    /// (`remove_migration_pte`).
    case removeMigrationEntry
    /// `set_pte_at` of the entry read at the start, write-protected and clean
    /// (`write_protect_page`, `page_vma_mkclean_one`).
    case setWrprotectedClean
    /// `set_pte_at` of the newly allocated frame read-only: KSM's stable page (`replace_page`).
    case installReadOnlyNewPage
    /// `migration_entry_wait` (or the PMD lock of a split in progress): sleep until the entry is
    /// replaced, then retry.
    case migrationEntryWait
    /// `copy_present_pte`: write-protect the parent's PTE (`ptep_set_wrprotect`, no flush) and
    /// map the same frame in the child, which now shares it copy-on-write.
    case forkWrprotect
    /// `flush_tlb_mm`: invalidate every CPU's entries for the whole address space.
    case flushTLBMM
    /// Write back the entry read at the start (`__split_huge_pmd_locked` mapping the same
    /// frame with the same permissions through PTEs).
    case restoreOrigPTE
    /// `pmdp_invalidate` (or `pmdp_huge_clear_flush` for the huge zero page): make the PMD
    /// invalid for hardware while faults wait for the split; every page of a huge mapping at
    /// once. The entry it invalidates is kept as the thread's `orig`.
    case invalidatePMD
    /// `__split_huge_pmd_locked` populating the PTE table (`pmd_populate` of PTEs for each
    /// subpage, with the huge entry's permissions; the zero page for the huge zero page), or
    /// `remove_migration_ptes` after `split_folio`: the pages are no longer mapped huge.
    case mapSubpages
    /// `flush_pmd_tlb_range` / `flush_hugetlb_tlb_range`: a CPU TLB flush of every page the huge
    /// entry maps.
    case flushHugeRange
    /// `migrate_vma_collect_skip`: the range is not collected (`folio_trylock` of the THP to
    /// split failed).
    case collectSkip
    /// `mmap_read_lock` / `mmap_read_unlock` taken by a mirror device's fault path.
    case mmapReadLock
    case mmapReadUnlock
    /// `mmu_interval_read_begin`: sleep while an invalidation of the interval is in progress,
    /// then take the sequence snapshot.
    case intervalReadBegin
    /// KVM's `mmu_seq = kvm->mmu_invalidate_seq` snapshot before resolving the page.
    case kvmSnapshotSeq
    /// The mirror's walk of the CPU page table without the PTL (`hmm_vma_handle_pte`, GUP's
    /// `follow_page_pte`): records the frame and permission, or that a fault is needed.
    case mirrorWalk
    /// `handle_mm_fault` from a mirror's walk (`hmm_vma_fault`, GUP's `faultin_page`).
    case enterNestedFault
    /// The subscriber's own lock: dmirror's mutex, KVM's `mmu_lock`.
    case mirrorLock
    case mirrorUnlock
    /// Install the walked translation in the mirror table (`dmirror_do_fault`, the sPTE).
    case mirrorInstall
    /// The mirror's fault returns an error to the device (`-EFAULT`, `-EPERM`): its access
    /// fails, or a dmirror command returns the error.
    case mirrorFailAccess
    /// `mmu_notifier_release` (first thing in `exit_mmap`): interval subscribers are invalidated
    /// over the whole address space, every hlist subscriber's `release` runs and the
    /// subscriptions are unhashed, so later notifications reach none of them.
    case notifierRelease
    /// `unmap_vmas` over the whole address space: clear every PTE, queue every page.
    case zapAll
    /// `tlb_finish_mmu`'s free of every queued page.
    case freeAllGathered
    /// arm64 `huge_ptep_set_access_flags` on a contiguous mapping, break-before-make: clear every
    /// entry of the group (`get_clear_contig`).
    case contigBreak
    /// `__flush_hugetlb_tlb_range(addr, addr + pgsize * ncontig)`: flush the whole group.
    case flushContigRange
    /// Write every entry of the group back, dirty (and writable when the fault reuses the page).
    case contigMake
    /// uprobes' `__replace_page`: map the newly allocated frame read-only in place of the old
    /// one (`set_pte_at(new page)`), keeping the old frame for the caller to put.
    case replaceWithNewPage
    /// `trylock_page` / `folio_trylock`: take the page lock if it is free.
    case trylockPage
    /// `folio_lock`: sleep until the page lock is free, then take it.
    case lockPage
    /// `folio_unlock`.
    case unlockPage
    /// `migrate_device_pfn_lock` for an eviction: if the page is in the calling device's
    /// memory and its lock is free, take the lock (and a reference).
    case lockDevicePage
    /// `do_swap_page` lost `trylock_page` on a device-private page: the fault returns and the
    /// access faults again once the lock is free (the model sleeps until then).
    case waitPageUnlocked
    /// `migrate_vma_collect_pmd` (or `try_to_migrate_one` for an eviction), under the PTL: a
    /// page it may migrate is locked, its PTE replaced by a migration entry and its frame kept
    /// (a present page's CPU TLB entries are flushed by the step that follows); a none or
    /// zero-page PTE is collected as a hole (`MIGRATE_VMA_SELECT_SYSTEM` only).
    case migrateCollect(MigrateSource)
    /// `dmirror_migrate_alloc_and_copy`: allocate a device page (a frame standing for its
    /// backing page) and copy the source into it, or clear it for a hole.
    case devmemAllocCopy
    /// `migrate_vma_insert_page`: `set_pte_at` of a device-private entry where there was none
    /// (writable iff `VM_WRITE`).
    case insertDevicePrivate
    /// `remove_migration_pte` with a device destination: the migration entry becomes a
    /// device-private entry of the same write permission.
    case finalizeToDevice
    /// `dmirror_devmem_fault_alloc_and_copy` (or `dmirror_device_evict_chunk`): allocate a
    /// system page and copy the device page into it; the former also erases the owner's mirror
    /// entry (`xa_erase`, without the device mutex) when `erasesMirror`.
    case devmemCopyToSystem(erasesMirror: Bool)
    /// `folio_put` of the device page once its mappings are migrated back:
    /// `dmirror_devmem_free` frees the backing frame.
    case freeDevicePage
    /// `make_device_exclusive`: `ptep_clear_flush`, then `set_pte_at` of a device-exclusive
    /// entry (the CPU flush; the new era's secondary-TLB notification is the next step).
    case convertToDeviceExclusive
    /// `restore_exclusive_pte`: the device-exclusive entry becomes a present PTE again.
    case restoreExclusive
    /// `mutex_lock`, `dmirror_do_read` (or `dmirror_do_write`), `mutex_unlock`: copy through
    /// the device's entry, or find it missing (for a write: missing or not WRITE-tagged).
    case dmirrorAccess(write: Bool)
    /// The read-back at the end of `MIGRATE_TO_DEV` and `EXCLUSIVE`: `dmirror_do_read` under
    /// the mutex gives the value, or `-ENOENT`.
    case dmirrorReadback
    /// `dmirror_migrate_finalize_and_map`: under the mutex, map the device page's backing
    /// frame, WRITE-tagged iff the destination is writable.
    case dmirrorMapMigrated
    /// `dmirror_atomic_map`: under the mutex, map the page with the ATOMIC tag.
    case dmirrorMapAtomic
    /// `dmirror_check_atomic`: `-EPERM` if the entry is ATOMIC-tagged, else 0.
    case dmirrorCheckAtomic
    /// The command returns `code` (0 or a negative errno).
    case dmirrorResult(Int)
    /// `mmu_interval_notifier_insert` of the snapshot's temporary notifier over the page.
    case intervalInsert
    /// `mmu_interval_notifier_remove`: sleeps while an invalidation is in progress.
    case intervalRemove
    /// `hmm_range_fault` without `HMM_PFN_REQ_FAULT` over the page, and `dmirror_mkentry`: the
    /// permission byte, computed from the VMA and the PTE.
    case snapshotWalk
    /// `copy_vma` (mremap's `copy_vma_and_data`): a VMA at the target page with the flags of the
    /// page's VMA (readable, writable or PROT_NONE).
    case copyVMA
    /// `move_ptes`: `get_and_clear_full_ptes` at the old address. The entry, whatever it is
    /// (present, swap, migration, device-private, …), is taken off the page and kept in the
    /// thread's `orig`; `changed` records whether it was present (`force_flush`).
    case takeMovedPTE
    /// `move_ptes`: `set_ptes` at the new address of the entry ``takeMovedPTE`` took, unchanged.
    case setMovedPTE
    /// `unmap_source_vma` → `do_vmi_munmap` of the old range once its entries have moved: the
    /// page's VMA is removed.
    case unmapSourceVMA
}

/// Whose device a notifier range names as its `owner` (`mmu_notifier_range_init_owner`), for
/// subscribers that skip their own migrations.
public enum RangeOwner: String, Hashable, Sendable, CaseIterable {
    /// No owner (`NULL`).
    case none
    /// The dmirror device of the thread running the step (`args.pgmap_owner = dmirror->mdevice`).
    case caller
    /// The device that owns the device-private page the fault found (`dmirror_devmem_fault`).
    case faultedPage
}

/// What `migrate_vma_collect` selects, or an eviction's `try_to_migrate`.
public enum MigrateSource: String, Hashable, Sendable, CaseIterable {
    /// `MIGRATE_VMA_SELECT_SYSTEM`: a present system page, the zero page or a none PTE.
    case system
    /// `MIGRATE_VMA_SELECT_DEVICE_PRIVATE` with `pgmap_owner` the calling device.
    case callerDevice
    /// `MIGRATE_VMA_SELECT_DEVICE_PRIVATE` with the owner of the page the fault found
    /// (`migrate_to_ram`, whose fault page is already locked).
    case faultedPageDevice
    /// `migrate_device_range` → `try_to_migrate` of the calling device's page.
    case eviction
}

/// The range a secondary-TLB notification covers.
public enum NotifyScope: String, Hashable, Sendable, CaseIterable {
    /// The faulting page.
    case page
    /// The range the mmu_gather recorded.
    case gather
    /// The whole address space, `(0, ULONG_MAX)` as `flush_tlb_mm` passes.
    case wholeMM
    /// The faulting page's contiguous hugetlb group, `[addr, addr + pgsize * ncontig)`.
    case contigRange
    /// `[addr, addr + (pgsize + ncontig))`, the range the posted arm64 v2 patch passed: the
    /// first page and a few bytes of the next.
    case contigSlip
    /// The pages the huge entry mapping the page covers (`HPAGE_PMD_SIZE`, or the hugetlb page
    /// size); the page alone when no huge entry maps it.
    case hugeRange
}

extension StepKind {
    /// Whether the step writes the PTE of the thread's page.
    var writesPTE: Bool {
        switch self {
        case .setAccessFlags, .clearFlush, .installNewPage, .installZeroPage, .installPageCachePage, .zapPTE, .modifyProtection, .getAndClear,
             .installSwapEntry, .installMigrationEntry, .removeMigrationEntry, .setWrprotectedClean, .installReadOnlyNewPage,
             .forkWrprotect, .restoreOrigPTE, .invalidatePMD, .mapSubpages, .zapAll, .contigBreak, .contigMake, .replaceWithNewPage,
             .migrateCollect, .insertDevicePrivate, .finalizeToDevice, .convertToDeviceExclusive, .restoreExclusive,
             .takeMovedPTE:
            return true
        default:
            return false
        }
    }
}
