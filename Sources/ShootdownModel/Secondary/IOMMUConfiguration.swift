/// The IOMMU the devices are bound to (shared virtual addressing: the IOMMU walks the CPU page
/// table of the process), and the features that decide how it learns of invalidations.
public struct IOMMUConfiguration: Sendable, Equatable {
    /// The kinds of IOMMU the model knows.
    public enum Kind: String, Sendable, CaseIterable {
        /// Arm SMMUv3 with SVA, in its 6.6-era form: the context descriptor uses the CPU's ASID,
        /// so with BTM the SMMU snoops the CPU's broadcast TLBIs
        /// (`drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-sva.c`).
        case smmuv3
        /// An Intel VT-d-style IOMMU with SVM: x86 rules, so a permission fault discards the
        /// cached entry (`drivers/iommu/intel/svm.c`).
        case vtd
        /// AMD IOMMUv2 / SVA (x86): one page flushed by itself, anything larger as the whole
        /// PASID (`drivers/iommu/amd/iommu_v2.c:mn_invalidate_range`, removed in v6.7; the later
        /// `amd/pasid.c` flushes the range), device TLBs with it.
        case amd
    }

    public var kind: Kind
    /// Broadcast TLB maintenance: the SMMU's TLB obeys the CPU's broadcast TLBIs for the shared
    /// ASID. Only meaningful for ``Kind/smmuv3`` on arm64.
    public var btm: Bool
    /// PCIe Address Translation Services: devices keep their own translation cache (ATC) that
    /// only an explicit ATC invalidation reaches (BTM never does).
    public var ats: Bool
    /// `ARM_SMMU_FEAT_RANGE_INV`: range TLBI commands. Without it a range of at least
    /// ``maxTLBIOps`` pages falls back to invalidating the whole ASID.
    public var rangeInvalidation: Bool
    /// `CMDQ_MAX_TLBI_OPS` in pages (512 for 4 KiB pages).
    public var maxTLBIOps: Int
    /// SMMUv3 only: the SVA domain uses an ASID of its own (the current driver) instead of the
    /// CPU's pinned ASID (the 6.6-era driver), so BTM never matches and the driver always
    /// issues both its TLBI and the ATC invalidation (KERNEL-FACTS §4.1).
    public var privateASID = false
    /// The IOMMU may walk and cache any present translation at any time (speculative
    /// prefetch, or ATS translation requests a device issues ahead of use).
    public var prefetch: Bool

    public init(kind: Kind, btm: Bool = false, ats: Bool = false, rangeInvalidation: Bool = false, maxTLBIOps: Int = 512,
                prefetch: Bool = false) {
        self.kind = kind
        self.prefetch = prefetch
        self.btm = btm
        self.ats = ats
        self.rangeInvalidation = rangeInvalidation
        self.maxTLBIOps = maxTLBIOps
    }

    /// Whether a permission fault discards the cached IOTLB entry (x86 rule) rather than
    /// leaving it in place (Arm rule: TLBs may cache a read-only permission).
    public var permissionFaultDropsEntry: Bool { kind != .smmuv3 }

    /// Whether the IOMMU's TLB sees the CPU's TLB invalidations by itself.
    public var snoopsCPUInvalidations: Bool { kind == .smmuv3 && btm && !privateASID }

    /// The architecture the IOMMU belongs to.
    public var architecture: Architecture { kind == .smmuv3 ? .arm64 : .x86 }
}
