/// How a scenario names a branch condition in a path (`if CONDITION goto LABEL;`). The spellings
/// are stable: `shootdown explain --as-path` prints them and scenarios keep them.
extension BranchCondition: SpelledCase {
    /// The condition's snake_case name, e.g. `pte_changed` for ``pteChangedSinceEntry``.
    public var spelling: String {
        switch self {
        case .origNone: return "orig_none"
        case .pteChangedSinceEntry: return "pte_changed"
        case .pteNotNone: return "pte_not_none"
        case .vmaNotAnonymous: return "vma_not_anonymous"
        case .collectedPageCache: return "collected_page_cache"
        case .writeToReadOnlyPTE: return "write_to_readonly_pte"
        case .frameNotExclusive: return "frame_not_exclusive"
        case .notChanged: return "not_changed"
        case .readFault: return "read_fault"
        case .origSwap: return "orig_swap"
        case .origMigration: return "orig_migration"
        case .origSplitting: return "orig_splitting"
        case .notMappingOrigFrame: return "not_mapping_orig_frame"
        case .pteCleanReadOnly: return "pte_clean_readonly"
        case .pteMapsZeroPage: return "pte_maps_zero_page"
        case .pteNotPresent: return "pte_not_present"
        case .always: return "always"
        case .contiguousHugePage: return "contiguous_huge_page"
        case .mappedByHugeEntry: return "mapped_by_huge_entry"
        case .hugetlbPage: return "hugetlb_page"
        case .pmdSplit: return "pmd_split"
        case .rangeStartFailed: return "range_start_failed"
        case .snapshotStale: return "snapshot_stale"
        case .walkNeedsFault: return "walk_needs_fault"
        case .walkFailed: return "walk_failed"
        case .kvmMustRetry: return "kvm_must_retry"
        case .origDevicePrivate: return "orig_device_private"
        case .origDeviceExclusive: return "orig_device_exclusive"
        case .pageLockedByOther: return "page_locked_by_other"
        case .notCollected: return "not_collected"
        case .collectedHole: return "collected_hole"
        case .insertBlocked: return "insert_blocked"
        case .vmaNotReadable: return "vma_not_readable"
        case .notMappingWalkedPageWritable: return "not_mapping_walked_page_writable"
        case .notMappingWalkedPage: return "not_mapping_walked_page"
        case .commandFinished: return "command_finished"
        case .vmaMissing: return "vma_missing"
        }
    }
}

/// How a scenario names a step's guard in a path (`… when CONDITION;`).
extension StepCondition: SpelledCase {
    /// The condition's snake_case name: `changed`, `write_fault`, `gathered`, `batch_pending`.
    public var spelling: String {
        switch self {
        case .changed: return "changed"
        case .writeFault: return "write_fault"
        case .gathered: return "gathered"
        case .batchPending: return "batch_pending"
        case .collectedPresent: return "collected_present"
        }
    }
}
