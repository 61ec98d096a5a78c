import ShootdownChecker

/// What each thread may still touch: the future footprints partial-order reduction compares a
/// candidate step against. They must over-approximate every step a thread may take from the
/// state on, in any interleaving with the others.
extension World {
    /// Everything thread `thread` may still touch, from `state` on.
    func futureFootprint(ofThread thread: Int, in state: WorldState) -> Footprint {
        futureFootprint(ofThread: thread, in: state, whileIdle: nil)
    }

    /// Devices and the IOMMU's walker fill IOTLB entries only when they are empty, and only
    /// other threads empty them: their futures depend on who stands still.
    func futureDependsOnIdle(_ thread: Int) -> Bool {
        switch roles[thread] {
        case .device, .iommuPrefetcher: return true
        case .cpu, .iopfWorker: return false
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
            let operations = configuration.threads[thread].operations
            let first = operationIndex(thread, in: state)
            guard first < operations.count else { break }
            let refillable = refillablePages(in: state, whileIdle: idle)
            for operation in operations[first...] {
                let page = operation.page
                reads.insert([locations.iotlb(page), locations.atc(device), locations.request(device)])
                writes.insert([locations.atc(device), locations.request(device)])
                // A device walks and fills only on a miss, or drops an entry on a permission
                // fault when its faults are handled.
                if refillable[page] || configuration.faults == .handle || configuration.iommu.ats {
                    reads.insert(locations.pte(page))
                    writes.insert(locations.iotlb(page))
                }
                var storing = false
                if case .write = operation { storing = true }
                insertFrames(of: page, reachableBy: workerThread[device], in: state, reads: &reads, writes: &writes, writing: storing)
            }
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
        case .iommuPrefetcher:
            // The walker's guards read every entry; it walks and fills only entries that are
            // empty now or that another thread may empty.
            let refillable = refillablePages(in: state, whileIdle: idle)
            for page in layout.iotlb.indices {
                reads.insert(locations.iotlb(page))
                if refillable[page] {
                    reads.insert(locations.pte(page))
                    writes.insert(locations.iotlb(page))
                }
            }
            if configuration.tlbCapacity != nil { reads.formUnion(capacityLocations) }
        }
        return Footprint(actor: thread, reads: reads, writes: writes)
    }

    /// A CPU thread's remaining operations: the rest of a straight-line program it is in,
    /// then each operation to come.
    private func cpuFuture(_ thread: Int, in state: WorldState, reads: inout LocationSet, writes: inout LocationSet) {
        let operations = configuration.threads[thread].operations
        let first = operationIndex(thread, in: state)
        guard first < operations.count else { return }
        for (offset, operation) in operations[first...].enumerated() {
            let page = operation.page
            switch operation {
            case let .path(index, _):
                let start = offset == 0 ? max(threadPC(thread, in: state) - 1, 0) : 0
                let program = programs.paths[index]
                var touchesFrames = false
                for op in program.ops[start...] {
                    guard case let .step(step) = op else { continue }
                    insertStepLocations(step.kind, page: page, reads: &reads, writes: &writes)
                    switch step.kind {
                    case .allocCopy, .allocZeroed, .freeNewPage, .freeGatheredPages: touchesFrames = true
                    default: break
                    }
                }
                if touchesFrames {
                    reads.insert(locations.pte(page))
                    insertFrames(of: page, reachableBy: thread, in: state, reads: &reads, writes: &writes, writing: true)
                }
            case .read, .write where configuration.faults == .wait:
                // No fault: a TLB lookup or a hardware walk, and the access.
                reads.insert([locations.pte(page), locations.cpuTLB(page)])
                writes.insert(locations.cpuTLB(page))
                if rules.hardwareSetsDirty { writes.insert(locations.pte(page)) }
                var storing = false
                if case .write = operation { storing = true }
                insertFrames(of: page, reachableBy: thread, in: state, reads: &reads, writes: &writes, writing: storing)
                if configuration.tlbCapacity != nil {
                    reads.formUnion(capacityLocations)
                    writes.formUnion(capacityLocations)
                }
            default:
                let static_ = pageLocations(page)
                reads.formUnion(static_)
                writes.formUnion(static_)
                insertFrames(of: page, reachableBy: thread, in: state, reads: &reads, writes: &writes, writing: true)
            }
        }
    }

    /// Per page, whether its IOTLB entry may be empty at some point of an execution from
    /// `state` in which `idle` stands still: it is empty now, a capacity eviction may empty it,
    /// or a CPU thread or kernel worker other than `idle` may still invalidate it.
    func refillablePages(in state: WorldState, whileIdle idle: Int?) -> [Bool] {
        var result = layout.iotlb.map { state.get($0) == 0 }
        if configuration.tlbCapacity != nil { return result.map { _ in true } }
        for thread in roles.indices where thread != idle {
            switch roles[thread] {
            case .cpu, .iopfWorker:
                let future = futureFootprint(ofThread: thread, in: state, whileIdle: nil)
                for page in result.indices where !result[page] && future.writes.contains(locations.iotlb(page)) {
                    result[page] = true
                }
            case .device:
                // A permission fault may drop the entry (VT-d) when faults are handled.
                if configuration.faults == .handle && configuration.iommu.permissionFaultDropsEntry {
                    for page in result.indices { result[page] = true }
                }
            case .iommuPrefetcher:
                break
            }
        }
        return result
    }
}
