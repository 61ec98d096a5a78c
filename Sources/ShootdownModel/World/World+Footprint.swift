import ShootdownChecker

/// Footprints: which shared locations a step reads and writes, and which ones a thread may
/// still touch in the future. Partial-order reduction relies on them being over-approximations:
/// a location missing here would let the checker skip an interleaving that matters. Two kinds
/// of writes are left out on purpose, because they commute with each other and no guard reads
/// them: setting a sticky violation flag (a step names the flag only when it sets it, so that
/// the invariant sees it), and nothing else.
extension World {
    /// Whether the scenario tracks the mmap lock (only munmap waits for it).
    var tracksMmap: Bool { layout.mmapReaders.width > 0 }

    /// The locations a fault or munmap at `page` may touch, frames aside (computed once, when
    /// the world is built).
    func pageLocations(_ page: Int) -> LocationSet { pageLocationSets[page] }

    /// Builds ``pageLocations(_:)`` for every page.
    func makePageLocationSets() -> [LocationSet] {
        configuration.pages.indices.map(computePageLocations)
    }

    private func computePageLocations(_ page: Int) -> LocationSet {
        var set = configuration.tlbCapacity == nil ? LocationSet() : capacityLocations
        set.insert(locations.ptl)
        for member in footprintGroup(of: page) {
            set.insert([locations.pte(member), locations.iotlb(member), locations.cpuTLB(member)])
        }
        if tracksMmap { set.insert(locations.mmap) }
        if hasMirror { insertMirrorLocations(into: &set) }
        for device in layout.atc.indices { set.insert(locations.atc(device)) }
        if configuration.iommu.kind == .smmuv3 && !configuration.iommu.rangeInvalidation && configuration.iommu.maxTLBIOps <= 1 {
            for other in layout.iotlb.indices { set.insert(locations.iotlb(other)) }
        }
        return set
    }

    /// With a TLB capacity, every TLB entry a fill may evict.
    var capacityLocations: LocationSet {
        var set = LocationSet()
        for page in layout.iotlb.indices { set.insert([locations.iotlb(page), locations.cpuTLB(page)]) }
        for device in layout.atc.indices { set.insert(locations.atc(device)) }
        return set
    }

    /// Adds the frames of `page` that `owner` may reach from `state` on: a frame still unused
    /// belongs to the thread that will allocate it, and no one else can reach it before that
    /// thread has allocated and mapped it. Stores never reach a frame shared copy-on-write with
    /// another process (its PTE stays read-only; a write fault copies it).
    func insertFrames(of page: Int, reachableBy owner: Int, in state: WorldState, reads: inout LocationSet,
                      writes: inout LocationSet, writing: Bool) {
        for frame in framesOfPage[page] {
            guard frameState(frame, in: state) != .unused || ownFrames[owner][page].contains(frame) else { continue }
            reads.insert(locations.data(frame))
            if writing && frame != World.zeroFrame && !frameShared[frame] { writes.insert(locations.data(frame)) }
        }
    }

