/// The fault path a mirror device (or vCPU) runs itself when its own table lacks a
/// translation, with the CPU's fault program inlined where the mirror calls
/// `handle_mm_fault`.
enum MirrorProgram {
    static func build(_ mirror: MirrorConfiguration, architecture: Architecture, era: NotifierEra,
                      deviceMemory: Bool = false, fileBacked: Bool = false) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        b.fileBacked = fileBacked
        if mirror.isKVM {
            kvm(into: &b, deviceMemory: deviceMemory)
        } else {
            rangeFault(into: &b, readRetry: mirror.readsRetry, deviceMemory: deviceMemory, success: nil)
        }
        return b.source
    }

    /// `dmirror_fault` → `dmirror_range_fault` (lib/test_hmm.c) with `hmm_range_fault`
    /// (mm/hmm.c): `read_begin`, walk under the mmap lock (faulting as needed, restarting with
    /// `-EBUSY` when the snapshot went stale), then under the device mutex `read_retry` and
    /// `dmirror_do_fault`. On success it jumps to `success` (returns when `nil`); an error ends
    /// the access or command with it.
    static func rangeFault(into b: inout ProgramBuilder, readRetry: Bool, deviceMemory: Bool, success: String?) {
        let hmm = "lib/test_hmm.c", core = "mm/hmm.c"
        b.label("again")
        b.step(.intervalReadBegin, in: "dmirror_range_fault", file: hmm, call: "mmu_interval_read_begin")
        b.step(.mmapReadLock, in: "dmirror_range_fault", file: hmm, call: "mmap_read_lock")
        b.label("walk")
        b.jump(to: "busy", if: .snapshotStale)
        b.step(.mirrorWalk, in: "hmm_vma_handle_pte", file: core, call: "ptep_get, hmm_pte_need_fault")
        b.jump(to: "efault", if: .walkFailed)
        b.jump(to: "fault", if: .walkNeedsFault)
        b.step(.mmapReadUnlock, in: "dmirror_range_fault", file: hmm, call: "mmap_read_unlock")
        b.step(.mirrorLock, in: "dmirror_range_fault", file: hmm, call: "mutex_lock(&dmirror->mutex)")
        if readRetry { b.jump(to: "stale", if: .snapshotStale) }
        b.step(.mirrorInstall, in: "dmirror_do_fault", file: hmm, call: "xa_store(&dmirror->pt)")
        b.jump(to: "refused", if: .walkFailed)
        b.step(.mirrorUnlock, in: "dmirror_range_fault", file: hmm, call: "mutex_unlock")
        if let success { b.jump(to: success, if: .always) } else { b.ret() }
        b.label("refused")
        b.step(.mirrorUnlock, in: "dmirror_range_fault", file: hmm, call: "mutex_unlock (dmirror_do_fault: -EFAULT)")
        b.step(.mirrorFailAccess, in: "dmirror_fault", file: hmm, call: "return the error")
        b.ret()
        b.label("stale")
        b.step(.mirrorUnlock, in: "dmirror_range_fault", file: hmm, call: "mutex_unlock (mmu_interval_read_retry)")
        b.jump(to: "again", if: .always)
        b.label("efault")
        b.step(.mmapReadUnlock, in: "dmirror_range_fault", file: hmm, call: "mmap_read_unlock (hmm_range_fault: error)")
        b.step(.mirrorFailAccess, in: "dmirror_fault", file: hmm, call: "return the error")
        b.ret()
        b.label("busy")
        b.step(.mmapReadUnlock, in: "dmirror_range_fault", file: hmm, call: "mmap_read_unlock (hmm_range_fault: -EBUSY)")
        b.jump(to: "again", if: .always)
        b.label("fault")
        b.step(.enterNestedFault, in: "hmm_vma_fault", file: core, call: "handle_mm_fault")
        inlineFault(into: &b, resume: "walk", deviceMemory: deviceMemory)
    }

    /// KVM's page fault: x86 `kvm_mmu_faultin_pfn` / `direct_page_fault`
    /// (arch/x86/kvm/mmu/mmu.c), arm64 `user_mem_abort` (arch/arm64/kvm/mmu.c); both resolve the
    /// page with GUP (virt/kvm/kvm_main.c `hva_to_pfn`, faulting it in under the mmap lock) after
    /// snapshotting `mmu_invalidate_seq`, then under `mmu_lock` check `mmu_invalidate_retry_gfn`
    /// and install the sPTE / stage-2 entry.
    static func kvm(into b: inout ProgramBuilder, deviceMemory: Bool) {
        let main = "virt/kvm/kvm_main.c"
        let x86 = b.architecture == .x86
        let mmu = x86 ? "arch/x86/kvm/mmu/mmu.c" : "arch/arm64/kvm/mmu.c"
        let snapshot = x86 ? "kvm_mmu_faultin_pfn" : "user_mem_abort"
        let fault = x86 ? "direct_page_fault" : "user_mem_abort"
        let map = x86 ? "direct_map" : "user_mem_abort"
        let install = x86 ? "mmu_set_spte" : "kvm_pgtable_stage2_map"
        let lock = x86 ? "write_lock(&kvm->mmu_lock)" : "kvm_fault_lock(kvm)"
        let unlock = x86 ? "write_unlock(&kvm->mmu_lock)" : "kvm_fault_unlock(kvm)"
        let error = x86 ? "kvm_handle_error_pfn" : "user_mem_abort"
        b.label("again")
        b.step(.kvmSnapshotSeq, in: snapshot, file: mmu, call: "mmu_seq = kvm->mmu_invalidate_seq")
        b.step(.mirrorWalk, in: "hva_to_pfn_fast", file: main, call: "get_user_page_fast_only")
        b.jump(to: "slow", if: .walkFailed)
        b.jump(to: "slow", if: .walkNeedsFault)
        b.label("map")
        b.step(.mirrorLock, in: fault, file: mmu, call: lock)
        b.jump(to: "retry", if: .kvmMustRetry)
        b.step(.mirrorInstall, in: map, file: mmu, call: install)
        b.step(.mirrorUnlock, in: fault, file: mmu, call: unlock)
        b.ret()
        b.label("retry")
        b.step(.mirrorUnlock, in: fault, file: mmu, call: "\(unlock) (mmu_invalidate_retry_gfn)")
        b.jump(to: "again", if: .always)
        // hva_to_pfn_slow: get_user_pages_unlocked walks again under the mmap lock and faults
        // the page in (faultin_page → handle_mm_fault), until it can follow the PTE.
        b.label("slow")
        b.step(.mmapReadLock, in: "hva_to_pfn_slow", file: main, call: "get_user_pages_unlocked: mmap_read_lock")
        b.label("slow_walk")
        b.step(.mirrorWalk, in: "__get_user_pages", file: "mm/gup.c", call: "follow_page_pte")
        b.jump(to: "efault", if: .walkFailed)
        b.jump(to: "fault", if: .walkNeedsFault)
        b.step(.mmapReadUnlock, in: "hva_to_pfn_slow", file: main, call: "get_user_pages_unlocked: mmap_read_unlock")
        b.jump(to: "map", if: .always)
        b.label("efault")
        b.step(.mmapReadUnlock, in: "hva_to_pfn_slow", file: main, call: "get_user_pages_unlocked: mmap_read_unlock (-EFAULT)")
        b.step(.mirrorFailAccess, in: error, file: mmu, call: "KVM_PFN_ERR_FAULT: -EFAULT to userspace")
        b.ret()
        b.label("fault")
        b.step(.enterNestedFault, in: "faultin_page", file: "mm/gup.c", call: "handle_mm_fault")
        inlineFault(into: &b, resume: "slow_walk", deviceMemory: deviceMemory)
    }

    /// Appends the CPU's fault program with its labels renamed and every return turned into a
    /// jump to `resume`.
    static func inlineFault(into b: inout ProgramBuilder, resume: String, deviceMemory: Bool, prefix: String = "fault.") {
        for instruction in FaultProgram.build(architecture: b.architecture, era: b.era, deviceMemory: deviceMemory,
                                              fileBacked: b.fileBacked) {
            switch instruction {
            case let .step(step): b.step(step)
            case let .jump(label, condition): b.jump(to: prefix + label, if: condition)
            case let .label(name): b.label(prefix + name)
            case .ret: b.jump(to: resume, if: .always)
            }
        }
    }

    /// Appends a user-written fault path (already built) with its labels renamed: a return
    /// right after `mirror_fail_access` still ends the command with the error, every other
    /// return jumps to `success`.
    static func inlineUserFault(_ source: [Instruction], into b: inout ProgramBuilder, success: String) {
        let prefix = "dmirror_fault."
        var failed = false
        for instruction in source {
            switch instruction {
            case let .step(step):
                b.step(step)
                failed = step.kind == .mirrorFailAccess
                continue
            case let .jump(label, condition): b.jump(to: prefix + label, if: condition)
            case let .label(name): b.label(prefix + name)
            case .ret: if failed { b.ret() } else { b.jump(to: success, if: .always) }
            }
            failed = false
        }
    }
}
