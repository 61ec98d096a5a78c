/// IOTLB entries no device will use again. A TLB may drop any entry at any time, and an entry
/// for a page no remaining device access touches can influence nothing any more: dropping it
/// the moment it becomes unused (and never filling it speculatively afterwards) merges states
/// that differ only in such entries. No built-in property reads IOTLB contents; with a TLB
/// capacity an entry still takes room, so the rule applies only to unbounded TLBs.
extension World {
    /// Whether unused IOTLB entries are dropped in this world.
    var dropsUnusedTranslations: Bool { configuration.tlbCapacity == nil }

    /// `[device thread][operation index]`: the pages of that operation and the ones after it
    /// (only those it stores to, with `writesOnly`).
    static func remainingPages(_ configuration: ModelConfiguration, writesOnly: Bool = false) -> [[UInt64]] {
        configuration.threads.map { thread in
            var masks = Array(repeating: UInt64(0), count: thread.operations.count + 1)
            guard thread.kind == .device else { return masks }
            for index in stride(from: thread.operations.count - 1, through: 0, by: -1) {
                let operation = thread.operations[index]
                var counts = true
                if writesOnly, case .read = operation { counts = false }
                let page = operation.page
                masks[index] = masks[index + 1] | (counts && page < 64 ? 1 << UInt64(page) : 0)
            }
            return masks
        }
    }

    /// The pages some device will still access (a bit each; every page when there are more
    /// than 64).
    /// With `advancing`, as if that device had already moved past its current access.
    func pagesInUse(in state: WorldState, advancing: Int? = nil) -> UInt64 {
        if layout.iotlb.count > 64 { return .max }
        return devicePages.pagesInUse(in: state, advancing: advancing)
    }

    /// Whether page `page`'s IOTLB entry is still of use to some device.
    func translationInUse(_ page: Int, in state: WorldState) -> Bool {
        !dropsUnusedTranslations || pagesInUse(in: state) & (1 << UInt64(page)) != 0
    }

    /// Drops page `page`'s IOTLB entry if no device will use it again (called when a device
    /// moves past an access to it).
    func dropIfUnused(_ page: Int, in state: inout WorldState) {
        guard dropsUnusedTranslations, page < 64, pagesInUse(in: state) & (1 << UInt64(page)) == 0 else { return }
        state.set(layout.iotlb[page], 0)
    }

    /// Whether device thread `thread`, moving past its current access, leaves page `page`
    /// unused: the footprint of that step then writes the page's IOTLB entry.
    func stepRetiresTranslation(_ thread: Int, page: Int, in state: WorldState) -> Bool {
        guard dropsUnusedTranslations, page < 64 else { return false }
        return pagesInUse(in: state, advancing: thread) & (1 << UInt64(page)) == 0
    }
}
