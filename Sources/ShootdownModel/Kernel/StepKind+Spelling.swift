/// How a scenario names a step kind in a path's raw step (`step KIND "CALL"`): a snake_case
/// name, with the associated value in parentheses where the kind has one, e.g. `lock_ptl`,
/// `notify_secondary(page)`, `range_start(CLEAR)`, `set_vma_protection(ro)`. The spellings are
/// stable: `shootdown explain --as-path` prints them and scenarios keep them.
extension StepKind {
    /// Every step kind, with every value of its associated values, in declaration order.
    public static let all: [StepKind] = {
        var kinds: [StepKind] = [.lockPTL, .unlockPTL, .setAccessFlags(makeWritable: false),
                                 .setAccessFlags(makeWritable: true), .flushTLBPage, .clearFlush, .flushGatherRange]
        kinds += NotifyScope.allCases.map(StepKind.notifySecondary)
        for event in NotifierEvent.allCases {
            for owner in RangeOwner.allCases { kinds.append(.rangeStart(event, owner: owner)) }
        }
        kinds += NotifierEvent.allCases.map(StepKind.rangeStartNonblock)
        kinds += [.rangeEnd(onlyEnd: false), .rangeEnd(onlyEnd: true), .allocZeroed, .allocCopy, .freeNewPage,
                  .installNewPage, .installZeroPage, .installPageCachePage, .detachVMA, .zapPTE, .freeGatheredPages, .mmapWriteLock,
                  .mmapWriteUnlock]
        kinds += VMAProtection.allCases.map(StepKind.setVMAProtection)
        kinds += VMAProtection.allCases.map(StepKind.modifyProtection)
        kinds += [.flushTLBRange, .getAndClear, .addPendingBatch, .batchFlush,
                  .installSwapEntry, .installMigrationEntry, .removeMigrationEntry, .setWrprotectedClean,
                  .installReadOnlyNewPage, .migrationEntryWait, .forkWrprotect, .flushTLBMM, .restoreOrigPTE,
                  .invalidatePMD, .mmapReadLock, .mmapReadUnlock, .intervalReadBegin, .kvmSnapshotSeq, .mirrorWalk,
                  .enterNestedFault, .mirrorLock, .mirrorUnlock, .mirrorInstall, .mirrorFailAccess, .notifierRelease,
                  .zapAll, .freeAllGathered, .contigBreak, .flushContigRange, .contigMake, .replaceWithNewPage,
                  .trylockPage, .lockPage, .unlockPage, .lockDevicePage, .waitPageUnlocked, .mapSubpages,
                  .flushHugeRange, .collectSkip]
        kinds += MigrateSource.allCases.map(StepKind.migrateCollect)
        kinds += [.devmemAllocCopy, .insertDevicePrivate, .finalizeToDevice, .devmemCopyToSystem(erasesMirror: true),
                  .devmemCopyToSystem(erasesMirror: false), .freeDevicePage, .convertToDeviceExclusive, .restoreExclusive,
                  .dmirrorAccess(write: false), .dmirrorAccess(write: true), .dmirrorReadback, .dmirrorMapMigrated,
                  .dmirrorMapAtomic, .dmirrorCheckAtomic, .dmirrorResult(0)]
        kinds += DmirrorError.allCases.map { StepKind.dmirrorResult($0.value) }
        kinds += [.intervalInsert, .intervalRemove, .snapshotWalk, .copyVMA, .takeMovedPTE, .setMovedPTE, .unmapSourceVMA]
        return kinds
    }()

    /// The kind's spelling: its ``name``, then its argument in parentheses if it has one.
    public var spelling: String {
        argument.map { "\(name)(\($0))" } ?? name
    }