    /// What the step `action` takes from `state` reads and writes.
    func stepFootprint(of action: WorldAction, in state: WorldState) -> Footprint {
        let thread = Int(action.thread)
        var reads = LocationSet()
        var writes = LocationSet()
        writes.insert(locations.local(thread))
        if threadPC(thread, in: state) == 0, currentOperation(thread, in: state) == .rendezvous {
            for partner in rendezvousPartners(of: thread) { reads.insert(locations.local(partner)) }
            return Footprint(actor: thread, reads: reads, writes: writes)
        }
        switch roles[thread] {
        case .cpu:
            let page = faultContext(thread, in: state).page
            if threadPC(thread, in: state) != 0 || startsProgramDirectly(thread, in: state) {
                kernelFootprint(thread, page: page, in: state, reads: &reads, writes: &writes)
            } else if case let .cpu(cpu) = roles[thread], let operation = currentOperation(thread, in: state),
                      cachedAccessSucceeds(.cpuTLB(cpu: cpu), operation, in: state) {
                // A TLB hit with the permission it needs: the access alone, to the cached frame.
                reads.insert(locations.cpuTLB(page))
                hitFootprint(.cpuTLB(cpu: cpu), operation, in: state, reads: &reads, writes: &writes)
            } else {
                reads.insert([locations.pte(page), locations.cpuTLB(page)])
                writes.insert(locations.cpuTLB(page))
                if configuration.faults == .handle || rules.hardwareSetsDirty { writes.insert(locations.pte(page)) }
                if tracksMmap && configuration.faults == .handle { writes.insert(locations.mmap) }
                accessFootprint(thread, page: page, owner: thread, in: state, reads: &reads, writes: &writes)
            }
        case let .device(device):
            guard let operation = currentOperation(thread, in: state) else { break }
            let page = operation.page
            // The last access to a page drops its IOTLB entry (and stops speculative fills).
            if stepRetiresTranslation(thread, page: page, in: state) { writes.insert(locations.iotlb(page)) }
            if !configuration.iommu.ats && cachedAccessSucceeds(.iotlb, operation, in: state) {
                // An IOTLB hit with the permission it needs: the access alone, to the cached frame.
                reads.insert(locations.iotlb(page))
                hitFootprint(.iotlb, operation, in: state, reads: &reads, writes: &writes)
                break
            }
            reads.insert([locations.pte(page), locations.iotlb(page), locations.atc(device), locations.request(device)])
            writes.insert([locations.iotlb(page), locations.atc(device), locations.request(device), locations.local(workerThread[device])])
            accessFootprint(thread, page: page, owner: workerThread[device], in: state, reads: &reads, writes: &writes)
        case let .iopfWorker(device):
            let page = faultContext(thread, in: state).page
            reads.insert(locations.request(device))
            // A failed page response ends the device's access, which may drop the IOTLB entry.
            writes.insert(locations.iotlb(page))
            writes.insert([locations.request(device), locations.local(deviceThread[device])])
            if threadPC(thread, in: state) == 0 {
                reads.insert(locations.pte(page))
                if tracksMmap { writes.insert(locations.mmap) }
            } else {
                kernelFootprint(thread, page: page, in: state, reads: &reads, writes: &writes)
            }
        case let .mirror(instance):
            let page = faultContext(thread, in: state).page
            reads.insert([locations.mirror(instance), locations.notifierCore])
            writes.insert(locations.mirror(instance))
            if threadPC(thread, in: state) != 0 || startsProgramDirectly(thread, in: state) {
                kernelFootprint(thread, page: page, in: state, reads: &reads, writes: &writes)
            } else {
                var storing = false
                if case .write? = currentOperation(thread, in: state) { storing = true }
                insertFrames(of: page, reachableBy: thread, in: state, reads: &reads, writes: &writes, writing: storing)
                if framesOfPage[page].contains(where: { frameState($0, in: state) == .freed }) { writes.insert(locations.flags) }
            }
        case let .iommuPrefetcher(page):
            // The fill is guarded by the page's IOTLB entry and, while the entry is empty and
            // still of use, its PTE (and, with a capacity, by the occupancy of the IOTLB).
            let walks = state.get(layout.iotlb[page]) == 0 && translationInUse(page, in: state)
            insertFillLocations(page: page, walks: walks, reads: &reads, writes: &writes)
            if configuration.tlbCapacity != nil { reads.formUnion(capacityLocations) }
        }
        return Footprint(actor: thread, reads: reads, writes: writes)
    }

    /// What a speculative fill of `page` touches besides the walker's own progress: it reads
    /// the entry (its guard) and, when it `walks`, the PTE; it writes the entry.
    func insertFillLocations(page: Int, walks: Bool, reads: inout LocationSet, writes: inout LocationSet) {
        reads.insert(locations.iotlb(page))
        if walks { reads.insert(locations.pte(page)) }
        writes.insert(locations.iotlb(page))
    }

    /// Whether `cache` holds a translation for the operation's page with the permission it needs.
    private func cachedAccessSucceeds(_ cache: TranslationCache, _ operation: Operation, in state: WorldState) -> Bool {
        permits(lookup(cache, page: operation.page, in: state), operation) == true
    }

