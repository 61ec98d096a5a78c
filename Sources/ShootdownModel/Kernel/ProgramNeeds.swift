/// What a program's steps ask of the state beyond the page table, the PTL and the thread's own
/// position and `orig`. The built-in operations are given that state by kind
/// (``KernelOperation``); a scenario path, whose raw steps may be any kind, by the steps and
/// conditions it has, so that a built-in program pasted as a path runs as the built-in does.
struct ProgramNeeds: OptionSet, Sendable {
    let rawValue: Int

    /// The mmap lock's count of faults in progress, which `mmap_write_lock` and
    /// `detach_vma` wait for.
    static let mmapLock = ProgramNeeds(rawValue: 1 << 0)
    /// The mmap write lock, which keeps new faults out (`mmap_write_lock`).
    static let mmapWriteLock = ProgramNeeds(rawValue: 1 << 1)
    /// The mmap lock held for read from `detach_vma` (munmap's downgrade) to the return.
    static let mmapReadHeld = ProgramNeeds(rawValue: 1 << 2)
    /// The thread's mmu_gather, flush batch and non-blocking `range_start` result.
    static let gather = ProgramNeeds(rawValue: 1 << 3)
    /// `exit_mmap`'s release and its gather of every page.
    static let wholeMM = ProgramNeeds(rawValue: 1 << 4)
    /// Frames shared with a forked child.
    static let fork = ProgramNeeds(rawValue: 1 << 5)
    /// Swap and migration entries, which a later fault reads back into a new frame.
    static let swapEntries = ProgramNeeds(rawValue: 1 << 6)
    /// KSM's stable page (`install_readonly_new_page`): the frame the thread allocates is shared
    /// with every process that merged into it, never reused or freed here.
    static let stableFrame = ProgramNeeds(rawValue: 1 << 7)
    /// A mirror device's own state (its walk, sequence snapshot, table and lock): only a `MIR…`
    /// or `VCPU…` thread has it, so a path, which a CPU runs, may not use these steps.
    static let mirrorDevice = ProgramNeeds(rawValue: 1 << 8)
    /// mremap's moves (`copy_vma`, `take_moved_pte`, `set_moved_pte`, `unmap_source_vma`): they
    /// need the page the entry moves to, which only `mremap(x, y)` names; a path has one page.
    static let moveTarget = ProgramNeeds(rawValue: 1 << 9)

    init(rawValue: Int) { self.rawValue = rawValue }

    /// What the steps and conditions of `program` need.
    init(_ program: Program) {
        var needs: ProgramNeeds = []
        for op in program.ops {
            switch op {
            case let .step(step):
                needs.formUnion(ProgramNeeds(step.kind))
                switch step.condition {
                case .gathered?, .batchPending?: needs.insert(.gather)
                default: break
                }
            case .jump(_, .rangeStartFailed):
                needs.insert(.gather)
            case .jump(_, .snapshotStale), .jump(_, .walkNeedsFault), .jump(_, .walkFailed), .jump(_, .kvmMustRetry):
                needs.insert(.mirrorDevice)
            case .jump, .ret:
                continue
            }
        }
        self = needs
    }

    /// What one kind of step needs.
    private init(_ kind: StepKind) {
        switch kind {
        case .mmapWriteLock, .mmapWriteUnlock: self = [.mmapLock, .mmapWriteLock]
        case .detachVMA: self = [.mmapLock, .mmapReadHeld]
        case .zapPTE, .getAndClear, .freeGatheredPages, .flushGatherRange, .modifyProtection, .addPendingBatch,
             .batchFlush, .rangeStartNonblock, .replaceWithNewPage:
            self = .gather
        case .installReadOnlyNewPage: self = [.gather, .stableFrame]
        case .installSwapEntry, .installMigrationEntry: self = [.gather, .swapEntries]
        case .notifierRelease, .zapAll, .freeAllGathered: self = .wholeMM
        case .forkWrprotect: self = .fork
        case .intervalReadBegin, .kvmSnapshotSeq, .mirrorWalk, .enterNestedFault, .mirrorLock, .mirrorUnlock,
             .mirrorInstall, .mirrorFailAccess, .mmapReadLock, .mmapReadUnlock:
            self = .mirrorDevice
        case .copyVMA, .takeMovedPTE, .setMovedPTE, .unmapSourceVMA: self = .moveTarget
        default: self = []
        }
    }
}

extension KernelPrograms {
    /// What the scenario's paths that `operations` run need, together.
    func pathNeeds(_ operations: [Operation]) -> ProgramNeeds {
        var needs: ProgramNeeds = []
        for case let .path(index, _) in operations where pathNeeds.indices.contains(index) {
            needs.formUnion(pathNeeds[index])
        }
        return needs
    }
}
