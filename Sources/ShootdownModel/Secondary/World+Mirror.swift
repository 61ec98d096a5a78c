/// Range subscribers: a device's (or vCPU's) access through its mirror table, the steps of its
/// own fault path, and the subscriber's `invalidate_range_start/end` callbacks.
extension World {
    /// Whether the scenario has a registered range subscriber with devices bound to it.
    var hasMirror: Bool { !layout.mirrorTable.isEmpty }

    /// Whether the range subscriber is dmirror (HMM), not KVM.
    var isHMM: Bool { hasMirror && configuration.mirror?.isKVM == false }

    /// The mirror instance a thread uses.
    func mirrorInstance(of thread: Int) -> Int {
        if case let .mirror(instance) = roles[thread] { return instance }
        return 0
    }

    func mirrorEntry(_ instance: Int, page: Int, in state: WorldState) -> MirrorEntry? {
        MirrorEntry.decode(state.get(layout.mirrorTable[instance][page]))
    }

    func setMirrorEntry(_ instance: Int, page: Int, _ entry: MirrorEntry?, in state: inout WorldState) {
        state.set(layout.mirrorTable[instance][page], MirrorEntry.encode(entry))
    }

    /// Whether a mirror device's next access may run: dmirror reads and writes under its mutex.
    func mirrorAccessEnabled(_ thread: Int, in state: WorldState) -> Bool {
        guard isHMM else { return true }
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
        if let entry = mirrorEntry(instance, page: page, in: state), permits(entry, operation) {
            completeAccess(thread, operation, frame: entry.frame, in: &next)
            log.say("\(describe(operation, thread: thread, in: next)) (\(kvm ? "sPTE" : "mirror") hit)")
            return next
        }
        next.set(layout.threads[thread].pc, 1)
        log.say("\(describe(operation, thread: thread, in: state).split(separator: " ").first ?? "access") \(pageName(page)): "
                + (kvm ? "EPT violation, kvm_mmu_page_fault" : "no mirror entry, dmirror_fault"))
        return settle(thread, next, log: &log)
    }

    /// Whether a mirror entry lets the access through: any entry for a load, a WRITE-tagged one
    /// for a store.
    func permits(_ entry: MirrorEntry, _ operation: Operation) -> Bool {
        if case .write = operation { return entry.writable }
        return true
    }

    /// The effect of a mirror fault-path step.
    func performMirrorStep(_ kind: StepKind, thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let instance = mirrorInstance(of: thread)
        switch kind {
        case .mmapReadLock:
            state.set(layout.mmapReaders, state.get(layout.mmapReaders) &+ 1)
        case .mmapReadUnlock:
            state.set(layout.mmapReaders, state.get(layout.mmapReaders) &- 1)
        case .intervalReadBegin, .kvmSnapshotSeq:
            state.setFlag(fields.stale, false)
            log.effect("sequence snapshot taken")
        case .mirrorWalk:
            walk(thread, page: page, in: &state, log: &log)
        case .enterNestedFault:
            setOrig(thread, pte(page, in: state), in: &state)
            state.set(fields.changed, 0)
        case .mirrorLock:
            state.setFlag(layout.mirrorLock[instance], true)
        case .mirrorUnlock:
            state.setFlag(layout.mirrorLock[instance], false)
        case .mirrorFailAccess:
            let error = state.get(fields.walkError) == 2 ? DmirrorError.eperm : .efault
            if let operation = currentOperation(thread, in: state) {
                if case let .dmirror(_, _, result) = operation {
                    if let result { setRegister(result, of: thread, to: error.value, in: &state) }
                } else {
                    failAccess(thread, operation, in: &state)
                }
            }
            log.effect("the \(currentOperation(thread, in: state)?.dmirrorCommand == nil ? "access fails" : "command returns \(error.name)")")
        case .mirrorInstall:
            install(thread, page: page, in: &state, log: &log)
        default:
            performDmirrorStep(kind, thread: thread, page: page, in: &state, log: &log)
        }
    }

