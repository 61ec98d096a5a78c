/// Dispatching a transition to the thread that takes it.
extension World {
    /// How many alternatives thread `thread` has for its next step (0 when it cannot move).
    func choiceCount(of thread: Int, in state: WorldState) -> Int {
        switch roles[thread] {
        case .cpu:
            if threadPC(thread, in: state) != 0 { return kernelStepEnabled(thread, in: state) ? 1 : 0 }
            guard let operation = currentOperation(thread, in: state) else { return 0 }
            if operation == .rendezvous { return rendezvousReached(thread, in: state) ? 1 : 0 }
            if startsProgramDirectly(thread, in: state) { return kernelStepEnabled(thread, at: 0, in: state) ? 1 : 0 }
            if configuration.faults == .wait && accessWouldFault(thread, operation, in: state) { return 0 }
            if faultWaitsForMmapLock(thread, operation, in: state) { return 0 }
            return userStepChoices(thread, in: state)
        case .device:
            if state.flag(layout.threads[thread].waiting) { return 0 }
            guard let operation = currentOperation(thread, in: state) else { return 0 }
            if configuration.faults == .wait && accessWouldFault(thread, operation, in: state) { return 0 }
            return userStepChoices(thread, in: state)
        case .iopfWorker:
            guard state.flag(layout.threads[thread].busy) else { return 0 }
            if threadPC(thread, in: state) != 0 { return kernelStepEnabled(thread, in: state) ? 1 : 0 }
            return state.flag(layout.mmapWriter) ? 0 : 1
        case let .iommuPrefetcher(page):
            // Fused fills run only as part of the steps they affect.
            return !fusesSpeculativeFills && isPrefetchCandidate(page, in: state) ? 1 : 0
        case .mirror:
            if threadPC(thread, in: state) != 0 { return kernelStepEnabled(thread, in: state) ? 1 : 0 }
            guard let operation = currentOperation(thread, in: state) else { return 0 }
            if operation == .rendezvous { return rendezvousReached(thread, in: state) ? 1 : 0 }
            if startsProgramDirectly(thread, in: state) { return kernelStepEnabled(thread, at: 0, in: state) ? 1 : 0 }
            return mirrorAccessEnabled(thread, in: state) ? 1 : 0
        }
    }

    /// Whether a CPU access would enter the fault handler (`lock_mm_and_find_vma`) while
    /// another thread holds the mmap lock for write: it sleeps until the lock is free.
    private func faultWaitsForMmapLock(_ thread: Int, _ operation: Operation, in state: WorldState) -> Bool {
        guard state.flag(layout.mmapWriter) else { return false }
        if operation.faultsInForWrite {
            let entry = pte(operation.page, in: state)
            return !(entry.present && entry.write)
        }
        return accessWouldFault(thread, operation, in: state)
    }

    /// The number of victims a user step's TLB fill may pick, or 1 when no fill evicts.
    private func userStepChoices(_ thread: Int, in state: WorldState) -> Int {
        guard configuration.tlbCapacity != nil else { return 1 }
        var log = StepLog.off
        var probe = FillProbe()
        _ = userStep(thread, choice: 0, state, log: &log, probe: &probe)
        return max(probe.alternatives, 1)
    }

    func execute(_ state: WorldState, _ action: WorldAction, log: inout StepLog) -> WorldState {
        if action.fills != 0 {
            let filled = applyingFills(action.fills, to: state, log: &log)
            return execute(filled, WorldAction(thread: Int(action.thread), choice: Int(action.choice)), log: &log)
        }
        let thread = Int(action.thread)
        let choice = Int(action.choice)
        switch roles[thread] {
        case .cpu:
            if threadPC(thread, in: state) != 0 { return kernelStep(thread, state, log: &log) }
            if currentOperation(thread, in: state) == .rendezvous { return passRendezvous(thread, state, log: &log) }
            if startsProgramDirectly(thread, in: state) { return enterProgram(thread, state, log: &log) }
            var probe = FillProbe()
            return userStep(thread, choice: choice, state, log: &log, probe: &probe)
        case .device:
            var probe = FillProbe()
            return userStep(thread, choice: choice, state, log: &log, probe: &probe)
        case .iopfWorker:
            if threadPC(thread, in: state) != 0 { return kernelStep(thread, state, log: &log) }
            return workerEntry(thread, state, log: &log)
        case let .iommuPrefetcher(page):
            return prefetch(page: page, state, log: &log)
        case .mirror:
            if threadPC(thread, in: state) != 0 { return kernelStep(thread, state, log: &log) }
            if currentOperation(thread, in: state) == .rendezvous { return passRendezvous(thread, state, log: &log) }
            if startsProgramDirectly(thread, in: state) { return enterProgram(thread, state, log: &log) }
            return mirrorAccess(thread, state, log: &log)
        }
    }

    func userStep(_ thread: Int, choice: Int, _ state: WorldState, log: inout StepLog, probe: inout FillProbe) -> WorldState {
        switch roles[thread] {
        case let .cpu(cpu): return cpuAccess(thread, cpu: cpu, choice: choice, state, log: &log, probe: &probe)
        case let .device(device): return deviceAccess(thread, device: device, choice: choice, state, log: &log, probe: &probe)
        case .iopfWorker, .iommuPrefetcher, .mirror: return state
        }
    }
}

/// Records how many eviction alternatives a fill had, so that enabledness can enumerate them.
struct FillProbe {
    var alternatives = 0
}
