/// The effect of the device-memory steps: page locks, `migrate_vma` and eviction
/// (mm/migrate_device.c), and device-exclusive entries (mm/rmap.c, mm/memory.c).
extension World {
    func performDeviceMemoryStep(_ kind: StepKind, thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let name = pageName(page)
        let me = UInt64(thread + 1)
        let lock = layout.pageLock[page]
        switch kind {
        case .trylockPage, .lockPage:
            if state.get(lock) == 0 {
                state.set(lock, me)
                log.effect("page \(name) locked")
            } else {
                log.effect("page \(name) is locked by \(threadNames[Int(state.get(lock)) - 1])")
            }
        case .unlockPage:
            if state.get(lock) == me { state.set(lock, 0) }
        case .waitPageUnlocked:
            log.effect("page \(name) unlocked; the access faults again")
        case .lockDevicePage:
            let entry = pte(page, in: state)
            let mine = entry.devicePrivateOwner == mirrorInstance(of: thread) && roles[thread].isMirror
            if mine && state.get(lock) == 0 {
                state.set(lock, me)
                state.set(fields.migrate, 1)
                state.set(fields.gatherFrame, UInt64(entry.frame))
                log.effect("device page of \(name) (frame \(entry.frame)) locked")
            } else {
                state.set(fields.migrate, 0)
                log.effect("\(name) is not in this device's memory\(mine ? " (page locked)" : "")")
            }
        case let .migrateCollect(source):
            collect(source, thread: thread, page: page, in: &state, log: &log)
        case .collectSkip:
            state.set(fields.migrate, 0)
            log.effect("the range of \(name) is not collected")
        case .devmemAllocCopy:
            let collected = state.get(fields.migrate) == 1 || state.get(fields.migrate) == 3
            let source = Int(state.get(fields.gatherFrame))
            guard let frame = allocate(thread, page: page, copying: collected ? source : nil, in: &state) else { return }
            log.effect("device page: frame \(frame) \(collected ? "copied from frame \(source)" : "cleared") (value \(frameValue(frame, in: state)))")
        case .insertDevicePrivate:
            let entry = PageTableEntry.nonPresent(.devicePrivate(owner: mirrorInstance(of: thread)), frame: Int(state.get(fields.newFrame)),
                                                  write: state.flag(layout.vmaWritable[page]))
            setPTE(page, entry, in: &state)
            log.effect("pte[\(name)] = \(entry)")
        case .finalizeToDevice:
            let old = pte(page, in: state)
            guard old.swap == .migration else { return }
            let entry = PageTableEntry.nonPresent(.devicePrivate(owner: mirrorInstance(of: thread)), frame: Int(state.get(fields.newFrame)),
                                                  write: old.write)
            setPTE(page, entry, in: &state)
            log.effect("pte[\(name)] = \(entry)")
        case let .devmemCopyToSystem(erasesMirror):
            let source = Int(state.get(fields.gatherFrame))
            guard let frame = allocate(thread, page: page, copying: source, in: &state) else { return }
            var erased = ""
            if erasesMirror, hasMirror {
                let owner = orig(thread, in: state).devicePrivateOwner ?? mirrorInstance(of: thread)
                if owner < layout.mirrorTable.count {
                    setMirrorEntry(owner, page: page, nil, in: &state)
                    erased = "; xa_erase: mirror[\(name)] of \(threadNames[mirrorThreads[owner]]) erased"
                }
            }
            log.effect("frame \(frame) copied from device frame \(source) (value \(frameValue(frame, in: state)))\(erased)")
        case .freeDevicePage:
            let frame = Int(state.get(fields.gatherFrame))
            state.set(layout.frameState[frame], FrameState.freed.rawValue)
            log.effect("device page freed: its backing frame \(frame) freed")
        case .convertToDeviceExclusive:
            let old = pte(page, in: state)
            let entry = PageTableEntry.nonPresent(.deviceExclusive, frame: old.frame, write: old.write)
            setPTE(page, entry, in: &state)
            log.effect("pte[\(name)] = \(entry)")
            cpuFlush(page: page, in: &state, log: &log)
            log.count(\.cpuTLBIPage)
        case .restoreExclusive:
            let old = pte(page, in: state)
            let write = old.write && state.flag(layout.vmaWritable[page])
            let entry = PageTableEntry(present: true, write: write, dirty: old.write, frame: old.frame)
            setPTE(page, entry, in: &state)
            log.effect("pte[\(name)] = \(entry)")
        default:
            preconditionFailure("\(kind) is not a kernel step")
        }
    }

    /// Allocates the next frame of `thread`'s pool for `page`, copying `source` (sharing and
    /// all) or zeroed, into ``StateLayout/ThreadFields/newFrame``; flags an exhausted pool.
    private func allocate(_ thread: Int, page: Int, copying source: Int?, in state: inout WorldState) -> Int? {
        guard let frame = unusedOwnFrame(thread, page: page, in: state) else {
            state.setFlag(layout.framePoolExhausted, true)
            return nil
        }
        state.set(layout.frameState[frame], FrameState.allocated.rawValue)
        state.set(layout.frameValue[frame], UInt64(source.map { frameValue($0, in: state) } ?? 0))
        if let source, isShared(source, in: state) { state.setFlag(layout.frameForked[frame], true) }
        state.set(layout.threads[thread].newFrame, UInt64(frame))
        return frame
    }

    /// `migrate_vma_collect_pmd` (or an eviction's `try_to_migrate_one`) on the page, under the
    /// PTL.
    private func collect(_ source: MigrateSource, thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let lock = layout.pageLock[page]
        let me = UInt64(thread + 1)
        let entry = pte(page, in: state)
        let name = pageName(page)
        let lockFree = state.get(lock) == 0 || state.get(lock) == me
        state.set(fields.migrate, 0)
        switch source {
        case .system:
            if entry.isNone && configuration.pages[page].backing != .anonymous {
                return log.effect("pte[\(name)] = \(entry): a hole in a VMA that is not anonymous, not collected")
            }
            if entry.isNone || (entry.present && entry.frame == World.zeroFrame) {
                guard lockFree else { return log.effect("pte[\(name)] = \(entry): hole, but a migration holds it") }
                state.set(lock, me)
                state.set(fields.migrate, 2)
                log.effect("pte[\(name)] = \(entry): a hole to fill (MIGRATE_PFN_MIGRATE, no source page)")
                return
            }
            guard entry.present else { return log.effect("pte[\(name)] = \(entry): not collected") }
            guard lockFree else { return log.effect("folio_trylock fails: not collected") }
        case .callerDevice, .faultedPageDevice, .eviction:
            let owner = source == .faultedPageDevice ? orig(thread, in: state).devicePrivateOwner : mirrorInstance(of: thread)
            guard let found = entry.devicePrivateOwner, found == owner else {
                return log.effect("pte[\(name)] = \(entry): no device-private page of this device")
            }
            guard lockFree else { return log.effect("folio_trylock fails: not collected") }
        }
        state.set(lock, me)
        state.set(fields.migrate, 1)
        if source == .system && configuration.pages[page].backing == .privateFile && entry.frame == initialFrame[page] {
            // The page cache's page: collected, but __migrate_device_pages will refuse it.
            state.set(fields.migrate, 3)
            setOrig(thread, entry, in: &state)
        }
        state.set(fields.gatherFrame, UInt64(entry.frame))
        state.setFlag(fields.gatherQueued, true)
        let migration = PageTableEntry.nonPresent(.migration, frame: entry.frame, write: entry.write)
        setPTE(page, migration, in: &state)
        log.effect("pte[\(name)] = \(migration)")
    }
}
