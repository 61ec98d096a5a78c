/// `mmu_notifier_release` (mm/mmu_notifier.c `__mmu_notifier_release`), called first in
/// `exit_mmap`: interval subscribers are invalidated over the whole address space; every hlist
/// subscriber's `release` runs, then the subscriptions are unhashed so that no later
/// notification reaches them (KERNEL-FACTS §1.3).
extension World {
    /// Whether `mmu_notifier_release` has run.
    func isReleased(_ state: WorldState) -> Bool { state.flag(layout.released) }

    /// Whether the IOMMU still translates for the devices: not after a `release` that stopped
    /// it (SMMUv3 writes a context descriptor with translation disabled, VT-d tears down the
    /// PASID entry), unless the policy's `release` leaves translation on.
    func iommuTranslates(_ state: WorldState) -> Bool {
        !isReleased(state) || configuration.policy.releaseKeepsTranslation
    }

    func notifierRelease(_ thread: Int, in state: inout WorldState, log: inout StepLog) {
        state.setFlag(layout.released, true)
        if hasMirror, mirrorRegistered, userSubscriber != nil {
            userRelease(thread, in: &state, log: &log)
        } else if hasMirror, mirrorRegistered, let mirror = configuration.mirror {
            for instance in layout.mirrorTable.indices {
                for page in configuration.pages.indices { state.set(layout.mirrorTable[instance][page], 0) }
            }
            for thread in mirrorThreads { state.setFlag(layout.threads[thread].stale, true) }
            log.effect(mirror.isKVM ? "KVM release: kvm_flush_shadow_all" : "dmirror: invalidate(RELEASE) over everything")
        }
        guard notifierRegistered else { return }
        for page in layout.iotlb.indices { invalidate(.iotlb, page: page, in: &state) }
        for device in layout.atc.indices {
            for page in layout.iotlb.indices { invalidate(.atc(device: device), page: page, in: &state) }
        }
        log.count(\.iotlbWhole)
        log.effect(configuration.policy.releaseKeepsTranslation
            ? "IOMMU release: TLBI ASID and ATC invalidation, translation left on; subscription unhashed"
            : "IOMMU release: translation disabled, TLBI ASID and ATC invalidation; subscription unhashed")
    }
}
