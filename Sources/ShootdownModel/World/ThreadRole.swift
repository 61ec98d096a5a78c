/// What a thread of the world is.
public enum ThreadRole: Sendable, Equatable {
    /// A CPU running the declared operations; `cpu` indexes the CPU TLBs.
    case cpu(cpu: Int)
    /// A device doing DMA; `device` indexes the ATCs and IOPF workers.
    case device(device: Int)
    /// The kernel worker serving the page requests of device `device`
    /// (`iommu_sva_handle_iopf` → `handle_mm_fault`).
    case iopfWorker(device: Int)
    /// The IOMMU's speculative walker (`iommu … prefetch=on`): fills any empty IOTLB entry
    /// whose PTE is present.
    case iommuPrefetcher
}