    /// The kind's name without its argument, e.g. `range_start` for `range_start(CLEAR)`.
    public var name: String {
        switch self {
        case .lockPTL: return "lock_ptl"
        case .unlockPTL: return "unlock_ptl"
        case .setAccessFlags: return "set_access_flags"
        case .flushTLBPage: return "flush_tlb_page"
        case .clearFlush: return "clear_flush"
        case .flushGatherRange: return "flush_gather_range"
        case .notifySecondary: return "notify_secondary"
        case .rangeStart: return "range_start"
        case .rangeStartNonblock: return "range_start_nonblock"
        case let .rangeEnd(onlyEnd): return onlyEnd ? "range_only_end" : "range_end"
        case .allocZeroed: return "alloc_zeroed"
        case .allocCopy: return "alloc_copy"
        case .freeNewPage: return "free_new_page"
        case .installNewPage: return "install_new_page"
        case .installZeroPage: return "install_zero_page"
        case .installPageCachePage: return "install_page_cache_page"
        case .detachVMA: return "detach_vma"
        case .zapPTE: return "zap_pte"
        case .freeGatheredPages: return "free_gathered_pages"
        case .mmapWriteLock: return "mmap_write_lock"
        case .mmapWriteUnlock: return "mmap_write_unlock"
        case .setVMAProtection: return "set_vma_protection"
        case .modifyProtection: return "modify_protection"
        case .flushTLBRange: return "flush_tlb_range"
        case .getAndClear: return "get_and_clear"
        case .addPendingBatch: return "add_pending_batch"
        case .batchFlush: return "batch_flush"
        case .installSwapEntry: return "install_swap_entry"
        case .installMigrationEntry: return "install_migration_entry"
        case .removeMigrationEntry: return "remove_migration_entry"
        case .setWrprotectedClean: return "set_wrprotected_clean"
        case .installReadOnlyNewPage: return "install_readonly_new_page"
        case .migrationEntryWait: return "migration_entry_wait"
        case .forkWrprotect: return "fork_wrprotect"
        case .flushTLBMM: return "flush_tlb_mm"
        case .restoreOrigPTE: return "restore_orig_pte"
        case .invalidatePMD: return "invalidate_pmd"
        case .mapSubpages: return "map_subpages"
        case .flushHugeRange: return "flush_huge_range"
        case .collectSkip: return "collect_skip"
        case .mmapReadLock: return "mmap_read_lock"
        case .mmapReadUnlock: return "mmap_read_unlock"
        case .intervalReadBegin: return "interval_read_begin"
        case .kvmSnapshotSeq: return "kvm_snapshot_seq"
        case .mirrorWalk: return "mirror_walk"
        case .enterNestedFault: return "enter_nested_fault"
        case .mirrorLock: return "mirror_lock"
        case .mirrorUnlock: return "mirror_unlock"
        case .mirrorInstall: return "mirror_install"
        case .mirrorFailAccess: return "mirror_fail_access"
        case .notifierRelease: return "notifier_release"
        case .zapAll: return "zap_all"
        case .freeAllGathered: return "free_all_gathered"
        case .contigBreak: return "contig_break"
        case .flushContigRange: return "flush_contig_range"
        case .contigMake: return "contig_make"
        case .replaceWithNewPage: return "replace_with_new_page"
        case .trylockPage: return "trylock_page"
        case .lockPage: return "lock_page"
        case .unlockPage: return "unlock_page"
        case .lockDevicePage: return "lock_device_page"
        case .waitPageUnlocked: return "wait_page_unlocked"
        case .migrateCollect: return "migrate_collect"
        case .devmemAllocCopy: return "devmem_alloc_copy"
        case .insertDevicePrivate: return "insert_device_private"
        case .finalizeToDevice: return "finalize_to_device"
        case .devmemCopyToSystem: return "devmem_copy_to_system"
        case .freeDevicePage: return "free_device_page"
        case .convertToDeviceExclusive: return "convert_to_device_exclusive"
        case .restoreExclusive: return "restore_exclusive"
        case .dmirrorAccess: return "dmirror_access"
        case .dmirrorReadback: return "dmirror_readback"
        case .dmirrorMapMigrated: return "dmirror_map_migrated"
        case .dmirrorMapAtomic: return "dmirror_map_atomic"
        case .dmirrorCheckAtomic: return "dmirror_check_atomic"
        case .dmirrorResult: return "dmirror_result"
        case .intervalInsert: return "interval_insert"
        case .intervalRemove: return "interval_remove"
        case .snapshotWalk: return "snapshot_walk"
        case .copyVMA: return "copy_vma"
        case .takeMovedPTE: return "take_moved_pte"
        case .setMovedPTE: return "set_moved_pte"
        case .unmapSourceVMA: return "unmap_source_vma"
        }
    }

    /// The spelling of the kind's associated value, if it has one: a scope
    /// (``NotifyScope/spelling``), an event without its `MMU_NOTIFY_` prefix, `dirty` or
    /// `writable` for `set_access_flags`, `ro` or `rw` for `modify_protection` (as in
    /// `mprotect(x, ro)`), `none`, `ro` or `rw` for `set_vma_protection` and `modify_protection`.
    public var argument: String? {
        switch self {
        case let .setAccessFlags(makeWritable): return makeWritable ? "writable" : "dirty"
        case let .notifySecondary(scope): return scope.spelling
        case let .rangeStart(event, owner):
            // The owner a range names (`mmu_notifier_range_init_owner`), when it has one.
            switch owner {
            case .none: return event.spelling
            case .caller: return "\(event.spelling)_BY_CALLER"
            case .faultedPage: return "\(event.spelling)_BY_FAULTED_PAGE"
            }
        case let .rangeStartNonblock(event): return event.spelling
        case let .setVMAProtection(protection), let .modifyProtection(protection): return protection.spelling
        case let .migrateCollect(source): return source.rawValue
        case let .devmemCopyToSystem(erasesMirror): return erasesMirror ? "erasing_mirror" : "keeping_mirror"
        case let .dmirrorAccess(write): return write ? "write" : "read"
        case let .dmirrorResult(code): return DmirrorError.allCases.first { $0.value == code }.map { String($0.name.dropFirst()) } ?? "\(code)"
        default: return nil
        }
    }

    /// The kind a spelling names, if any.
    public init?(spelling: String) {
        guard let kind = StepKind.bySpelling[spelling] else { return nil }
        self = kind
    }

    /// Every name, each once, in declaration order.
    public static let names: [String] = {
        var seen = Set<String>()
        return all.map(\.name).filter { seen.insert($0).inserted }
    }()

    /// The arguments a name takes, in declaration order; empty for a name that takes none.
    public static func arguments(of name: String) -> [String] {
        all.filter { $0.name == name }.compactMap(\.argument)
    }

    private static let bySpelling: [String: StepKind] = Dictionary(uniqueKeysWithValues: all.map { ($0.spelling, $0) })
}

extension NotifyScope {
    /// How a raw step writes the scope: `page`, `gather`, `whole_mm`, `contig_range`,
    /// `contig_slip`, `huge_range`.
    public var spelling: String {
        switch self {
        case .page: return "page"
        case .gather: return "gather"
        case .wholeMM: return "whole_mm"
        case .contigRange: return "contig_range"
        case .contigSlip: return "contig_slip"
        case .hugeRange: return "huge_range"
        }
    }
}

extension NotifierEvent {
    /// The event's name without the `MMU_NOTIFY_` prefix, e.g. `CLEAR`.
    public var spelling: String { String(rawValue.dropFirst("MMU_NOTIFY_".count)) }
}
