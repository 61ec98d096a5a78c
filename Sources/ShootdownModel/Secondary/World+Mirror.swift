/// Range subscribers: a device's (or vCPU's) access through its mirror table, the steps of its
/// own fault path, and the subscriber's `invalidate_range_start/end` callbacks.
extension World {
    /// Whether the scenario has a registered range subscriber with devices bound to it.
    var hasMirror: Bool { !layout.mirrorTable.isEmpty }

    /// The mirror instance a thread uses.
    func mirrorInstance(of thread: Int) -> Int {
        if case let .mirror(instance) = roles[thread] { return instance }
        return 0
    }

    func mirrorEntry(_ instance: Int, page: Int, in state: WorldState) -> CachedTranslation? {
        CachedTranslation.decode(state.get(layout.mirrorTable[instance][page]))
    }

    /// Whether a mirror device's next access may run: dmirror reads and writes under its mutex.
    func mirrorAccessEnabled(_ thread: Int, in state: WorldState) -> Bool {
        guard hasMirror, configuration.mirror?.isKVM == false else { return true }
        return !state.flag(layout.mirrorLock[mirrorInstance(of: thread)])
    }

    /// A load or store through the mirror table (`dmirror_do_read/write`, a guest access through
    /// the sPTE), or a miss that starts the device's own fault path.
    func mirrorAccess(_ thread: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        guard let operation = currentOperation(thread, in: state) else { return state }
        var next = state
        let page = operation.page
        let kvm = configuration.mirror?.isKVM ?? false
        guard mirrorRegistered else {
            failAccess(thread, operation, in: &next)
            log.say("\(kvm ? "KVM_CREATE_VM" : "open(/dev/hmm_dmirror)"): mmu_notifier_register returned -EINVAL; access fails")
            return next
        }
        let instance = mirrorInstance(of: thread)
        if let entry = mirrorEntry(instance, page: page, in: state), permits(entry, operation) == true {
            completeAccess(thread, operation, frame: entry.frame, in: &next)
            log.say("\(describe(operation, thread: thread, in: next)) (\(kvm ? "sPTE" : "mirror") hit)")
            return next
        }
        next.set(layout.threads[thread].pc, 1)
        log.say("\(describe(operation, thread: thread, in: state).split(separator: " ").first ?? "access") \(pageName(page)): "
                + (kvm ? "EPT violation, kvm_mmu_page_fault" : "no mirror entry, dmirror_fault"))
        return settle(thread, next, log: &log)
    }

    /// The effect of a mirror fault-path step.
    func performMirrorStep(_ step: Step, thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let instance = mirrorInstance(of: thread)
        let name = pageName(page)
        switch step.kind {
        case .mmapReadLock:
            state.set(layout.mmapReaders, state.get(layout.mmapReaders) &+ 1)
        case .mmapReadUnlock:
            state.set(layout.mmapReaders, state.get(layout.mmapReaders) &- 1)
        case .intervalReadBegin, .kvmSnapshotSeq:
            state.setFlag(fields.stale, false)
            log.effect("sequence snapshot taken")
        case .mirrorWalk:
            let entry = pte(page, in: state)
            let write = faultContext(thread, in: state).write
            let allowed = state.flag(layout.vmaPresent[page]) && (!write || state.flag(layout.vmaWritable[page]))
            state.setFlag(fields.walkError, !allowed)
            if !allowed {
                state.setFlag(fields.walkFault, false)
                log.effect("no VMA allows the \(write ? "write" : "read"): -EFAULT")
            } else if entry.present && (!write || entry.write) {
                state.setFlag(fields.walkFault, false)
                state.set(fields.pfn, CachedTranslation.encode(CachedTranslation(frame: entry.frame, writable: entry.write)))
                log.effect("pte[\(name)] = \(entry)")
            } else {
                state.setFlag(fields.walkFault, true)
                log.effect("pte[\(name)] = \(entry): needs a fault")
            }
        case .enterNestedFault:
            state.set(fields.orig, pte(page, in: state).encoded())
            state.set(fields.changed, 0)
        case .mirrorLock:
            state.setFlag(layout.mirrorLock[instance], true)
        case .mirrorUnlock:
            state.setFlag(layout.mirrorLock[instance], false)
        case .mirrorFailAccess:
            if let operation = currentOperation(thread, in: state) { failAccess(thread, operation, in: &state) }
            log.effect("the access fails")
        case .mirrorInstall:
            if invalidationActive(on: page, except: thread, in: state) {
                state.setFlag(layout.installInWindow, true)
                log.effect("installed while an invalidation of \(name) is in progress")
            }
            let entry = state.get(fields.pfn)
            state.set(layout.mirrorTable[instance][page], entry)
            log.effect("\(configuration.mirror?.isKVM == true ? "sPTE" : "mirror")[\(name)] = \(CachedTranslation.decode(entry).map(String.init(describing:)) ?? "none")")
        default:
            preconditionFailure("\(step.kind) is not a mirror step")
        }
    }

    /// Whether a thread other than `thread` is between `range_start` and `range_end` on `page`.
    func invalidationActive(on page: Int, except thread: Int, in state: WorldState) -> Bool {
        for other in roles.indices where other != thread && state.flag(layout.threads[other].inRange) {
            if faultContext(other, in: state).page == page { return true }
        }
        return false
    }

    /// Whether the subscriber's callbacks can run now: they take its lock (dmirror's mutex in
    /// blockable mode, KVM's `mmu_lock`).
    func mirrorCallbacksEnabled(in state: WorldState) -> Bool {
        guard hasMirror, mirrorRegistered else { return true }
        return !layout.mirrorLock.contains { state.flag($0) }
    }

