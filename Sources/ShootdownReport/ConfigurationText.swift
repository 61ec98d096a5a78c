import ShootdownModel

extension ModelConfiguration {
    /// One line naming the machine, the policy and the IOMMU features.
    public var summaryLine: String {
        var iommuText = "\(iommu.kind.rawValue) btm=\(iommu.btm ? "on" : "off") ats=\(iommu.ats ? "on" : "off")"
        if iommu.kind == .smmuv3 { iommuText += " range=\(iommu.rangeInvalidation ? "on" : "off")" }
        let capacity = tlbCapacity.map { "tlb-capacity=\($0)" } ?? "tlb-capacity=unbounded"
        return "\(architecture.rawValue), policy \(policy.name) (\(policy.era.callbackName)), iommu \(iommuText), \(capacity)"
    }
}
