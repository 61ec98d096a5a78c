import ShootdownModel

/// The configuration a scenario was checked in: architecture, kernel policy, IOMMU and its
/// features. One scenario file gives one variant today; a matrix of them would give several
/// results for the same file, told apart by this.
public struct VariantReport: Codable, Sendable, Equatable {
    /// The kernel policy.
    public struct Policy: Codable, Sendable, Equatable {
        /// The policy's name (`v6.2`, `patch-v2`, …).
        public var name: String
        /// One line saying what it is.
        public var summary: String
        /// The secondary-TLB callback of its era: `invalidate_range` or
        /// `arch_invalidate_secondary_tlbs`.
        public var secondaryTLBCallback: String
    }

    /// The IOMMU and its features.
    public struct IOMMU: Codable, Sendable, Equatable {
        /// `smmuv3` or `vtd`.
        public var kind: String
        /// Broadcast TLB maintenance (SMMUv3).
        public var btm: Bool
        /// PCIe ATS: devices keep an ATC.
        public var ats: Bool
        /// Range TLBI commands (`ARM_SMMU_FEAT_RANGE_INV`).
        public var rangeInvalidation: Bool
        /// `CMDQ_MAX_TLBI_OPS`, in pages.
        public var maxTLBIOps: Int
        /// Speculative walks may fill the IOTLB at any time.
        public var prefetch: Bool
    }

    /// `arm64` or `x86`.
    public var architecture: String
    public var policy: Policy
    public var iommu: IOMMU
    /// Entries each TLB holds; absent when unbounded.
    public var tlbCapacity: Int?
    /// `handle` or `wait`: what a faulting access does.
    public var faults: String
    /// The configuration in one line, as the text report prints it after `Config`.
    public var summary: String

    /// The variant of `configuration`.
    public init(_ configuration: ModelConfiguration) {
        architecture = configuration.architecture.rawValue
        policy = Policy(name: configuration.policy.name, summary: configuration.policy.summary,
                        secondaryTLBCallback: configuration.policy.era.callbackName)
        let iommu = configuration.iommu
        self.iommu = IOMMU(kind: iommu.kind.rawValue, btm: iommu.btm, ats: iommu.ats,
                           rangeInvalidation: iommu.rangeInvalidation, maxTLBIOps: iommu.maxTLBIOps,
                           prefetch: iommu.prefetch)
        tlbCapacity = configuration.tlbCapacity
        faults = configuration.faults.rawValue
        summary = configuration.summaryLine
    }
}
