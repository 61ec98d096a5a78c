import ShootdownChecker

/// Footprints: which shared locations a step reads and writes, and which ones a thread may
/// still touch in the future. Partial-order reduction relies on them being over-approximations:
/// a location missing here would let the checker skip an interleaving that matters.
extension World {
    /// The locations of everything that happens at a page during a fault or munmap there.
    func pageUniverse(_ page: Int) -> LocationSet {
        var set = configuration.tlbCapacity == nil ? LocationSet() : capacityLocations
        set.insert([locations.ptl, locations.mmap, locations.flags, locations.pte(page), locations.iotlb(page),
                    locations.cpuTLB(page)])
        set.insert(framesOfPage[page].map(locations.data))
        set.insert(layout.atc.indices.map(locations.atc))
        if configuration.iommu.kind == .smmuv3 && !configuration.iommu.rangeInvalidation && configuration.iommu.maxTLBIOps <= 1 {
            set.insert(layout.iotlb.indices.map(locations.iotlb))
        }
        return set
    }

    /// What the step `action` takes from `state` reads and writes.
    func stepFootprint(of action: WorldAction, in state: WorldState) -> Footprint {
        let thread = Int(action.thread)
        var reads = LocationSet()
        var writes = LocationSet()
        writes.insert(locations.local(thread))
        switch roles[thread] {
        case .cpu:
            let page = faultContext(thread, in: state).page
            if threadPC(thread, in: state) != 0 || isMunmap(thread, in: state) {
                kernelFootprint(thread, page: page, in: state, reads: &reads, writes: &writes)
            } else {
                accessFootprint(thread, page: page, in: state, reads: &reads, writes: &writes)
                writes.insert([locations.mmap, locations.cpuTLB(page), locations.pte(page)])
                reads.insert([locations.pte(page), locations.cpuTLB(page)])
            }
        case let .device(device):
            guard let operation = currentOperation(thread, in: state) else { break }
            let page = operation.page
            reads.insert([locations.pte(page), locations.iotlb(page), locations.atc(device), locations.request(device)])
            writes.insert([locations.iotlb(page), locations.atc(device), locations.request(device), locations.local(workerThread[device])])
            accessFootprint(thread, page: page, in: state, reads: &reads, writes: &writes)
        case let .iopfWorker(device):
            let page = faultContext(thread, in: state).page
            reads.insert(locations.request(device))
            writes.insert([locations.request(device), locations.local(deviceThread[device])])
            if threadPC(thread, in: state) == 0 {
                reads.insert(locations.pte(page))
                writes.insert(locations.mmap)
            } else {
                kernelFootprint(thread, page: page, in: state, reads: &reads, writes: &writes)
            }
        case .iommuPrefetcher:
            let page = Int(action.choice)
            reads.insert([locations.pte(page), locations.iotlb(page)])
            writes.insert(locations.iotlb(page))
            if configuration.tlbCapacity != nil { reads.insert(layout.iotlb.indices.map(locations.iotlb)) }
        }
        return Footprint(actor: thread, reads: reads, writes: writes)
    }

    private func isMunmap(_ thread: Int, in state: WorldState) -> Bool {
        if case .munmap? = currentOperation(thread, in: state) { return true }
        return false
    }

    /// A load or store through a TLB: the frame it may reach, and the violation flag.
    private func accessFootprint(_ thread: Int, page: Int, in state: WorldState, reads: inout LocationSet,
                                 writes: inout LocationSet) {
        let frames = framesOfPage[page].map(locations.data)
        reads.insert(frames)
        if case .write? = currentOperation(thread, in: state) { writes.insert(frames) }
        writes.insert(locations.flags)
        if configuration.tlbCapacity != nil {
            // A fill into a full TLB may evict any entry.
            let caches = capacityLocations
            reads.formUnion(caches)
            writes.formUnion(caches)
        }
    }

    /// With a TLB capacity, every TLB entry a fill may evict.
    var capacityLocations: LocationSet {
        var set = LocationSet()
        set.insert(layout.iotlb.indices.map(locations.iotlb))
        set.insert(layout.iotlb.indices.map(locations.cpuTLB))
        set.insert(layout.atc.indices.map(locations.atc))
        return set
    }

