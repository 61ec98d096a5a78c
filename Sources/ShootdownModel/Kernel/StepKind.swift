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
    /// `mmu_notifier_invalidate_range_start` with the event.
    case rangeStart(NotifierEvent)
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
    /// `mprotect_fixup` → `vm_flags_reset`: the VMA allows writes or not from now on.
    case setVMAWritable(Bool)
    /// `change_pte_range`: `modify_prot_start_ptes` / `modify_prot_commit_ptes` with the new
    /// protection; an upgrade (`MM_CP_TRY_CHANGE_WRITABLE`) makes the PTE writable only for an
    /// exclusive anonymous page. The range joins the gather when `pte_needs_flush` says so.
    case modifyProtection(writable: Bool)
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
    /// `pmdp_invalidate`: make the PMD invalid for hardware while faults wait for the split.
    case invalidatePMD
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
    /// The mirror's fault returns an error to the device (`-EFAULT`): its access fails.
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
}

extension StepKind {
    /// Whether the step writes the PTE of the thread's page.
    var writesPTE: Bool {
        switch self {
        case .setAccessFlags, .clearFlush, .installNewPage, .installZeroPage, .zapPTE, .modifyProtection, .getAndClear,
             .installSwapEntry, .installMigrationEntry, .removeMigrationEntry, .setWrprotectedClean, .installReadOnlyNewPage,
             .forkWrprotect, .restoreOrigPTE, .invalidatePMD, .zapAll, .contigBreak, .contigMake, .replaceWithNewPage:
            return true
        default:
            return false
        }
    }
}
