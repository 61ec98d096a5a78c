/// The kernel side of a device page request: `iommu_sva_handle_iopf` (drivers/iommu/iommu-sva.c)
/// runs `handle_mm_fault` on the device's behalf and answers with a page response.
extension World {
    /// The worker picks up the request: `mmap_read_lock`, `vma_lookup`, access check. A bad
    /// address is answered `IOMMU_PAGE_RESP_INVALID` at once.
    func workerEntry(_ thread: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        var next = state
        let (page, write) = faultContext(thread, in: state)
        let name = pageName(page)
        if isReleased(state) {
            respondToPageRequest(thread, success: false, in: &next)
            log.say("iommu_sva_handle_iopf(\(name)): the mm is exiting (mmget_not_zero fails) → IOMMU_PAGE_RESP_INVALID")
            return next
        }
        if !vmaAllows(page, write: write, in: state) {
            respondToPageRequest(thread, success: false, in: &next)
            log.say("iommu_sva_handle_iopf(\(name), \(write ? "write" : "read")): no VMA → IOMMU_PAGE_RESP_INVALID")
            return next
        }
        log.say("iommu_sva_handle_iopf(\(name), \(write ? "write" : "read")): mmap_read_lock, handle_mm_fault (pte \(pte(page, in: state)))")
        return enterFault(thread, page: page, next, log: &log)
    }

    /// `iopf_group_response`: the device resumes. On success it retries its access; otherwise
    /// the access ends faulted.
    func respondToPageRequest(_ worker: Int, success: Bool, in state: inout WorldState) {
        guard case let .iopfWorker(device) = roles[worker] else { return }
        let deviceIndex = deviceThread[device]
        state.setFlag(layout.threads[worker].busy, false)
        state.setFlag(layout.threads[deviceIndex].waiting, false)
        if !success, let operation = currentOperation(deviceIndex, in: state) {
            failAccess(deviceIndex, operation, in: &state)
        }
    }
}
