/// When the world's state graph has no cycle, and the measure of progress that proves it.
extension World {
    /// With `faults = wait`, no ATS, and no `madvise(MADV_POPULATE_WRITE)` (whose GUP loop
    /// retries a fault that changed nothing), every step makes progress: a declared thread's
    /// step advances its program counter or its operation, and a speculative IOTLB fill fills
    /// an empty entry. ``progressMeasure(of:)`` grows strictly along every transition then.
    var hasNoCycle: Bool {
        guard configuration.faults == .wait, !configuration.iommu.ats, mirrorThreads.isEmpty else { return false }
        return !configuration.threads.contains { thread in
            thread.operations.contains(where: \.faultsInForWrite)
        }
    }

    /// The declared threads' progress (operation index, then program counter), weighted above
    /// the number of filled IOTLB entries, which only a step of a declared thread can lower.
    func progressMeasure(of state: WorldState) -> Int {
        let stride = programs.longest + 2
        var threads = 0
        for thread in configuration.threads.indices {
            threads += operationIndex(thread, in: state) * stride + threadPC(thread, in: state)
        }
        let filled = layout.iotlb.count { state.get($0) != 0 }
        return threads * (layout.iotlb.count + 1) + filled
    }
}
