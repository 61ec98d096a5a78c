/// Counts of the invalidations and other work an execution performs.
public struct CostCounters: Sendable, Equatable, Codable {
    /// CPU TLB invalidations of single pages (`flush_tlb_page`, `ptep_clear_flush`).
    public var cpuTLBIPage = 0
    /// CPU TLB invalidations of ranges (mmu_gather flush).
    public var cpuTLBIRange = 0
    /// CPU TLB invalidations of a whole address space (`flush_tlb_mm`).
    public var cpuTLBIMM = 0
    /// IOTLB entries invalidated because the SMMU snooped a CPU TLBI (BTM).
    public var iotlbSnooped = 0
    /// IOTLB invalidation commands by page or range.
    public var iotlbRange = 0
    /// IOTLB invalidations of the whole ASID/PASID.
    public var iotlbWhole = 0
    /// ATC (device TLB) invalidation commands.
    public var atcInvalidations = 0
    /// Secondary-TLB callback calls (`invalidate_range` / `arch_invalidate_secondary_tlbs`).
    public var secondaryCallbacks = 0
    /// `invalidate_range_start` / `_end` calls.
    public var rangeStartCalls = 0
    public var rangeEndCalls = 0
    /// Range-subscriber callback calls (`invalidate_range_start/end`, interval `invalidate`).
    public var rangeCallbacks = 0
    /// Mirror-table entries erased by an interval notifier's `invalidate`.
    public var mirrorErases = 0
    /// KVM remote TLB flushes after zapping sPTEs.
    public var kvmRemoteFlushes = 0
    /// Page requests (PRI / IOPF) raised by devices.
    public var pageRequests = 0
    /// Hardware page-table walks by the IOMMU.
    public var iommuWalks = 0
    /// Hardware page-table walks by CPUs.
    public var cpuWalks = 0

    public init() {}

    /// Adds another set of counts.
    public static func += (lhs: inout CostCounters, rhs: CostCounters) {
        lhs.cpuTLBIPage += rhs.cpuTLBIPage
        lhs.cpuTLBIRange += rhs.cpuTLBIRange
        lhs.cpuTLBIMM += rhs.cpuTLBIMM
        lhs.iotlbSnooped += rhs.iotlbSnooped
        lhs.iotlbRange += rhs.iotlbRange
        lhs.iotlbWhole += rhs.iotlbWhole
        lhs.atcInvalidations += rhs.atcInvalidations
        lhs.secondaryCallbacks += rhs.secondaryCallbacks
        lhs.rangeStartCalls += rhs.rangeStartCalls
        lhs.rangeEndCalls += rhs.rangeEndCalls
        lhs.pageRequests += rhs.pageRequests
        lhs.rangeCallbacks += rhs.rangeCallbacks
        lhs.mirrorErases += rhs.mirrorErases
        lhs.kvmRemoteFlushes += rhs.kvmRemoteFlushes
        lhs.iommuWalks += rhs.iommuWalks
        lhs.cpuWalks += rhs.cpuWalks
    }

    /// Name and value of every counter, in a stable order.
    public var entries: [(name: String, value: Int)] {
        [("cpu-tlbi-page", cpuTLBIPage), ("cpu-tlbi-range", cpuTLBIRange), ("cpu-tlbi-mm", cpuTLBIMM), ("iotlb-snooped", iotlbSnooped),
         ("iotlb-range", iotlbRange), ("iotlb-whole", iotlbWhole), ("atc-inv", atcInvalidations),
         ("secondary-callbacks", secondaryCallbacks), ("range-start", rangeStartCalls), ("range-end", rangeEndCalls),
         ("range-callbacks", rangeCallbacks), ("mirror-erase", mirrorErases), ("kvm-remote-flush", kvmRemoteFlushes),
         ("page-requests", pageRequests), ("iommu-walks", iommuWalks), ("cpu-walks", cpuWalks)]
    }
}
