/// Splitting the PMD that maps a transparent huge page (mm/huge_memory.c `__split_huge_pmd` →
/// `__split_huge_pmd_locked`): the PMD is invalidated and flushed under its lock and the same
/// pages are mapped again through PTEs with the same permissions. An anonymous THP goes
/// through `pmdp_invalidate`, the huge zero page through `pmdp_huge_clear_flush` (its PTEs map
/// the zero page); in the old era neither notified and `range_end` was `only_end` — the FIXME
/// comment's argument that a secondary TLB may keep the huge translation because it maps the
/// same pages with the same permissions. The new era's flushes notify (KERNEL-FACTS §2.9).
///
/// A page declared without a huge mapping stands for a PMD-mapped page at its own granularity;
/// a page of a `thp` mapping splits the whole mapping (``HugeMapping``).
enum SplitHugePMDProgram {
    static let file = "mm/huge_memory.c"

    /// The built-in operation `split_huge_pmd(x)`.
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        b.step(.rangeStart(.clear), in: "__split_huge_pmd", file: file, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "__split_huge_pmd", file: file, call: "pmd_lock")
        b.jump(to: "unlock", if: .pteNotPresent)
        b.jump(to: "unlock", if: .pteChangedSinceEntry)
        b.jump(to: "unlock", if: .pmdSplit)
        splitLocked(into: &b, prefix: "")
        b.label("unlock")
        end(&b)
        b.ret()
        return b.source
    }

    /// `split_huge_pmd` called from another operation on a page mapped huge (`zap_pmd_range`
    /// for a partial munmap, `migrate_vma_collect_pmd` on the huge zero page): the same steps,
    /// the PMD rechecked under its lock (`pmd_trans_huge`). Labels start with `prefix`.
    static func split(into b: inout ProgramBuilder, prefix: String) {
        b.step(.rangeStart(.clear), in: "__split_huge_pmd", file: file, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "__split_huge_pmd", file: file, call: "pmd_lock")
        b.jump(to: prefix + "split_unlock", if: .pmdSplit)
        splitLocked(into: &b, prefix: prefix)
        b.label(prefix + "split_unlock")
        end(&b)
    }

    /// `split_folio` of a PMD-mapped anonymous THP (`migrate_vma_collect_pmd`, mm/migrate_device.c):
    /// `unmap_folio` → `try_to_migrate` with `TTU_SPLIT_HUGE_PMD` splits the PMD frozen under
    /// `RS(CLEAR)` over the folio and the PMD lock (`pmdp_invalidate`, the PTEs left as
    /// migration entries, on which faults wait as they do on the invalid PMD), then after the
    /// folio is split `remove_migration_ptes` maps each subpage again under the PTL. The
    /// caller holds the folio lock.
    static func splitFolio(into b: inout ProgramBuilder) {
        let rmap = "mm/rmap.c"
        b.step(.rangeStart(.clear), in: "try_to_migrate_one", file: rmap, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "try_to_migrate_one", file: rmap, call: "page_vma_mapped_walk: pmd_lock")
        b.step(.invalidatePMD, in: "__split_huge_pmd_locked", file: file, call: "pmdp_invalidate (freeze)")
        b.flush(.flushHugeRange, scope: .hugeRange, in: "pmdp_invalidate", file: "mm/pgtable-generic.c", call: "flush_pmd_tlb_range")
        b.step(.unlockPTL, in: "try_to_migrate_one", file: rmap, call: "page_vma_mapped_walk_done")
        b.step(.rangeEnd(onlyEnd: false), in: "try_to_migrate_one", file: rmap, call: "mmu_notifier_invalidate_range_end")
        b.step(.lockPTL, in: "remove_migration_pte", file: "mm/migrate.c", call: "page_vma_mapped_walk")
        b.step(.mapSubpages, in: "remove_migration_pte", file: "mm/migrate.c", call: "set_pte_at(each subpage)")
        b.step(.unlockPTL, in: "remove_migration_pte", file: "mm/migrate.c", call: "page_vma_mapped_walk_done")
    }

    /// `__split_huge_pmd_locked` under the PMD lock: invalidate, flush, map the subpages.
    private static func splitLocked(into b: inout ProgramBuilder, prefix: String) {
        b.jump(to: prefix + "split_zero", if: .pteMapsZeroPage)
        b.step(.invalidatePMD, in: "__split_huge_pmd_locked", file: file, call: "pmdp_invalidate")
        b.flush(.flushHugeRange, scope: .hugeRange, in: "pmdp_invalidate", file: "mm/pgtable-generic.c", call: "flush_pmd_tlb_range")
        b.step(.mapSubpages, in: "__split_huge_pmd_locked", file: file, call: "set_ptes(same pages, same permissions)")
        b.jump(to: prefix + "split_done", if: .always)
        b.label(prefix + "split_zero")
        b.step(.invalidatePMD, in: "__split_huge_zero_page_pmd", file: file, call: "pmdp_huge_clear_flush: clear")
        b.flush(.flushHugeRange, scope: .hugeRange, in: "pmdp_huge_clear_flush", file: "mm/pgtable-generic.c", call: "flush_pmd_tlb_range")
        b.step(.mapSubpages, in: "__split_huge_zero_page_pmd", file: file, call: "set_pte_at(zero page)")
        b.label(prefix + "split_done")
    }

    /// Unlock and `range_end`.
    private static func end(_ b: inout ProgramBuilder) {
        let old = b.era == .invalidateRange
        b.step(.unlockPTL, in: "__split_huge_pmd", file: file, call: "spin_unlock")
        b.step(.rangeEnd(onlyEnd: old), in: "__split_huge_pmd", file: file,
               call: old ? "mmu_notifier_invalidate_range_only_end" : "mmu_notifier_invalidate_range_end")
    }
}
