/// The `faults = wait` abstraction: an access whose translation would fault is not enabled.
extension World {
    /// With `faults = wait`, no ATS and a speculative walker, a device access that misses in
    /// the IOTLB waits for the walker to fill the entry, then hits. The walker may fill any
    /// empty entry whose PTE is present at any time, so "walk, fill and access in one step" and
    /// "the walker fills, then the access hits" reach the same states; letting only the walker
    /// fill keeps device accesses from writing the IOTLB, so that they are independent of each
    /// other.
    var walkerServesMisses: Bool {
        configuration.faults == .wait && configuration.iommu.prefetch && !configuration.iommu.ats
    }

    /// Whether a cached translation gives the access the permission it needs (`nil`: no entry).
    func permits(_ translation: CachedTranslation?, _ operation: Operation) -> Bool? {
        guard let translation else { return nil }
        if case .write = operation { return translation.writable }
        return true
    }

    /// Whether a CPU load/store or a device DMA would fault from `state`: no cached
    /// translation with the permission it needs, and none a hardware walk would find.
    func accessWouldFault(_ thread: Int, _ operation: Operation, in state: WorldState) -> Bool {
        let write: Bool
        switch operation {
        case .read: write = false
        case .write: write = true
        case .munmap, .populateWrite, .gupTest, .path, .kernel, .dmirror, .rendezvous: return false
        }
        let page = operation.page
        func permits(_ translation: CachedTranslation?) -> Bool? { self.permits(translation, operation) }
        let entry = pte(page, in: state)
        let walkSucceeds = entry.present && (!write || rules.hardwareWritable(entry))
        switch roles[thread] {
        case let .cpu(cpu):
            if let allowed = permits(lookup(.cpuTLB(cpu: cpu), page: page, in: state)) { return !allowed }
            return !walkSucceeds
        case let .device(device):
            if configuration.iommu.ats, permits(lookup(.atc(device: device), page: page, in: state)) == true { return false }
            if let allowed = permits(lookup(.iotlb, page: page, in: state)) {
                if allowed { return false }
                if !configuration.iommu.permissionFaultDropsEntry || !configuration.iommu.ats { return true }
            }
            // With a speculative walker, a miss waits for the walker's fill (see
            // `walkerServesMisses`).
            return walkerServesMisses || !walkSucceeds
        case .iopfWorker, .iommuPrefetcher, .mirror:
            return false
        }
    }
}