    /// An access through a cached translation: the one frame it maps, and the violation flag
    /// when that frame has been freed.
    private func hitFootprint(_ cache: TranslationCache, _ operation: Operation, in state: WorldState,
                              reads: inout LocationSet, writes: inout LocationSet) {
        guard let cached = lookup(cache, page: operation.page, in: state) else { return }
        reads.insert(locations.data(cached.frame))
        if case .write = operation { writes.insert(locations.data(cached.frame)) }
        if frameState(cached.frame, in: state) != .allocated { writes.insert(locations.flags) }
    }

    /// A load or store through a TLB: the frames it may reach, and the violation flag when a
    /// frame of the page has been freed.
    private func accessFootprint(_ thread: Int, page: Int, owner: Int, in state: WorldState, reads: inout LocationSet,
                                 writes: inout LocationSet) {
        var storing = false
        if case .write? = currentOperation(thread, in: state) { storing = true }
        insertFrames(of: page, reachableBy: owner, in: state, reads: &reads, writes: &writes, writing: storing)
        if framesOfPage[page].contains(where: { frameState($0, in: state) == .freed }) { writes.insert(locations.flags) }
        if configuration.tlbCapacity != nil {
            reads.formUnion(capacityLocations)
            writes.formUnion(capacityLocations)
        }
    }

    /// A kernel step, plus the branches, silent steps and program end that follow it in the
    /// same transition (releasing the mmap lock, answering a page request).
    private func kernelFootprint(_ thread: Int, page: Int, in state: WorldState, reads: inout LocationSet,
                                 writes: inout LocationSet) {
        let program = program(of: thread, in: state)
        let position = max(threadPC(thread, in: state) - 1, 0)
        if tracksMmap { writes.insert(locations.mmap) }
        if case let .iopfWorker(device) = roles[thread] {
            writes.insert([locations.request(device), locations.local(deviceThread[device])])
        }
        guard let kind = program.kinds[position] else { return }
        let pte = locations.pte(page)
        let fields = layout.threads[thread]
        let target = moveTarget(of: thread, in: state)
        insertStepLocations(kind, page: page, target: target, reads: &reads, writes: &writes)
        // Entering a program reads the PTE into `orig`.
        if threadPC(thread, in: state) == 0 { reads.insert(pte) }
        if let operation = currentOperation(thread, in: state), configuration.checksOnReturn(operation),
           program.mayReturn(after: position) {
            let pages = operation.kernelOperation == .exitMMAP ? Array(configuration.pages.indices)
                : hugeGroup(of: page) + (target.map { hugeGroup(of: $0) } ?? [])
            for checked in pages {
                returnCheckLocations(page: checked, reads: &reads)
                if staleSecondaryEntry(page: checked, in: state) != nil { writes.insert(locations.flags) }
            }
            if kind.writesPTE { writes.insert(locations.flags) }
        }
        switch kind {
        case .lockPTL, .unlockPTL, .setAccessFlags, .installNewPage, .installZeroPage, .installPageCachePage, .detachVMA,
             .flushTLBPage, .flushGatherRange, .clearFlush, .notifySecondary, .rangeEnd, .rangeStart,
             .mmapWriteLock, .mmapWriteUnlock, .setVMAProtection, .modifyProtection, .flushTLBRange, .getAndClear,
             .addPendingBatch, .batchFlush, .installSwapEntry, .installMigrationEntry, .removeMigrationEntry,
             .setWrprotectedClean, .installReadOnlyNewPage, .migrationEntryWait, .forkWrprotect, .flushTLBMM,
             .restoreOrigPTE, .invalidatePMD, .mmapReadLock, .mmapReadUnlock, .intervalReadBegin, .kvmSnapshotSeq,
             .mirrorWalk, .enterNestedFault, .mirrorLock, .mirrorUnlock, .mirrorFailAccess, .trylockPage, .lockPage,
             .unlockPage, .waitPageUnlocked, .lockDevicePage, .migrateCollect, .insertDevicePrivate, .finalizeToDevice,
             .convertToDeviceExclusive, .restoreExclusive, .dmirrorMapMigrated, .dmirrorMapAtomic, .dmirrorCheckAtomic,
             .dmirrorResult, .intervalInsert, .intervalRemove, .snapshotWalk, .rangeStartNonblock, .replaceWithNewPage,
             .contigBreak, .contigMake, .flushContigRange, .zapAll, .freeAllGathered, .copyVMA, .takeMovedPTE, .setMovedPTE,
             .unmapSourceVMA, .mapSubpages, .flushHugeRange, .collectSkip:
            break
        case .notifierRelease:
            for other in roles.indices { reads.insert(locations.local(other)) }
        case .devmemAllocCopy, .devmemCopyToSystem:
            if kind != .devmemAllocCopy || state.get(fields.migrate) == 1 || state.get(fields.migrate) == 3 {
                reads.insert(locations.data(Int(state.get(fields.gatherFrame))))
            }
            ownFrameLocations(thread, page: page, in: state, reads: &reads, writes: &writes)
        case .freeDevicePage:
            writes.insert(locations.data(Int(state.get(fields.gatherFrame))))
        case let .dmirrorAccess(write):
            if let entry = mirrorEntry(mirrorInstance(of: thread), page: page, in: state) {
                reads.insert(locations.data(entry.frame))
                if write && entry.writable { writes.insert(locations.data(entry.frame)) }
                if frameState(entry.frame, in: state) != .allocated { writes.insert(locations.flags) }
            }
        case .dmirrorReadback:
            if let entry = mirrorEntry(mirrorInstance(of: thread), page: page, in: state) {
                reads.insert(locations.data(entry.frame))
                if frameState(entry.frame, in: state) != .allocated { writes.insert(locations.flags) }
            }
        case .mirrorInstall:
            for other in roles.indices { reads.insert(locations.local(other)) }
            reads.insert(locations.notifierCore)
            if invalidationActive(on: page, except: thread, in: state) { writes.insert(locations.flags) }
        case .allocZeroed, .allocCopy:
            if kind == .allocCopy {
                // Before a directly started program has begun, `orig` is read at entry.
                let source = threadPC(thread, in: state) == 0 ? self.pte(page, in: state) : orig(thread, in: state)
                reads.insert(locations.data(copySource(of: source, page: page)))
                if threadPC(thread, in: state) == 0 { reads.insert(pte) }
            }
            ownFrameLocations(thread, page: page, in: state, reads: &reads, writes: &writes)
        case .freeNewPage:
            writes.insert(locations.data(Int(state.get(fields.newFrame))))
        case .freeGatheredPages:
            writes.insert(locations.data(Int(state.get(fields.gatherFrame))))
        case .zapPTE:
            // A device-private or device-exclusive page is freed by the zap itself.
            let entry = self.pte(page, in: state)
            if !entry.present && entry.holdsContents { writes.insert(locations.data(entry.frame)) }
        }
        if branchesReadPTE(program, after: position) { reads.insert(pte) }
    }