    /// A kernel step, plus the silent steps and program end that may follow it in the same
    /// transition (releasing the mmap lock, answering a page request).
    private func kernelFootprint(_ thread: Int, page: Int, in state: WorldState, reads: inout LocationSet,
                                 writes: inout LocationSet) {
        let program = program(of: thread, in: state)
        let position = max(threadPC(thread, in: state) - 1, 0)
        writes.insert(locations.mmap)
        if case let .iopfWorker(device) = roles[thread] {
            writes.insert([locations.request(device), locations.local(deviceThread[device])])
        }
        guard case let .step(step) = program.ops[position] else { return }
        let pte = locations.pte(page)
        switch step.kind {
        case .lockPTL:
            reads.insert([locations.ptl, pte])
            writes.insert(locations.ptl)
        case .unlockPTL:
            writes.insert(locations.ptl)
            reads.insert(pte)
        case .setAccessFlags, .zapPTE, .installNewPage, .installZeroPage:
            reads.insert(pte)
            writes.insert(pte)
        case .detachVMA:
            reads.insert([locations.mmap, pte])
            writes.insert(pte)
        case .flushTLBPage, .flushGatherRange:
            writes.insert([locations.cpuTLB(page), locations.iotlb(page)])
        case .clearFlush:
            reads.insert(pte)
            writes.insert([pte, locations.cpuTLB(page), locations.iotlb(page)])
        case .notifySecondary, .rangeEnd, .rangeStart:
            writes.insert(locations.iotlb(page))
            writes.insert(layout.atc.indices.map(locations.atc))
            if case .notifySecondary(.wholeMM) = step.kind { writes.insert(layout.iotlb.indices.map(locations.iotlb)) }
            if configuration.iommu.kind == .smmuv3 && !configuration.iommu.rangeInvalidation && configuration.iommu.maxTLBIOps <= 1 {
                writes.insert(layout.iotlb.indices.map(locations.iotlb))
            }
        case .allocZeroed, .allocCopy, .freeNewPage, .freeGatheredPages:
            reads.insert(framesOfPage[page].map(locations.data))
            writes.insert(framesOfPage[page].map(locations.data))
            writes.insert(locations.flags)
        }
        // The branches that follow a step read the PTE.
        reads.insert(pte)
    }

    /// Everything thread `thread` may still touch, from `state` on.
    func futureFootprintOfThread(_ thread: Int, in state: WorldState) -> Footprint {
        var all = LocationSet()
        switch roles[thread] {
        case .cpu:
            let operations = configuration.threads[thread].operations
            let first = operationIndex(thread, in: state)
            guard first < operations.count else { break }
            for operation in operations[first...] { all.formUnion(pageUniverse(operation.page)) }
        case let .device(device):
            let operations = configuration.threads[thread].operations
            let first = operationIndex(thread, in: state)
            guard first < operations.count else { break }
            var reads = LocationSet()
            var writes = LocationSet()
            for operation in operations[first...] {
                let page = operation.page
                reads.insert([locations.pte(page), locations.iotlb(page), locations.atc(device), locations.request(device)])
                reads.insert(framesOfPage[page].map(locations.data))
                writes.insert([locations.iotlb(page), locations.atc(device), locations.request(device), locations.flags])
                if case .write = operation { writes.insert(framesOfPage[page].map(locations.data)) }
            }
            if configuration.tlbCapacity != nil {
                reads.formUnion(capacityLocations)
                writes.formUnion(capacityLocations)
            }
            return Footprint(actor: thread, reads: reads, writes: writes)
        case let .iopfWorker(device):
            let owner = deviceThread[device]
            if state.flag(layout.threads[thread].busy) {
                all.formUnion(pageUniverse(faultContext(thread, in: state).page))
            }
            let operations = configuration.threads[owner].operations
            let first = operationIndex(owner, in: state)
            if first < operations.count {
                for operation in operations[first...] { all.formUnion(pageUniverse(operation.page)) }
            }
            if !all.isEmpty { all.insert(locations.request(device)) }
        case .iommuPrefetcher:
            var reads = LocationSet()
            var writes = LocationSet()
            for page in layout.iotlb.indices {
                reads.insert([locations.pte(page), locations.iotlb(page)])
                writes.insert(locations.iotlb(page))
            }
            return Footprint(actor: thread, reads: reads, writes: writes)
        }
        return Footprint(actor: thread, reads: all, writes: all)
    }

    func futureFootprint(ofThread thread: Int, in state: WorldState) -> Footprint {
        futureFootprintOfThread(thread, in: state)
    }
}