    /// The mirror's walk of the CPU page table: `hmm_vma_walk_test` and `hmm_vma_handle_pte`
    /// with `HMM_PFN_REQ_FAULT` (mm/hmm.c) for dmirror, GUP's `check_vma_flags` and
    /// `follow_page_pte` (mm/gup.c) for KVM and `EXCLUSIVE`. It records the frame and
    /// permission, that `handle_mm_fault` is needed, or the error: no VMA, or one without
    /// `VM_READ`, is `-EFAULT`; a write fault in a VMA without `VM_WRITE` is `-EPERM` for
    /// hmm (`hmm_vma_fault`) and `-EFAULT` for GUP. dmirror's own device-private page is
    /// reported as it is, never faulted.
    private func walk(_ thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let entry = pte(page, in: state)
        let write = faultContext(thread, in: state).write
        let gup = configuration.mirror?.isKVM == true || currentOperation(thread, in: state)?.dmirrorCommand == .exclusive
        let name = pageName(page)
        func fail(_ error: DmirrorError, _ why: String) {
            state.set(fields.walkError, error == .eperm ? 2 : 1)
            state.setFlag(fields.walkFault, false)
            log.effect("\(why): \(error.name)")
        }
        state.set(fields.walkError, 0)
        guard vmaAllows(page, write: false, in: state) else {
            return fail(.efault, state.flag(layout.vmaPresent[page]) ? "the VMA has no VM_READ" : "no VMA")
        }
        if gup && write && !state.flag(layout.vmaWritable[page]) { return fail(.efault, "FOLL_WRITE in a VMA without VM_WRITE") }
        let own = !gup && entry.devicePrivateOwner == mirrorInstance(of: thread) && roles[thread].isMirror
        if (entry.present && (!write || entry.write)) || own {
            state.setFlag(fields.walkFault, false)
            state.set(fields.pfn, CachedTranslation.encode(CachedTranslation(frame: entry.frame, writable: entry.write)))
            log.effect("pte[\(name)] = \(entry)")
            return
        }
        if write && !state.flag(layout.vmaWritable[page]) { return fail(.eperm, "write fault in a VMA without VM_WRITE") }
        state.setFlag(fields.walkFault, true)
        log.effect("pte[\(name)] = \(entry): needs a fault")
    }

    /// `dmirror_do_fault` (or KVM's `mmu_set_spte`): install the walked translation, WRITE-tagged
    /// iff it is writable. dmirror refuses a read-only translation when it asked for write
    /// (`WARN_ON(default_flags & HMM_PFN_WRITE)`: `-EFAULT`).
    private func install(_ thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let name = pageName(page)
        if invalidationActive(on: page, except: thread, in: state) {
            state.setFlag(layout.installInWindow, true)
            log.effect("installed while an invalidation of \(name) is in progress")
        }
        guard let walked = CachedTranslation.decode(state.get(fields.pfn)) else { return }
        if isHMM && faultContext(thread, in: state).write && !walked.writable {
            state.set(fields.walkError, 1)
            log.effect("dmirror_do_fault: read-only page for a write: -EFAULT")
            return
        }
        let entry = MirrorEntry(frame: walked.frame, tag: walked.writable ? .write : .read)
        setMirrorEntry(mirrorInstance(of: thread), page: page, entry, in: &state)
        log.effect("\(configuration.mirror?.isKVM == true ? "sPTE" : "mirror")[\(name)] = \(entry)")
    }

    /// Whether a thread other than `thread` is between `range_start` and `range_end` on `page`.
    func invalidationActive(on page: Int, except thread: Int, in state: WorldState) -> Bool {
        for other in roles.indices where other != thread && state.flag(layout.threads[other].inRange) {
            if rangePages(of: faultContext(other, in: state).page, in: state).contains(page) { return true }
        }
        return false
    }

