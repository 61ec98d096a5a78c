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
        return iotlbHasRoom(in: state)
    }

    /// The pages of `pages` (a mask of pages below 64) that the walker may fill now, as
    /// ``isPrefetchCandidate(_:in:)`` decides page by page, with what they share (whether the
    /// IOMMU translates, which pages are in use, whether the IOTLB has room) computed once.
    func prefetchCandidates(among pages: UInt64, in state: WorldState) -> UInt64 {
        guard pages != 0, iommuTranslates(state) else { return 0 }
        let inUse = dropsUnusedTranslations ? pagesInUse(in: state) : ~0
        var candidates: UInt64 = 0
        var rest = pages & inUse
        while rest != 0 {
            let page = rest.trailingZeroBitCount
            rest &= rest - 1
            if state.get(layout.iotlb[page]) == 0 && pte(page, in: state).present { candidates |= 1 << UInt64(page) }
        }
        return candidates != 0 && iotlbHasRoom(in: state) ? candidates : 0
    }

    /// Whether a speculative fill finds room: always without a capacity, else while fewer
    /// entries than the capacity are filled (speculation does not evict).
    private func iotlbHasRoom(in state: WorldState) -> Bool {
        guard let capacity = configuration.tlbCapacity else { return true }
        return layout.iotlb.indices.count { state.get(layout.iotlb[$0]) != 0 } < capacity
    }

    /// Fills page `page`'s IOTLB entry, if the walker may fill it now.
    func prefetch(page: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        guard page < layout.iotlb.count, isPrefetchCandidate(page, in: state) else { return state }
        return fillCandidate(page: page, state, log: &log)
    }

    /// Fills page `page`'s IOTLB entry from its PTE: the fill itself, for a page
    /// ``isPrefetchCandidate(_:in:)`` accepts.
    func fillCandidate(page: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        var next = state
        let entry = pte(page, in: state)
        let translation = CachedTranslation(frame: entry.frame, writable: rules.hardwareWritable(entry))
        next.set(layout.iotlb[page], CachedTranslation.encode(translation))
        log.count(\.iommuWalks)
        log.say("speculative walk fills IOTLB[\(pageName(page))] = \(translation)")
        return next
    }
}
