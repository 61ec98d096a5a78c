import ShootdownChecker

/// What each thread may still touch: the future footprints partial-order reduction compares a
/// candidate step against. They must over-approximate every step a thread may take from the
/// state on, in any interleaving with the others.
extension World {
    /// Everything thread `thread` may still touch, from `state` on.
    func futureFootprint(ofThread thread: Int, in state: WorldState) -> Footprint {
        futureFootprint(ofThread: thread, in: state, whileIdle: nil)
    }

    /// A thread's future as partial-order reduction sees it: with fused speculative fills, the
    /// walkers have none of their own, and every other thread's includes the fills it may fuse.
    func reducedFutureFootprint(ofThread thread: Int, in state: WorldState, whileIdle idle: Int?) -> Footprint {
        guard fusesSpeculativeFills else { return futureFootprint(ofThread: thread, in: state, whileIdle: idle) }
        if case .iommuPrefetcher = roles[thread] { return Footprint(actor: thread) }
        var footprint = futureFootprint(ofThread: thread, in: state, whileIdle: idle)
        addingFusedFills(to: &footprint)
        return footprint
    }

    /// Devices and the IOMMU's walker fill IOTLB entries only when they are empty, and only
    /// other threads empty them: their futures depend on who stands still.
    func futureDependsOnIdle(_ thread: Int) -> Bool {
        switch roles[thread] {
        case .device: return !walkerServesMisses
        case .iommuPrefetcher: return !fusesSpeculativeFills
        case .cpu, .iopfWorker, .mirror: return false
        }
    }

    /// Everything thread `thread` may still touch in executions where thread `idle` (if any)
    /// takes no step.
    func futureFootprint(ofThread thread: Int, in state: WorldState, whileIdle idle: Int?) -> Footprint {
        var reads = LocationSet()
        var writes = LocationSet()
        switch roles[thread] {
        case .cpu:
            cpuFuture(thread, in: state, reads: &reads, writes: &writes)
        case let .device(device):
            let first = operationIndex(thread, in: state)
            let pages = remainingPages[thread][min(first, remainingPages[thread].count - 1)]
            guard pages != 0 else { break }
            reads.insert(bits: pages, at: locations.iotlbBase)
            reads.insert([locations.atc(device), locations.request(device)])
            writes.insert([locations.atc(device), locations.request(device)])
            // A device walks and fills only on a miss (or drops an entry on a permission fault
            // when its faults are handled), and its last access to a page may drop the entry.
            let walked = walkerServesMisses ? 0 : configuration.faults == .handle || configuration.iommu.ats
                ? pages : pages & refillablePages(in: state, whileIdle: idle)
            reads.insert(bits: walked, at: locations.pteBase)
            writes.insert(bits: dropsUnusedTranslations ? pages : walked, at: locations.iotlbBase)
            let stored = remainingWrites[thread][min(first, remainingWrites[thread].count - 1)]
            insertFrames(ofPages: pages, writingPages: stored, reachableBy: workerThread[device], in: state,
                         reads: &reads, writes: &writes)
            if configuration.tlbCapacity != nil {
                reads.formUnion(capacityLocations)
                writes.formUnion(capacityLocations)
            }
        case let .iopfWorker(device):
            // With `faults = wait` no device raises a page request.
            guard configuration.faults == .handle else { break }
            let owner = deviceThread[device]
            var pages: [Int] = []
            if state.flag(layout.threads[thread].busy) { pages.append(faultContext(thread, in: state).page) }
            let operations = configuration.threads[owner].operations
            let first = operationIndex(owner, in: state)
            if first < operations.count { pages.append(contentsOf: operations[first...].map(\.page)) }
            guard !pages.isEmpty else { break }
            for page in pages {
                let static_ = pageLocations(page)
                reads.formUnion(static_)
                writes.formUnion(static_)
                insertFrames(of: page, reachableBy: thread, in: state, reads: &reads, writes: &writes, writing: true)
            }
            reads.insert(locations.request(device))
            writes.insert(locations.request(device))
        case .mirror:
            // The rest of the device's accesses, commands and fault paths, coarsely: every
            // location of the pages it may still touch; its rendezvous read the other threads'
            // progress.
            let operations = configuration.threads[thread].operations
            let rest = operations[min(operationIndex(thread, in: state), operations.count)...]
            var pages = rest.filter(\.touchesPage).map(\.page)
            if threadPC(thread, in: state) != 0 { pages.append(faultContext(thread, in: state).page) }
            for page in pages {
                let static_ = pageLocations(page)
                reads.formUnion(static_)
                writes.formUnion(static_)
                insertFrames(of: page, reachableBy: thread, in: state, reads: &reads, writes: &writes, writing: true)
            }
            if !pages.isEmpty {
                insertMirrorLocations(into: &reads)
                insertMirrorLocations(into: &writes)
                reads.insert(locations.mmap)
                writes.insert([locations.mmap, locations.flags])
            }
            if !pages.isEmpty || rest.contains(.rendezvous) {
                for other in roles.indices where other != thread { reads.insert(locations.local(other)) }
            }
        case let .iommuPrefetcher(page):
            // The walker's guard reads the entry; it walks and fills only if the entry is
            // empty now or another thread may empty it, and some device will still use it.
            reads.insert(locations.iotlb(page))
            let bit: UInt64 = page < 64 ? 1 << UInt64(page) : 0
            let live = dropsUnusedTranslations ? pagesInUse(in: state) : .max
            if refillablePages(in: state, whileIdle: idle) & live & bit != 0 || page >= 64 {
                reads.insert(locations.pte(page))
                writes.insert(locations.iotlb(page))
            }
            if configuration.tlbCapacity != nil { reads.formUnion(capacityLocations) }
        }
        return Footprint(actor: thread, reads: reads, writes: writes)
    }