    /// The page a mirror thread's SNAPSHOT covers while its temporary interval notifier is
    /// registered (from `mmu_interval_notifier_insert` to `…_remove`).
    func snapshotPage(of thread: Int, in state: WorldState) -> Int? {
        guard case let .dmirror(.snapshot, page, _)? = currentOperation(thread, in: state), threadPC(thread, in: state) >= 2 else {
            return nil
        }
        return page
    }

    /// Whether the subscriber's callbacks for a `range_start` (or `range_end`) by `thread` can
    /// run now: they take the locks of the subscribers they call (dmirror's mutex, for every
    /// device whose callback does not skip the range and for every snapshot notifier over the
    /// page; KVM's `mmu_lock`). dmirror's `range_end` (`mn_itree_inv_end`) takes no driver lock.
    func mirrorCallbacksEnabled(for kind: StepKind, thread: Int, in state: WorldState) -> Bool {
        guard hasMirror, mirrorRegistered else { return true }
        if userSubscriber != nil { return userCallbacksEnabled(for: kind, thread: thread, in: state) }
        guard isHMM else { return !layout.mirrorLock.contains { state.flag($0) } }
        guard case let .rangeStart(event, owner) = kind else { return true }
        let covered = rangePages(of: faultContext(thread, in: state).page, in: state)
        let skipped = skippedInstance(event: event, owner: owner, thread: thread, in: state)
        for instance in layout.mirrorLock.indices where state.flag(layout.mirrorLock[instance]) {
            if instance != skipped { return false }
            if let snapshot = snapshotPage(of: mirrorThreads[instance], in: state), covered.contains(snapshot) { return false }
        }
        return true
    }

    /// The dmirror device whose interval callback skips the range: the owner of a MIGRATE
    /// range (`dmirror_interval_invalidate`).
    func skippedInstance(event: NotifierEvent, owner: RangeOwner, thread: Int, in state: WorldState) -> Int? {
        guard event == .migrate else { return nil }
        switch owner {
        case .none: return nil
        case .caller: return roles[thread].isMirror ? mirrorInstance(of: thread) : nil
        case .faultedPage: return orig(thread, in: state).devicePrivateOwner
        }
    }

    /// `__mmu_notifier_invalidate_range_start` for the range subscriber: the interval tree's
    /// `mn_itree_inv_start_range` and `dmirror_interval_invalidate` (set the sequence, erase the
    /// page; skipped by the owner of a MIGRATE range), the SNAPSHOT's temporary notifiers
    /// (`dmirror_snapshot_invalidate`: set the sequence), or KVM's
    /// `kvm_mmu_notifier_invalidate_range_start` (`in_progress++`, zap the sPTE, flush remote
    /// TLBs).
    func mirrorInvalidateStart(_ thread: Int, page: Int, event: NotifierEvent, owner: RangeOwner, in state: inout WorldState,
                               log: inout StepLog) {
        guard hasMirror, mirrorRegistered, let mirror = configuration.mirror else { return }
        if mirror.definition != nil {
            userInvalidateStart(thread, page: page, event: event, owner: owner, blockable: true, in: &state, log: &log)
            return
        }
        if mirror.isKVM && isReleased(state) { return }  // hlist subscriptions are unhashed
        checkCallbackContext(thread, in: &state, log: &log)
        if mirror.isKVM {
            state.set(layout.kvmInProgress, state.get(layout.kvmInProgress) &+ 1)
            var zapped = false
            for covered in rangePages(of: page, in: state) where state.get(layout.mirrorTable[0][covered]) != 0 {
                state.set(layout.mirrorTable[0][covered], 0)
                zapped = true
            }
            log.effect("KVM: mmu_invalidate_in_progress++\(zapped ? ", sPTE[\(pageName(page))] zapped, kvm_flush_remote_tlbs" : "")")
            if zapped { log.count(\.kvmRemoteFlushes) }
            log.count(\.rangeCallbacks)
            return
        }
        state.set(layout.itreeActive, state.get(layout.itreeActive) &+ 1)
        let covered = rangePages(of: page, in: state)
        invalidateSnapshotNotifiers(pages: covered, in: &state, log: &log)
        let skipped = skippedInstance(event: event, owner: owner, thread: thread, in: state)
        var erased: [String] = []
        for instance in layout.mirrorTable.indices {
            log.count(\.rangeCallbacks)  // called even when it skips the range
            guard instance != skipped else { continue }
            dmirrorInvalidate(instance, pages: covered, in: &state, log: &log)
            erased.append(threadNames[mirrorThreads[instance]])
        }
        var text = "dmirror_interval_invalidate: "
        if !erased.isEmpty {
            text += "mmu_interval_set_seq, mirror[\(covered.map(pageName).joined(separator: ", "))] erased"
                + (erased.count < layout.mirrorTable.count ? " for \(erased.joined(separator: ", "))" : "")
        }
        if let skipped {
            text += (erased.isEmpty ? "" : "; ") + "skipped by \(threadNames[mirrorThreads[skipped]]) (its own migration)"
        }
        log.effect(text)
    }

