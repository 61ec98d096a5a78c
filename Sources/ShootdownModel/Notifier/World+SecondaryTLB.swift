/// `mmu_notifier_invalidate_range` (old era) / `mmu_notifier_arch_invalidate_secondary_tlbs`
/// (new era): walk the subscriptions (mm/mmu_notifier.c) and call each secondary-TLB
/// subscriber's callback. The model has one subscriber: the IOMMU's SVA binding.
extension World {
    /// Notifies the secondary TLBs of `pages`, or of the whole address space when `nil`
    /// (`flush_tlb_mm` passes `0, ULONG_MAX`).
    func notifySecondaryTLBs(_ pages: [Int]?, in state: inout WorldState, log: inout StepLog) {
        guard notifierRegistered else {
            log.effect("no secondary-TLB subscriber registered: nothing invalidated")
            return
        }
        guard !isReleased(state) else {
            log.effect("the subscription was unhashed by mmu_notifier_release: nothing invalidated")
            return
        }
        log.count(\.secondaryCallbacks)
        switch configuration.iommu.kind {
        case .smmuv3: smmuInvalidate(pages, in: &state, log: &log)
        case .vtd: vtdInvalidate(pages, in: &state, log: &log)
        case .amd: amdInvalidate(pages, in: &state, log: &log)
        }
    }

    /// `arm_smmu_mm_invalidate_range` / `arm_smmu_mm_arch_invalidate_secondary_tlbs`
    /// (drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-sva.c), 6.6-era form with the CPU's ASID:
    /// without BTM, TLBI by range — or the whole ASID when the range is `ULONG_MAX` or, lacking
    /// RANGE_INV, at least `CMDQ_MAX_TLBI_OPS` pages; with BTM the SMMU already snooped the
    /// CPU's TLBI and the driver skips its own. ATC invalidation is issued always.
    private func smmuInvalidate(_ pages: [Int]?, in state: inout WorldState, log: inout StepLog) {
        let iommu = configuration.iommu
        let wholeASID = pages == nil || (!iommu.rangeInvalidation && pages!.count >= iommu.maxTLBIOps)
        // The current driver's private ASID is never snooped: it always issues its own TLBI.
        if !iommu.snoopsCPUInvalidations {
            if wholeASID {
                for page in layout.iotlb.indices { invalidate(.iotlb, page: page, in: &state) }
                log.effect("SMMU: CMD_TLBI_NH_ASID (whole ASID)")
                log.count(\.iotlbWhole)
            } else {
                for page in pages! { invalidate(.iotlb, page: page, in: &state) }
                log.effect("SMMU: CMD_TLBI_NH_VA \(rangeName(pages!))")
                log.count(\.iotlbRange)
            }
        }
        invalidateATCs(wholeASID ? nil : pages, in: &state, log: &log)
    }

    /// `intel_arch_invalidate_secondary_tlbs` (drivers/iommu/intel/svm.c): flush the PASID
    /// IOTLB and, for ATS devices, the device TLB; all of it for `(0, ULONG_MAX)`.
    private func vtdInvalidate(_ pages: [Int]?, in state: inout WorldState, log: inout StepLog) {
        for page in pages ?? Array(layout.iotlb.indices) { invalidate(.iotlb, page: page, in: &state) }
        if pages == nil {
            log.effect("VT-d: cache_tag_flush_all")
            log.count(\.iotlbWhole)
        } else {
            log.effect("VT-d: cache_tag_flush_range \(rangeName(pages!))")
            log.count(\.iotlbRange)
        }
        invalidateATCs(pages, in: &state, log: &log)
    }

    /// `mn_invalidate_range` (drivers/iommu/amd/iommu_v2.c): a single page is flushed by
    /// itself (`amd_iommu_flush_page`), anything else as the whole PASID (`amd_iommu_flush_tlb`);
    /// both reach the device TLB of an ATS device.
    private func amdInvalidate(_ pages: [Int]?, in state: inout WorldState, log: inout StepLog) {
        if let pages, pages.count == 1 {
            invalidate(.iotlb, page: pages[0], in: &state)
            log.effect("AMD: amd_iommu_flush_page \(rangeName(pages))")
            log.count(\.iotlbRange)
            invalidateATCs(pages, in: &state, log: &log)
        } else {
            for page in layout.iotlb.indices { invalidate(.iotlb, page: page, in: &state) }
            log.effect("AMD: amd_iommu_flush_tlb (whole PASID)")
            log.count(\.iotlbWhole)
            invalidateATCs(nil, in: &state, log: &log)
        }
    }

    /// ATC invalidation for every ATS-capable device (`arm_smmu_atc_inv_domain`,
    /// `qi_flush_dev_iotlb_pasid`).
    private func invalidateATCs(_ pages: [Int]?, in state: inout WorldState, log: inout StepLog) {
        guard configuration.iommu.ats else { return }
        for device in layout.atc.indices {
            for page in pages ?? Array(layout.iotlb.indices) { invalidate(.atc(device: device), page: page, in: &state) }
            log.count(\.atcInvalidations)
        }
        log.effect("ATC invalidation \(pages.map(rangeName) ?? "(all)")")
    }

    private func rangeName(_ pages: [Int]) -> String {
        "[" + pages.map(pageName).joined(separator: ",") + "]"
    }
}