    /// A CPU thread's remaining operations: the rest of a scenario path it is in, then each
    /// operation to come (``CPUFutureTable``), with the frames they may reach from this state.
    private func cpuFuture(_ thread: Int, in state: WorldState, reads: inout LocationSet, writes: inout LocationSet) {
        let entry = cpuFutures.entry(thread: thread, operation: operationIndex(thread, in: state), pc: threadPC(thread, in: state))
        reads.formUnion(entry.reads)
        writes.formUnion(entry.writes)
        insertFrames(ofPages: entry.framePages, writingPages: entry.writtenFramePages, reachableBy: thread, in: state,
                     reads: &reads, writes: &writes)
    }

    /// Per page (a bit each), whether its IOTLB entry may be empty at some point of an
    /// execution from `state` in which `idle` stands still: it is empty now, a capacity
    /// eviction may empty it, or a CPU thread or kernel worker other than `idle` may still
    /// invalidate it.
    func refillablePages(in state: WorldState, whileIdle idle: Int?) -> UInt64 {
        let all: UInt64 = layout.iotlb.count >= 64 ? .max : (1 << UInt64(layout.iotlb.count)) - 1
        if configuration.tlbCapacity != nil || layout.iotlb.count > 64 { return all }
        if configuration.faults == .handle && configuration.iommu.permissionFaultDropsEntry { return all }
        var result: UInt64 = 0
        for (page, field) in layout.iotlb.enumerated() where state.get(field) == 0 { result |= 1 << UInt64(page) }
        for thread in roles.indices where thread != idle && result != all {
            switch roles[thread] {
            case .cpu:
                result |= cpuFutures.entry(thread: thread, operation: operationIndex(thread, in: state),
                                           pc: threadPC(thread, in: state)).invalidates
            case .iopfWorker, .mirror:
                guard configuration.faults == .handle else { continue }
                result |= iotlbPages(in: futureFootprint(ofThread: thread, in: state, whileIdle: nil).writes)
            case .device, .iommuPrefetcher:
                break
            }
        }
        return result
    }
}