    /// `__mmu_notifier_invalidate_range_start` for the range subscriber: the interval tree's
    /// `mn_itree_inv_start_range` and `dmirror_interval_invalidate` (set the sequence, erase the
    /// page), or KVM's `kvm_mmu_notifier_invalidate_range_start` (`in_progress++`, zap the sPTE,
    /// flush remote TLBs).
    func mirrorInvalidateStart(_ thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        guard hasMirror, mirrorRegistered, let mirror = configuration.mirror else { return }
        if mirror.isKVM && isReleased(state) { return }  // hlist subscriptions are unhashed
        checkCallbackContext(thread, in: &state, log: &log)
        if mirror.isKVM {
            state.set(layout.kvmInProgress, state.get(layout.kvmInProgress) &+ 1)
            let zapped = state.get(layout.mirrorTable[0][page]) != 0
            state.set(layout.mirrorTable[0][page], 0)
            log.effect("KVM: mmu_invalidate_in_progress++\(zapped ? ", sPTE[\(pageName(page))] zapped, kvm_flush_remote_tlbs" : "")")
            if zapped { log.count(\.kvmRemoteFlushes) }
            log.count(\.rangeCallbacks)
            return
        }
        state.set(layout.itreeActive, state.get(layout.itreeActive) &+ 1)
        state.setFlag(layout.itreeBusy, true)
        for instance in layout.mirrorTable.indices {
            state.setFlag(layout.threads[mirrorThreads[instance]].stale, true)
            if state.get(layout.mirrorTable[instance][page]) != 0 {
                state.set(layout.mirrorTable[instance][page], 0)
                log.count(\.mirrorErases)
            }
            log.count(\.rangeCallbacks)
        }
        log.effect("dmirror_interval_invalidate: mmu_interval_set_seq, mirror[\(pageName(page))] erased")
    }

    /// Whether a non-blocking `range_start` fails now: dmirror only trylocks its mutex in
    /// non-blockable mode and returns false when another thread holds it (KVM never fails).
    func mirrorRefusesNonblockingStart(in state: WorldState) -> Bool {
        guard hasMirror, mirrorRegistered, configuration.mirror?.isKVM == false else { return false }
        return layout.mirrorLock.contains { state.flag($0) }
    }

    /// `__mmu_notifier_invalidate_range_end` for the range subscriber: `mn_itree_inv_end`, or
    /// KVM's `kvm_mmu_invalidate_end` (`mmu_invalidate_seq++`, `in_progress--`).
    func mirrorInvalidateEnd(_ thread: Int, in state: inout WorldState, log: inout StepLog) {
        guard hasMirror, mirrorRegistered, let mirror = configuration.mirror else { return }
        if mirror.isKVM && isReleased(state) { return }
        checkCallbackContext(thread, in: &state, log: &log)
        if mirror.isKVM {
            for other in mirrorThreads { state.setFlag(layout.threads[other].stale, true) }
            guard state.get(layout.kvmInProgress) > 0 else {
                state.setFlag(layout.unbalanced, true)
                log.effect("BUG: kvm_mmu_invalidate_end with mmu_invalidate_in_progress already 0")
                return
            }
            state.set(layout.kvmInProgress, state.get(layout.kvmInProgress) &- 1)
            log.effect("KVM: mmu_invalidate_seq++, mmu_invalidate_in_progress--")
            log.count(\.rangeCallbacks)
            return
        }
        guard state.get(layout.itreeActive) > 0 else {
            state.setFlag(layout.unbalanced, true)
            log.effect("BUG: mn_itree_inv_end with no active invalidation (active_invalidate_ranges underflows)")
            return
        }
        let active = state.get(layout.itreeActive) &- 1
        state.set(layout.itreeActive, active)
        if active == 0 { state.setFlag(layout.itreeBusy, false) }
        log.effect("mn_itree_inv_end\(active == 0 ? ": invalidate_seq even again, waiters woken" : "")")
    }

    /// A callback that may sleep, called with the PTL (a spinlock) held: "sleeping function
    /// called from invalid context".
    private func checkCallbackContext(_ thread: Int, in state: inout WorldState, log: inout StepLog) {
        guard configuration.mirror?.callbacksMaySleep == true, state.get(layout.ptl) == UInt64(thread + 1) else { return }
        state.setFlag(layout.sleepInAtomic, true)
        log.effect("BUG: sleeping function called from invalid context (callback may sleep, PTL held)")
    }

    func holdsMirror(_ condition: BranchCondition, thread: Int, in state: WorldState) -> Bool {
        let fields = layout.threads[thread]
        switch condition {
        case .snapshotStale: return state.flag(fields.stale)
        case .walkNeedsFault: return state.flag(fields.walkFault)
        case .walkFailed: return state.flag(fields.walkError)
        case .kvmMustRetry: return state.flag(fields.stale) || state.get(layout.kvmInProgress) != 0
        default: return false
        }
    }

    /// Whether a mirror fault-path step may run now.
    func mirrorStepEnabled(_ kind: StepKind, thread: Int, in state: WorldState) -> Bool {
        switch kind {
        case .mmapReadLock: return !state.flag(layout.mmapWriter)
        case .intervalReadBegin: return !state.flag(layout.itreeBusy)
        case .mirrorLock: return !state.flag(layout.mirrorLock[mirrorInstance(of: thread)])
        default: return true
        }
    }
}