    /// The frames of `thread`'s pool for `page`, which an allocation may take; the sticky flag
    /// when none is left.
    private func ownFrameLocations(_ thread: Int, page: Int, in state: WorldState, reads: inout LocationSet,
                                   writes: inout LocationSet) {
        for frame in ownFrames[thread][page] {
            reads.insert(locations.data(frame))
            writes.insert(locations.data(frame))
        }
        if unusedOwnFrame(thread, page: page, in: state) == nil { writes.insert(locations.flags) }
    }

    /// The shared locations a kernel step of `kind` at `page` touches, whatever the state
    /// (frames, which depend on the state, aside); `target` is the page mremap moves `page` to.
    /// A step at a page of a huge mapping may act on the whole huge entry (and its mapped-huge
    /// bit, kept with every page's PTE): it touches what the same step would at each page of the
    /// mapping.
    func insertStepLocations(_ kind: StepKind, page: Int, target: Int? = nil, reads: inout LocationSet,
                             writes: inout LocationSet) {
        for member in footprintGroup(of: page) {
            insertPageStepLocations(kind, page: member, target: target, reads: &reads, writes: &writes)
        }
    }

    private func insertPageStepLocations(_ kind: StepKind, page: Int, target: Int?, reads: inout LocationSet,
                                         writes: inout LocationSet) {
        let pte = locations.pte(page)
        switch kind {
        case .copyVMA, .setMovedPTE:
            // The VMA flags live with the PTE: the old page's are read, the new page's written.
            reads.insert(pte)
            reads.insert(locations.pte(target ?? page))
            writes.insert(locations.pte(target ?? page))
        case .takeMovedPTE, .unmapSourceVMA:
            reads.insert(pte)
            writes.insert(pte)
        case .lockPTL:
            reads.insert(locations.ptl)
            writes.insert(locations.ptl)
        case .unlockPTL:
            writes.insert(locations.ptl)
        case .setAccessFlags, .zapPTE, .installNewPage, .installZeroPage, .installPageCachePage:
            reads.insert(pte)
            writes.insert(pte)
        case .detachVMA:
            reads.insert([locations.mmap, pte])
            writes.insert(pte)
        case .mmapWriteLock:
            reads.insert(locations.mmap)
            writes.insert(locations.mmap)
        case .mmapWriteUnlock:
            writes.insert(locations.mmap)
        case .setVMAProtection, .modifyProtection, .getAndClear, .installSwapEntry, .installMigrationEntry,
             .removeMigrationEntry, .setWrprotectedClean, .installReadOnlyNewPage, .restoreOrigPTE, .invalidatePMD, .mapSubpages,
             .trylockPage, .lockPage, .unlockPage, .lockDevicePage, .migrateCollect, .insertDevicePrivate, .finalizeToDevice,
             .restoreExclusive, .replaceWithNewPage:
            // The page lock lives with the PTE.
            reads.insert(pte)
            writes.insert(pte)
        case .waitPageUnlocked, .snapshotWalk:
            reads.insert(pte)
        case .convertToDeviceExclusive:
            reads.insert(pte)
            writes.insert([pte, locations.cpuTLB(page)])
            if configuration.iommu.snoopsCPUInvalidations { writes.insert(locations.iotlb(page)) }
        case .devmemCopyToSystem(erasesMirror: true):
            insertMirrorLocations(into: &reads)
            insertMirrorLocations(into: &writes)
        case .devmemAllocCopy, .devmemCopyToSystem, .freeDevicePage, .dmirrorResult:
            break  // frames depend on the state
        case .dmirrorAccess, .dmirrorReadback, .dmirrorMapMigrated, .dmirrorMapAtomic, .dmirrorCheckAtomic, .intervalInsert,
             .intervalRemove:
            reads.insert(pte)
            insertMirrorLocations(into: &reads)
            insertMirrorLocations(into: &writes)
        case .forkWrprotect:
            // The frame's sharing state lives with its contents.
            reads.insert(pte)
            writes.insert(pte)
            for frame in framesOfPage[page] { writes.insert(locations.data(frame)) }
        case .flushTLBMM:
            for other in configuration.pages.indices {
                writes.insert(locations.cpuTLB(other))
                if configuration.iommu.snoopsCPUInvalidations { writes.insert(locations.iotlb(other)) }
            }
        case .migrationEntryWait:
            reads.insert(pte)
        case .addPendingBatch:
            break
        case .flushTLBPage, .flushGatherRange, .flushTLBRange, .batchFlush, .flushHugeRange:
            writes.insert(locations.cpuTLB(page))
            if configuration.iommu.snoopsCPUInvalidations { writes.insert(locations.iotlb(page)) }
        case .clearFlush:
            reads.insert(pte)
            writes.insert([pte, locations.cpuTLB(page)])
            if configuration.iommu.snoopsCPUInvalidations { writes.insert(locations.iotlb(page)) }
        case .mmapReadLock:
            reads.insert(locations.mmap)
            writes.insert(locations.mmap)
        case .mmapReadUnlock:
            writes.insert(locations.mmap)
        case .mirrorWalk, .enterNestedFault:
            reads.insert(pte)
        case .mirrorFailAccess, .collectSkip:
            break
        case .contigBreak, .contigMake, .flushContigRange:
            for member in contiguousGroup(of: page) {
                if kind == .flushContigRange {
                    writes.insert(locations.cpuTLB(member))
                    if configuration.iommu.snoopsCPUInvalidations { writes.insert(locations.iotlb(member)) }
                } else {
                    reads.insert(locations.pte(member))
                    writes.insert(locations.pte(member))
                }
            }
        case .notifierRelease, .zapAll:
            // Release flushes every IOTLB and ATC entry and stops translation (kept with the
            // PTEs and entries it guards); the zap clears every PTE.
            for other in configuration.pages.indices {
                reads.insert(locations.pte(other))
                writes.insert([locations.pte(other), locations.iotlb(other)])
            }
            for device in layout.atc.indices { writes.insert(locations.atc(device)) }
            insertMirrorLocations(into: &reads)
            insertMirrorLocations(into: &writes)
        case .freeAllGathered:
            for frame in 0..<frameCount { writes.insert(locations.data(frame)) }
        case .intervalReadBegin, .kvmSnapshotSeq, .mirrorLock, .mirrorUnlock, .mirrorInstall:
            insertMirrorLocations(into: &reads)
            insertMirrorLocations(into: &writes)
        case .notifySecondary, .rangeEnd, .rangeStart, .rangeStartNonblock:
            for member in contiguousGroup(of: page) { writes.insert(locations.iotlb(member)) }
            if case .notifySecondary = kind {} else if hasMirror {
                // The range subscriber's callbacks: its lock, table and sequences, and the
                // context check (the PTL, the sticky flag).
                insertMirrorLocations(into: &reads)
                insertMirrorLocations(into: &writes)
                reads.insert(locations.ptl)
                writes.insert(locations.flags)
            }
            writes.insert(locations.iotlb(page))
            for device in layout.atc.indices { writes.insert(locations.atc(device)) }
            let whole = kind == .notifySecondary(.wholeMM)
                || (configuration.iommu.kind == .smmuv3 && !configuration.iommu.rangeInvalidation && configuration.iommu.maxTLBIOps <= 1)
            if whole { for other in layout.iotlb.indices { writes.insert(locations.iotlb(other)) } }
        case .allocZeroed, .allocCopy, .freeNewPage, .freeGatheredPages:
            break  // frames depend on the state; see `insertFrames`
        }
    }

