/// The mm operations a CPU thread can start directly, besides faults, `munmap` and the
/// scenario's own paths: each is a built-in step program (both eras) on one page, and for
/// `mremap` the page it moves to.
public enum KernelOperation: Int, CaseIterable, Sendable, Hashable {
    /// `mprotect(PROT_READ)`: a downgrade (``ProtectionProgram``).
    case mprotectReadOnly
    /// `mprotect(PROT_READ | PROT_WRITE)`: an upgrade (``ProtectionProgram``).
    case mprotectReadWrite
    /// Reclaim by kswapd: `try_to_unmap_one` with `TTU_BATCH_FLUSH`, the flush deferred to
    /// `try_to_unmap_flush` (``ReclaimProgram``).
    case reclaim
    /// Reclaim whose flush is not deferred (`arch_tlbbatch_should_defer` false, or direct
    /// reclaim without `TTU_BATCH_FLUSH`): `flush_tlb_range` under the PTL.
    case reclaimUnbatched
    /// Page migration: `try_to_migrate_one`, copy, `remove_migration_pte` (``MigrationProgram``).
    case migrate
    /// KSM merging the page with an identical stable page: `write_protect_page`, then
    /// `replace_page` (``KSMProgram``).
    case ksmMerge
    /// Writeback write-protection: `folio_mkclean` → `page_vma_mkclean_one` (``MkcleanProgram``).
    case mkclean
    /// `fork`, as seen by one page of the parent: `dup_mmap` → `copy_page_range`, then
    /// `flush_tlb_mm(oldmm)` (``ForkProgram``).
    case fork
    /// Splitting the PMD that maps the page as part of a transparent huge page (or the huge
    /// zero page): `__split_huge_pmd` (``SplitHugePMDProgram``).
    case splitHugePMD
    /// The process exits: `exit_mmap` (``ExitProgram``). Only when every other CPU thread of
    /// the process has finished.
    case exitMMAP
    /// The OOM reaper unmapping the page of a dying process (``OOMReapProgram``), with a
    /// non-blocking `range_start` that a sleeping subscriber refuses.
    case oomReap
    /// uprobes installing a breakpoint: `__replace_page` swaps the page for a new copy
    /// (``ReplacePageProgram``).
    case uprobeReplacePage
    /// `mprotect(PROT_NONE)`: no access at all (``ProtectionProgram``).
    case mprotectNone
    /// `mremap(MREMAP_MAYMOVE | MREMAP_FIXED)` of the page to the operation's target page: the
    /// entry moves, the old VMA is unmapped (``MremapProgram``).
    case mremap
    /// `mremap(… | MREMAP_DONTUNMAP)`: the entry moves, the old VMA stays, empty
    /// (``MremapProgram``).
    case mremapDontUnmap

    /// The entry function the program is named after.
    public var entry: String {
        switch self {
        case .mprotectReadOnly, .mprotectReadWrite, .mprotectNone: return "mprotect"
        case .reclaim, .reclaimUnbatched: return "try_to_unmap"
        case .migrate: return "migrate_pages"
        case .ksmMerge: return "try_to_merge_one_page"
        case .mkclean: return "folio_mkclean"
        case .fork: return "dup_mmap"
        case .splitHugePMD: return "__split_huge_pmd"
        case .exitMMAP: return "exit_mmap"
        case .oomReap: return "__oom_reap_task_mm"
        case .uprobeReplacePage: return "__replace_page"
        case .mremap, .mremapDontUnmap: return "mremap"
        }
    }

    /// Whether the operation moves the page to a second page, its target (`mremap`).
    public var movesPage: Bool { self == .mremap || self == .mremapDontUnmap }

    /// How a scenario writes the operation on page `page` (moving it to `target`, for mremap).
    public func spelled(page: String, target: String = "y") -> String {
        switch self {
        case .mprotectReadOnly: return "mprotect(\(page), ro)"
        case .mprotectReadWrite: return "mprotect(\(page), rw)"
        case .mprotectNone: return "mprotect(\(page), none)"
        case .reclaim: return "reclaim(\(page))"
        case .reclaimUnbatched: return "reclaim(\(page), nobatch)"
        case .migrate: return "migrate(\(page))"
        case .ksmMerge: return "ksm_merge(\(page))"
        case .mkclean: return "mkclean(\(page))"
        case .fork: return "fork(\(page))"
        case .splitHugePMD: return "split_huge_pmd(\(page))"
        case .exitMMAP: return "exit()"
        case .oomReap: return "oom_reap(\(page))"
        case .uprobeReplacePage: return "uprobe_replace(\(page))"
        case .mremap: return "mremap(\(page), \(target))"
        case .mremapDontUnmap: return "mremap(\(page), \(target), MREMAP_DONTUNMAP)"
        }
    }

