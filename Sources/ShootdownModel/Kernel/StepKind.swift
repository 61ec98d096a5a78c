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
    /// `tlb_flush_mmu_free`: drop the gathered pages' last references.
    case freeGatheredPages
}

/// The range a secondary-TLB notification covers.
public enum NotifyScope: String, Hashable, Sendable {
    /// The faulting page.
    case page
    /// The range the mmu_gather recorded.
    case gather
    /// The whole address space, `(0, ULONG_MAX)` as `flush_tlb_mm` passes.
    case wholeMM
}
