/// The dmirror ioctls (lib/test_hmm.c `dmirror_fops_unlocked_ioctl`) as step programs a
/// `MIR…` thread runs on one page. Each ends with the command's result in the thread's result
/// register.
enum DmirrorProgram {
    static let file = "lib/test_hmm.c"

    static func build(_ command: DmirrorCommand, mirror: MirrorConfiguration, architecture: Architecture,
                      era: NotifierEra, deviceMemory: Bool, fileBacked: Bool = false) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        b.fileBacked = fileBacked
        switch command {
        case .read, .write:
            return access(write: command.writes, readRetry: mirror.readsRetry, deviceMemory: deviceMemory,
                          architecture: architecture, era: era)
        case .migrateToDevice:
            migrateToDevice(into: &b)
        case .migrateToSystem:
            migrateToSystem(into: &b)
        case .snapshot:
            snapshot(into: &b)
        case .exclusive:
            exclusive(into: &b, deviceMemory: deviceMemory)
        case .checkExclusive:
            b.step(.dmirrorCheckAtomic, in: "dmirror_check_atomic", file: file, call: "xa_load, xa_pointer_tag == DPT_XA_TAG_ATOMIC")
            b.ret()
        case .release:
            release(into: &b)
        }
        return b.source
    }

    /// `dmirror_read` / `dmirror_write`: copy through the device's entry under its mutex; a
    /// missing entry (for a write, one not WRITE-tagged) is faulted in by `dmirror_fault` and
    /// counted in `cmd->faults`, then the copy is tried again. With `userFault`, a
    /// user-written subscriber's fault path (already built) stands for `dmirror_fault`.
    static func access(write: Bool, readRetry: Bool, deviceMemory: Bool, userFault: [Instruction]? = nil,
                       architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let function = write ? "dmirror_write" : "dmirror_read"
        b.label("copy")
        b.step(.dmirrorAccess(write: write), in: function, file: file,
               call: "mutex_lock, \(write ? "dmirror_do_write" : "dmirror_do_read"), mutex_unlock")
        b.jump(to: "done", if: .commandFinished)
        if let userFault {
            MirrorProgram.inlineUserFault(userFault, into: &b, success: "copy")
        } else {
            MirrorProgram.rangeFault(into: &b, readRetry: readRetry, deviceMemory: deviceMemory, success: "copy")
        }
        b.label("done")
        b.ret()
        return b.source
    }

    /// `dmirror_migrate_to_device`: `-EINVAL` without a readable VMA; otherwise `migrate_vma`
    /// into the device's memory, then the read-back (`dmirror_do_read`).
    private static func migrateToDevice(into b: inout ProgramBuilder) {
        b.step(.mmapReadLock, in: "dmirror_migrate_to_device", file: file, call: "mmap_read_lock")
        b.jump(to: "einval", if: .vmaNotReadable)
        MigrateVMAProgram.toDevice(into: &b, readback: "readback")
        b.label("readback")
        b.step(.mmapReadUnlock, in: "dmirror_migrate_to_device", file: file, call: "mmap_read_unlock")
        b.step(.dmirrorReadback, in: "dmirror_migrate_to_device", file: file, call: "mutex_lock, dmirror_do_read, mutex_unlock")
        b.ret()
        einval(into: &b, function: "dmirror_migrate_to_device")
    }

    /// `dmirror_migrate_to_system`: `-EINVAL` without a readable VMA; otherwise the device's
    /// own page (if the page is one) goes back to system memory.
    private static func migrateToSystem(into b: inout ProgramBuilder) {
        b.step(.mmapReadLock, in: "dmirror_migrate_to_system", file: file, call: "mmap_read_lock")
        b.jump(to: "einval", if: .vmaNotReadable)
        MigrateVMAProgram.toSystem(into: &b, source: .callerDevice, notCollected: "out")
        b.step(.unlockPage, in: "__migrate_device_finalize", file: MigrateVMAProgram.file, call: "folio_unlock(src)")
        b.label("out")
        b.step(.mmapReadUnlock, in: "dmirror_migrate_to_system", file: file, call: "mmap_read_unlock")
        b.step(.dmirrorResult(0), in: "dmirror_migrate_to_system", file: file, call: "return 0")
        b.ret()
        einval(into: &b, function: "dmirror_migrate_to_system")
    }

    private static func einval(into b: inout ProgramBuilder, function: String) {
        b.label("einval")
        b.step(.mmapReadUnlock, in: function, file: file, call: "mmap_read_unlock (no VMA with VM_READ)")
        b.step(.dmirrorResult(DmirrorError.einval.value), in: function, file: file, call: "return -EINVAL")
        b.ret()
    }

    /// `dmirror_snapshot` → `dmirror_range_snapshot`: a temporary interval notifier over the
    /// page (whose callback only bumps its sequence, under the device mutex), `read_begin`,
    /// `hmm_range_fault` without faulting, `read_retry` under the mutex, `dmirror_mkentry`,
    /// and the notifier's removal.
    private static func snapshot(into b: inout ProgramBuilder) {
        let core = "mm/hmm.c"
        b.step(.intervalInsert, in: "dmirror_range_snapshot", file: file, call: "mmu_interval_notifier_insert")
        b.label("again")
        b.step(.intervalReadBegin, in: "dmirror_range_snapshot", file: file, call: "mmu_interval_read_begin")
        b.step(.mmapReadLock, in: "dmirror_range_snapshot", file: file, call: "mmap_read_lock")
        b.jump(to: "busy", if: .snapshotStale)
        b.step(.snapshotWalk, in: "hmm_vma_handle_pte", file: core, call: "hmm_vma_walk_test, pte_to_hmm_pfn_flags, dmirror_mkentry")
        b.step(.mmapReadUnlock, in: "dmirror_range_snapshot", file: file, call: "mmap_read_unlock")
        b.step(.mirrorLock, in: "dmirror_range_snapshot", file: file, call: "mutex_lock(&dmirror->mutex)")
        b.jump(to: "stale", if: .snapshotStale)
        b.step(.mirrorUnlock, in: "dmirror_range_snapshot", file: file, call: "mutex_unlock")
        b.step(.intervalRemove, in: "dmirror_range_snapshot", file: file, call: "mmu_interval_notifier_remove")
        b.ret()
        b.label("stale")
        b.step(.mirrorUnlock, in: "dmirror_range_snapshot", file: file, call: "mutex_unlock (mmu_interval_read_retry)")
        b.jump(to: "again", if: .always)
        b.label("busy")
        b.step(.mmapReadUnlock, in: "dmirror_range_snapshot", file: file, call: "mmap_read_unlock (hmm_range_fault: -EBUSY)")
        b.jump(to: "again", if: .always)
    }

    /// `dmirror_exclusive`: under the mmap lock, GUP write-faults the page in, then
    /// `make_device_exclusive` (``DeviceExclusiveProgram``) and `dmirror_atomic_map`; the
    /// read-back follows.
    private static func exclusive(into b: inout ProgramBuilder, deviceMemory: Bool) {
        let gup = "mm/gup.c"
        b.step(.mmapReadLock, in: "dmirror_exclusive", file: file, call: "mmap_read_lock")
        b.label("gup")
        b.step(.mirrorWalk, in: "follow_page_pte", file: gup, call: "get_user_page_vma_remote(FOLL_WRITE)")
        b.jump(to: "efault", if: .walkFailed)
        b.jump(to: "fault", if: .walkNeedsFault)
        DeviceExclusiveProgram.makeExclusive(into: &b, gup: "gup", busy: "ebusy")
        b.step(.dmirrorMapAtomic, in: "dmirror_atomic_map", file: file, call: "mutex_lock, xa_store(DPT_XA_TAG_ATOMIC), mutex_unlock")
        b.step(.unlockPage, in: "dmirror_exclusive", file: file, call: "folio_unlock")
        b.step(.mmapReadUnlock, in: "dmirror_exclusive", file: file, call: "mmap_read_unlock")
        b.step(.dmirrorReadback, in: "dmirror_exclusive", file: file, call: "mutex_lock, dmirror_do_read, mutex_unlock")
        b.ret()
        b.label("ebusy")
        b.step(.mmapReadUnlock, in: "dmirror_exclusive", file: file, call: "mmap_read_unlock (page not made exclusive)")
        b.step(.dmirrorResult(DmirrorError.ebusy.value), in: "dmirror_exclusive", file: file, call: "return -EBUSY")
        b.ret()
        b.label("efault")
        b.step(.mmapReadUnlock, in: "dmirror_exclusive", file: file, call: "mmap_read_unlock (GUP: -EFAULT)")
        b.step(.mirrorFailAccess, in: "dmirror_exclusive", file: file, call: "return PTR_ERR(page)")
        b.ret()
        b.label("fault")
        b.step(.enterNestedFault, in: "faultin_page", file: gup, call: "handle_mm_fault(FAULT_FLAG_WRITE)")
        MirrorProgram.inlineFault(into: &b, resume: "gup", deviceMemory: deviceMemory)
    }

    /// `HMM_DMIRROR_RELEASE` for one page: `dmirror_device_evict_chunk` evicts the page if it is
    /// in this device's memory (`migrate_device_range`, `try_to_migrate` under `RS(CLEAR)`).
    private static func release(into b: inout ProgramBuilder) {
        b.step(.lockDevicePage, in: "migrate_device_pfn_lock", file: MigrateVMAProgram.file,
               call: "folio_get_nontail_page, folio_trylock")
        b.jump(to: "done", if: .notCollected)
        MigrateVMAProgram.toSystem(into: &b, source: .eviction, notCollected: "unlock")
        b.label("unlock")
        b.step(.unlockPage, in: "migrate_device_finalize", file: MigrateVMAProgram.file, call: "folio_unlock(src)")
        b.label("done")
        b.step(.dmirrorResult(0), in: "dmirror_fops_unlocked_ioctl", file: file, call: "HMM_DMIRROR_RELEASE: return 0")
        b.ret()
    }
}