    /// One line saying what the operation runs, for listings.
    public var summary: String {
        switch self {
        case .mprotectReadOnly: return "do_mprotect_pkey → change_protection write-protects the PTE and flushes (a downgrade)"
        case .mprotectReadWrite: return "do_mprotect_pkey → change_protection makes the PTE writable (an upgrade)"
        case .mprotectNone: return "do_mprotect_pkey → change_protection makes the VMA and its present PTEs PROT_NONE"
        case .reclaim: return "kswapd: try_to_unmap_one with TTU_BATCH_FLUSH, the flush deferred to try_to_unmap_flush"
        case .reclaimUnbatched: return "reclaim without deferral: try_to_unmap_one flushes (flush_tlb_range) under the PTL"
        case .migrate: return "migrate_pages: try_to_migrate_one, copy the page, remove_migration_pte"
        case .ksmMerge: return "try_to_merge_one_page: write_protect_page, then replace_page with an identical stable page"
        case .mkclean: return "folio_mkclean → page_vma_mkclean_one write-protects and cleans the PTE (writeback)"
        case .fork: return "dup_mmap → copy_page_range write-protects the parent's PTE and shares the frame, then flush_tlb_mm(oldmm)"
        case .splitHugePMD: return "__split_huge_pmd: invalidate the PMD, map the same pages with the same permissions through PTEs"
        case .exitMMAP: return "exit_mmap: mmu_notifier_release, unmap everything with a full-mm gather, free the pages"
        case .oomReap: return "__oom_reap_task_mm: range_start_nonblock (a subscriber may refuse: -EAGAIN, the page is skipped), zap, flush, free"
        case .uprobeReplacePage: return "__replace_page: clear and flush the PTE under the PTL, map a new copy read-only, put the old page"
        case .mremap:
            return "move_vma → move_ptes moves the entry to the new page under RS(UNMAP) of the old one, flushes the old page, unmaps the old VMA"
        case .mremapDontUnmap:
            return "move_vma → move_ptes as mremap(x, y), but the old VMA stays mapped and empty (MREMAP_DONTUNMAP)"
        }
    }

    /// Whether the operation holds the mmap lock for write (mprotect).
    var takesMmapWriteLock: Bool {
        self == .mprotectReadOnly || self == .mprotectReadWrite || self == .mprotectNone || self == .fork || movesPage
    }

    /// Whether the operation allocates a frame for the page (migration's destination, KSM's
    /// stable page).
    var allocates: Bool { self == .migrate || self == .ksmMerge || self == .uprobeReplacePage }

    /// Whether the operation may leave a swap or migration entry that a later fault reads back.
    var leavesSwapEntry: Bool { self == .reclaim || self == .reclaimUnbatched || self == .migrate }

    /// The step program for one architecture and era.
    func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        switch self {
        case .mprotectReadOnly: return ProtectionProgram.build(.readOnly, architecture: architecture, era: era)
        case .mprotectReadWrite: return ProtectionProgram.build(.readWrite, architecture: architecture, era: era)
        case .mprotectNone: return ProtectionProgram.build(.none, architecture: architecture, era: era)
        case .reclaim: return ReclaimProgram.build(batched: true, architecture: architecture, era: era)
        case .reclaimUnbatched: return ReclaimProgram.build(batched: false, architecture: architecture, era: era)
        case .migrate: return MigrationProgram.build(architecture: architecture, era: era)
        case .ksmMerge: return KSMProgram.build(architecture: architecture, era: era)
        case .mkclean: return MkcleanProgram.build(architecture: architecture, era: era)
        case .fork: return ForkProgram.build(architecture: architecture, era: era)
        case .splitHugePMD: return SplitHugePMDProgram.build(architecture: architecture, era: era)
        case .exitMMAP: return ExitProgram.build(architecture: architecture, era: era)
        case .oomReap: return OOMReapProgram.build(architecture: architecture, era: era)
        case .uprobeReplacePage: return ReplacePageProgram.build(architecture: architecture, era: era)
        case .mremap: return MremapProgram.build(dontUnmap: false, architecture: architecture, era: era)
        case .mremapDontUnmap: return MremapProgram.build(dontUnmap: true, architecture: architecture, era: era)
        }
    }
}
