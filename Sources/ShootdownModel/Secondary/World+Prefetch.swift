/// The IOMMU's speculative table walker: with `prefetch=on` it may cache any present
/// translation at any time, as an SMMU or VT-d walker caching ahead of use may.
extension World {
    /// Pages whose IOTLB entry is empty and whose PTE is present (only while the IOTLB has
    /// room, when it has a capacity: speculation does not evict).
    func prefetchCandidates(in state: WorldState) -> [Int] {
        var candidates: [Int] = []
        var occupied = 0
        for page in layout.iotlb.indices {
            if state.get(layout.iotlb[page]) != 0 {
                occupied += 1
            } else if pte(page, in: state).present {
                candidates.append(page)
            }
        }
        if let capacity = configuration.tlbCapacity, occupied >= capacity { return [] }
        return candidates
    }

    /// Fills page `choice`'s IOTLB entry (the action's choice is the page).
    func prefetch(choice page: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        guard page < layout.iotlb.count, prefetchCandidates(in: state).contains(page) else { return state }
        var next = state
        let entry = pte(page, in: state)
        let translation = CachedTranslation(frame: entry.frame, writable: rules.hardwareWritable(entry))
        next.set(layout.iotlb[page], CachedTranslation.encode(translation))
        log.count(\.iommuWalks)
        log.say("speculative walk fills IOTLB[\(pageName(page))] = \(translation)")
        return next
    }
}
