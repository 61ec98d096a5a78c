/// The IOMMU's speculative table walker: with `prefetch=on` it may cache any present
/// translation at any time, as an SMMU or VT-d walker caching ahead of use may.
extension World {
    /// Whether the walker may fill page `page` now: its IOTLB entry is empty, its PTE present,
    /// some device will still use it, and, when the IOTLB has a capacity, there is room (speculation does not evict).
    func isPrefetchCandidate(_ page: Int, in state: WorldState) -> Bool {
        guard state.get(layout.iotlb[page]) == 0, pte(page, in: state).present, translationInUse(page, in: state),
              iommuTranslates(state) else {
            return false
        }
        guard let capacity = configuration.tlbCapacity else { return true }
        return layout.iotlb.indices.count { state.get(layout.iotlb[$0]) != 0 } < capacity
    }

    /// Fills page `page`'s IOTLB entry.
    func prefetch(page: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        guard page < layout.iotlb.count, isPrefetchCandidate(page, in: state) else { return state }
        var next = state
        let entry = pte(page, in: state)
        let translation = CachedTranslation(frame: entry.frame, writable: rules.hardwareWritable(entry))
        next.set(layout.iotlb[page], CachedTranslation.encode(translation))
        log.count(\.iommuWalks)
        log.say("speculative walk fills IOTLB[\(pageName(page))] = \(translation)")
        return next
    }
}