    /// The first dmirror device (in the interval tree's order, the devices' order) whose
    /// callback fails a non-blocking `range_start` now: dmirror only trylocks its mutex in
    /// non-blockable mode and returns false when another thread holds it (KVM never fails).
    func mirrorNonblockingFailure(in state: WorldState) -> Int? {
        guard hasMirror, mirrorRegistered, configuration.mirror?.isKVM == false else { return nil }
        return layout.mirrorLock.indices.first { state.flag(layout.mirrorLock[$0]) }
    }

    /// What `dmirror_interval_invalidate` does for one device that does not skip the range:
    /// `mmu_interval_set_seq` (its `read_begin` waits, its `read_retry` fails, unless the device
    /// is in a SNAPSHOT, whose own notifier keeps that sequence) and `dmirror_do_update`.
    private func dmirrorInvalidate(_ instance: Int, pages: [Int], in state: inout WorldState, log: inout StepLog) {
        let device = mirrorThreads[instance]
        state.setFlag(layout.intervalBusy[instance], true)
        if snapshotPage(of: device, in: state) == nil { state.setFlag(layout.threads[device].stale, true) }
        for page in pages where state.get(layout.mirrorTable[instance][page]) != 0 {
            state.set(layout.mirrorTable[instance][page], 0)
            log.count(\.mirrorErases)
        }
    }

    /// A non-blocking `range_start` that device `failing` refuses: `mn_itree_invalidate` has
    /// already called the devices before it, which set their sequence and erased the page, and
    /// unwinds with `mn_itree_inv_end` before returning `-EAGAIN`.
    func mirrorInvalidateStartFailing(_ thread: Int, page: Int, at failing: Int, in state: inout WorldState,
                                      log: inout StepLog) {
        state.set(layout.itreeActive, state.get(layout.itreeActive) &+ 1)
        for instance in 0...failing {
            log.count(\.rangeCallbacks)
            guard instance < failing else { break }
            dmirrorInvalidate(instance, pages: rangePages(of: page, in: state), in: &state, log: &log)
            log.effect("dmirror_interval_invalidate (\(threadNames[mirrorThreads[instance]])): mmu_interval_set_seq, mirror[\(pageName(page))] erased")
        }
        log.effect("dmirror_interval_invalidate (\(threadNames[mirrorThreads[failing]])): mutex_trylock fails, returns false")
        intervalTreeInvalidateEnd(in: &state, log: &log)
        log.effect("mmu_notifier_invalidate_range_start_nonblock: -EAGAIN")
    }

