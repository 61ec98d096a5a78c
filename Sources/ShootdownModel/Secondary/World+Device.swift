/// A device's DMA access: through its ATC (with ATS) or the IOTLB, a hardware walk of the CPU
/// page table by the IOMMU, or a page request (PRI/IOPF) when the translation is missing or
/// lacks a permission.
extension World {
    func deviceAccess(_ thread: Int, device: Int, choice: Int, _ state: WorldState, log: inout StepLog,
                      probe: inout FillProbe) -> WorldState {
        guard let operation = currentOperation(thread, in: state) else { return state }
        var next = state
        let page = operation.page
        let write: Bool
        if case .write = operation { write = true } else { write = false }
        let iommu = configuration.iommu
        let name = pageName(page)

        if iommu.ats {
            let atc = TranslationCache.atc(device: device)
            if let cached = lookup(atc, page: page, in: state), !write || cached.writable {
                completeAccess(thread, operation, frame: cached.frame, in: &next)
                log.say("\(describe(operation, thread: thread, in: next)) (ATC hit)")
                return next
            }
            // PCIe ATS: a missing entry, or one lacking the needed permission, sends a new
            // translation request to the IOMMU.
            let (translation, how) = iommuTranslate(page: page, write: write, choice: choice, in: &next, log: &log,
                                                    probe: &probe)
            if let translation {
                fill(atc, page: page, translation, choice: 0, in: &next, log: &log, probe: &probe)
            }
            if let translation, !write || translation.writable {
                log.say("ATS translation request \(name): \(how), ATC[\(name)] = \(translation)")
                return next
            }
            raisePageRequest(thread, device: device, page: page, write: write, in: &next, log: &log)
            log.say("ATS translation request \(name): \(how) → page request (\(write ? "write" : "read"))")
            return next
        }

        if let cached = lookup(.iotlb, page: page, in: state) {
            if !write || cached.writable {
                completeAccess(thread, operation, frame: cached.frame, in: &next)
                log.say("\(describe(operation, thread: thread, in: next)) (IOTLB hit)")
                return next
            }
            if iommu.permissionFaultDropsEntry {
                invalidate(.iotlb, page: page, in: &next)
                log.effect("permission fault drops IOTLB[\(name)]")
            }
            raisePageRequest(thread, device: device, page: page, write: write, in: &next, log: &log)
            log.say("write \(name): IOTLB[\(name)] = \(cached) lacks write → permission fault, page request")
            return next
        }
        guard iommuTranslates(state) else {
            raisePageRequest(thread, device: device, page: page, write: write, in: &next, log: &log)
            log.say("\(write ? "write" : "read") \(name): translation disabled by release → fault, page request")
            return next
        }
        let entry = pte(page, in: state)
        log.count(\.iommuWalks)
        guard entry.present else {
            raisePageRequest(thread, device: device, page: page, write: write, in: &next, log: &log)
            log.say("\(write ? "write" : "read") \(name): IOMMU walk finds no PTE → translation fault, page request")
            return next
        }
        // Without ATS the IOMMU translates the transaction in line: the walk, the fill and the
        // access are one step, and the access uses the translation just walked.
        let translation = CachedTranslation(frame: entry.frame, writable: rules.hardwareWritable(entry))
        if !write || translation.writable {
            fill(.iotlb, page: page, translation, choice: choice, in: &next, log: &log, probe: &probe)
            completeAccess(thread, operation, frame: translation.frame, in: &next)
            log.say("\(describe(operation, thread: thread, in: next)) (IOTLB miss, IOMMU walk fills IOTLB[\(name)] = \(translation))")
            return next
        }
        if !iommu.permissionFaultDropsEntry {
            fill(.iotlb, page: page, translation, choice: choice, in: &next, log: &log, probe: &probe)
        }
        raisePageRequest(thread, device: device, page: page, write: true, in: &next, log: &log)
        log.say("write \(name): IOMMU walk finds \(translation) lacking write → permission fault, page request")
        return next
    }

    /// The IOMMU answers a translation request from its IOTLB, or walks the CPU page table and
    /// fills the IOTLB. Returns `nil` when the PTE is not present.
    private func iommuTranslate(page: Int, write: Bool, choice: Int, in state: inout WorldState, log: inout StepLog,
                                probe: inout FillProbe) -> (CachedTranslation?, String) {
        let name = pageName(page)
        if let cached = lookup(.iotlb, page: page, in: state) {
            if !(write && !cached.writable) || !configuration.iommu.permissionFaultDropsEntry {
                return (cached, "IOTLB hit \(cached)")
            }
            invalidate(.iotlb, page: page, in: &state)
            log.effect("permission fault drops IOTLB[\(name)]")
        }
        guard iommuTranslates(state) else { return (nil, "translation disabled by release") }
        log.count(\.iommuWalks)
        let entry = pte(page, in: state)
        guard entry.present else { return (nil, "IOMMU walk finds no PTE") }
        let translation = CachedTranslation(frame: entry.frame, writable: rules.hardwareWritable(entry))
        fill(.iotlb, page: page, translation, choice: choice, in: &state, log: &log, probe: &probe)
        return (translation, "IOMMU walk \(translation)")
    }

    /// The device stalls its access and queues a page request for its IOPF worker.
    private func raisePageRequest(_ thread: Int, device: Int, page: Int, write: Bool, in state: inout WorldState,
                                  log: inout StepLog) {
        let worker = layout.threads[workerThread[device]]
        state.setFlag(layout.threads[thread].waiting, true)
        state.setFlag(worker.busy, true)
        state.set(worker.requestPage, UInt64(page))
        state.setFlag(worker.requestWrite, write)
        log.count(\.pageRequests)
    }
}