    /// What the check of ``World/checkSecondaryBounded(_:page:in:log:)`` at a program's return
    /// reads: the page's PTE, IOTLB and ATC entries, and whether other threads are in the kernel.
    func returnCheckLocations(page: Int, reads: inout LocationSet) {
        reads.insert([locations.pte(page), locations.iotlb(page)])
        for device in layout.atc.indices { reads.insert(locations.atc(device)) }
        for other in roles.indices { reads.insert(locations.local(other)) }
    }

    /// Every range-subscriber location: the mirror instances and the notifier core.
    func insertMirrorLocations(into set: inout LocationSet) {
        guard hasMirror else { return }
        for instance in layout.mirrorTable.indices { set.insert(locations.mirror(instance)) }
        set.insert(locations.notifierCore)
    }

    /// Whether the branches right after instruction `position` look at the PTE.
    private func branchesReadPTE(_ program: Program, after position: Int) -> Bool {
        var index = position + 1
        while index < program.ops.count, case let .jump(_, condition) = program.ops[index] {
            switch condition {
            case .pteChangedSinceEntry, .pteNotNone, .writeToReadOnlyPTE, .frameNotExclusive, .notMappingOrigFrame,
                 .pteCleanReadOnly, .pteMapsZeroPage, .pteNotPresent, .pageLockedByOther, .insertBlocked, .vmaNotReadable,
                 .notMappingWalkedPage, .notMappingWalkedPageWritable, .vmaMissing, .mappedByHugeEntry, .pmdSplit:
                return true
            case .origNone, .notChanged, .readFault, .origSwap, .origMigration, .origSplitting, .always, .snapshotStale,
                 .walkNeedsFault, .kvmMustRetry, .walkFailed, .origDevicePrivate, .origDeviceExclusive, .notCollected,
                 .collectedHole, .commandFinished, .contiguousHugePage, .rangeStartFailed, .vmaNotAnonymous, .hugetlbPage,
                 .collectedPageCache:
                index += 1
            }
        }
        return false
    }
}
