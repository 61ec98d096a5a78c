/// What a thread of the world is.
public enum ThreadRole: Sendable, Equatable {
    /// A CPU running the declared operations; `cpu` indexes the CPU TLBs.
    case cpu(cpu: Int)
    /// A device doing DMA; `device` indexes the ATCs and IOPF workers.
    case device(device: Int)
    /// The kernel worker serving the page requests of device `device`
    /// (`iommu_sva_handle_iopf` → `handle_mm_fault`).
    case iopfWorker(device: Int)
    /// The IOMMU's speculative walker (`iommu … prefetch=on`) for one page: fills the page's
    /// IOTLB entry whenever it is empty and the PTE present. One actor per page, so that a
    /// fill of one page is independent of every step on another (for partial-order reduction);
    /// under weak fairness each page's fill is a separate obligation.
    case iommuPrefetcher(page: Int)
    /// A device or vCPU bound to the range subscriber; `instance` indexes its mirror table
    /// (one per dmirror device, one shared by all vCPUs of the VM).
    case mirror(instance: Int)
}

extension ThreadRole {
    /// Whether the thread is bound to the range subscriber.
    var isMirror: Bool {
        if case .mirror = self { return true } else { return false }
    }
}
