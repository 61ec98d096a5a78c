/// The effect of the dmirror device's own steps (lib/test_hmm.c): copies through its table, the
/// mappings it makes after a migration or `make_device_exclusive`, command results, and
/// SNAPSHOT's temporary interval notifier.
extension World {
    func performDmirrorStep(_ kind: StepKind, thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let instance = mirrorInstance(of: thread)
        let name = pageName(page)
        let result = currentOperation(thread, in: state).flatMap { operation -> Int? in
            if case let .dmirror(_, _, result) = operation { return result } else { return nil }
        }
        func answer(_ value: Int?) {
            if let result { setRegister(result, of: thread, to: value, in: &state) }
        }
        switch kind {
        case let .dmirrorAccess(write):
            let entry = mirrorEntry(instance, page: page, in: state)
            if let entry, !write || entry.writable {
                touchFrame(entry.frame, in: &state)
                if case let .dmirror(.write(value), _, _)? = currentOperation(thread, in: state) {
                    state.set(layout.frameValue[entry.frame], UInt64(value))
                    answer(0)
                    log.effect("\(name) = \(value) through mirror[\(name)] = \(entry)")
                } else {
                    answer(frameValue(entry.frame, in: state))
                    log.effect("copied \(frameValue(entry.frame, in: state)) through mirror[\(name)] = \(entry)")
                }
                state.set(fields.changed, 1)
            } else {
                state.set(fields.changed, 0)
                if let faults = configuration.threads[thread].faultCounters[operationIndex(thread, in: state)] {
                    let count = min((register(faults, of: thread, in: state) ?? 0) + 1, registerMax)
                    setRegister(faults, of: thread, to: count, in: &state)
                }
                log.effect("mirror[\(name)] \(entry.map { "= \($0), not WRITE-tagged" } ?? "missing"): -ENOENT, dmirror_fault")
            }
        case .dmirrorReadback:
            if let entry = mirrorEntry(instance, page: page, in: state) {
                touchFrame(entry.frame, in: &state)
                answer(frameValue(entry.frame, in: state))
                log.effect("read back \(frameValue(entry.frame, in: state)) through mirror[\(name)] = \(entry)")
            } else {
                answer(DmirrorError.enoent.value)
                log.effect("mirror[\(name)] missing: -ENOENT")
            }
        case .dmirrorMapMigrated:
            // The destination is writable iff the migration entry (or, for a hole, VM_WRITE,
            // which the inserted device-private entry carries) is.
            let entry = MirrorEntry(frame: Int(state.get(fields.newFrame)), tag: pte(page, in: state).write ? .write : .read)
            setMirrorEntry(instance, page: page, entry, in: &state)
            log.effect("mirror[\(name)] = \(entry) (device page)")
        case .dmirrorMapAtomic:
            let frame = CachedTranslation.decode(state.get(fields.pfn))?.frame ?? 0
            let entry = MirrorEntry(frame: frame, tag: .atomic)
            setMirrorEntry(instance, page: page, entry, in: &state)
            log.effect("mirror[\(name)] = \(entry)")
        case .dmirrorCheckAtomic:
            let atomic = mirrorEntry(instance, page: page, in: state)?.tag == .atomic
            answer(atomic ? DmirrorError.eperm.value : 0)
            log.effect(atomic ? "mirror[\(name)] still ATOMIC: -EPERM" : "no ATOMIC entry: 0")
        case let .dmirrorResult(code):
            answer(code)
            log.effect("returns \(DmirrorError(value: code)?.name ?? String(code))")
        case .intervalInsert:
            // Inserted while invalidations run, the notifier starts out "being invalidated".
            state.setFlag(fields.stale, false)
            state.setFlag(fields.snapshotBusy, state.get(layout.itreeActive) != 0)
            log.effect("temporary interval notifier over \(name)")
        case .intervalRemove:
            log.effect("temporary interval notifier removed")
        case .snapshotWalk:
            let byte = snapshotByte(thread, page: page, in: state)
            answer(byte)
            log.effect("pte[\(name)] = \(pte(page, in: state)): \(SnapshotByte.describe(byte))")
        default:
            performDeviceMemoryStep(kind, thread: thread, page: page, in: &state, log: &log)
        }
    }

    /// `hmm_range_fault` without `HMM_PFN_REQ_FAULT` and `dmirror_mkentry` for one page: no VMA
    /// or no `VM_READ` is `HMM_PFN_ERROR`; a present PTE is READ or WRITE (ZERO for the zero
    /// page); the device's own device-private page is DEV_PRIVATE_LOCAL; anything else (none,
    /// another device's page, a migration or device-exclusive entry) is not valid: NONE.
    ///
    /// A page mapped by a huge entry also gets the entry's map order (`hmm_vma_handle_pmd`,
    /// `hmm_vma_walk_hugetlb_entry`): PMD or PUD. The huge zero page is not the zero pfn
    /// (`is_zero_pfn` is false for it), so it shows as READ|PMD, not ZERO.
    func snapshotByte(_ thread: Int, page: Int, in state: WorldState) -> Int {
        guard vmaAllows(page, write: false, in: state) else { return SnapshotByte.error }
        let entry = pte(page, in: state)
        let access = entry.write ? SnapshotByte.write : SnapshotByte.read
        if entry.present {
            let order = hugeMapLevel(of: page, in: state).map(SnapshotByte.order) ?? 0
            return (entry.frame == World.zeroFrame ? SnapshotByte.zero : 0) | access | order
        }
        if entry.devicePrivateOwner == mirrorInstance(of: thread) { return SnapshotByte.devicePrivateLocal | access }
        return SnapshotByte.none
    }

    /// A device access to `frame`: flags a freed one.
    func touchFrame(_ frame: Int, in state: inout WorldState) {
        if frameState(frame, in: state) != .allocated { state.setFlag(layout.freedFrameAccess, true) }
    }
}