    /// `__mmu_notifier_invalidate_range_end` for the range subscriber: `mn_itree_inv_end`, or
    /// KVM's `kvm_mmu_invalidate_end` (`mmu_invalidate_seq++`, `in_progress--`).
    func mirrorInvalidateEnd(_ thread: Int, in state: inout WorldState, log: inout StepLog) {
        guard hasMirror, mirrorRegistered, let mirror = configuration.mirror else { return }
        if mirror.definition != nil { return userInvalidateEnd(thread, in: &state, log: &log) }
        if mirror.isKVM && isReleased(state) { return }  // hlist subscriptions are unhashed
        if mirror.isKVM {
            checkCallbackContext(thread, in: &state, log: &log)
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
        intervalTreeInvalidateEnd(in: &state, log: &log)
    }

    /// `mn_itree_inv_end` (mm/mmu_notifier.c): one invalidation fewer is active; when none is,
    /// the tree's sequence is even again and `mmu_interval_read_begin` waiters wake.
    func intervalTreeInvalidateEnd(in state: inout WorldState, log: inout StepLog) {
        guard state.get(layout.itreeActive) > 0 else {
            state.setFlag(layout.unbalanced, true)
            log.effect("BUG: mn_itree_inv_end with no active invalidation (active_invalidate_ranges underflows)")
            return
        }
        let active = state.get(layout.itreeActive) &- 1
        state.set(layout.itreeActive, active)
        if active == 0 {
            for busy in layout.intervalBusy { state.setFlag(busy, false) }
            for device in mirrorThreads { state.setFlag(layout.threads[device].snapshotBusy, false) }
        }
        log.effect("mn_itree_inv_end\(active == 0 ? ": invalidate_seq even again, waiters woken" : "")")
    }

    /// The SNAPSHOT commands' temporary interval notifiers over `page`
    /// (`dmirror_snapshot_invalidate`): each bumps its sequence, so the snapshot's
    /// `read_retry` fails and its `read_begin` waits for the invalidation to end.
    func invalidateSnapshotNotifiers(pages: [Int], in state: inout WorldState, log: inout StepLog) {
        for device in mirrorThreads {
            guard let snapshot = snapshotPage(of: device, in: state), pages.contains(snapshot) else { continue }
            state.setFlag(layout.threads[device].stale, true)
            state.setFlag(layout.threads[device].snapshotBusy, true)
            log.count(\.rangeCallbacks)
        }
    }

    /// A callback that may sleep, called with the PTL (a spinlock) held: "sleeping function
    /// called from invalid context".
    func checkCallbackContext(_ thread: Int, in state: inout WorldState, log: inout StepLog) {
        guard configuration.mirror?.callbacksMaySleep == true, state.get(layout.ptl) == UInt64(thread + 1) else { return }
        state.setFlag(layout.sleepInAtomic, true)
        log.effect("BUG: sleeping function called from invalid context (callback may sleep, PTL held)")
    }

    func holdsMirror(_ condition: BranchCondition, thread: Int, in state: WorldState) -> Bool {
        let fields = layout.threads[thread]
        switch condition {
        case .snapshotStale: return state.flag(fields.stale)
        case .walkNeedsFault: return state.flag(fields.walkFault)
        case .walkFailed: return state.get(fields.walkError) != 0
        case .kvmMustRetry: return state.flag(fields.stale) || state.get(layout.kvmInProgress) != 0
        case .commandFinished: return state.get(fields.changed) != 0
        default: return false
        }
    }

    /// Whether a mirror fault-path step may run now.
    func mirrorStepEnabled(_ kind: StepKind, thread: Int, in state: WorldState) -> Bool {
        switch kind {
        case .mmapReadLock: return !state.flag(layout.mmapWriter)
        case .intervalReadBegin:
            guard isHMM else { return true }
            if snapshotPage(of: thread, in: state) != nil { return !state.flag(layout.threads[thread].snapshotBusy) }
            return !state.flag(layout.intervalBusy[mirrorInstance(of: thread)])
        case .intervalRemove: return state.get(layout.itreeActive) == 0
        case .mirrorLock, .dmirrorAccess, .dmirrorReadback, .dmirrorMapMigrated, .dmirrorMapAtomic:
            return !state.flag(layout.mirrorLock[mirrorInstance(of: thread)])
        default: return true
        }
    }
}
