/// Running kernel programs: one micro-step per transition, with the silent branches and skipped
/// optional steps that follow it resolved at once.
extension World {
    func program(of thread: Int, in state: WorldState) -> Program {
        if case .mirror = roles[thread] {
            if let command = currentOperation(thread, in: state)?.dmirrorCommand { return programs.dmirror[command.programIndex] }
            if let mirror = programs.mirror { return mirror }
        }
        guard case .cpu = roles[thread] else { return programs.fault }
        switch currentOperation(thread, in: state) {
        case .munmap?: return programs.munmap
        case let .path(index, _)?: return programs.paths[index]
        case let .kernel(kind, _, _)?: return programs.builtIn[kind.rawValue]
        default: return programs.fault
        }
    }

    /// Whether the thread's current operation is a syscall-like program entered directly, not
    /// through a fault: munmap, one of the scenario's own paths, a built-in mm operation, or a
    /// dmirror ioctl.
    func startsProgramDirectly(_ thread: Int, in state: WorldState) -> Bool {
        switch roles[thread] {
        case .cpu:
            switch currentOperation(thread, in: state) {
            case .munmap?, .path?, .kernel?: return true
            default: return false
            }
        case .mirror:
            return currentOperation(thread, in: state)?.dmirrorCommand != nil
        default:
            return false
        }
    }

    /// Whether the step at the thread's program counter (or at instruction `index`) may run.
    func kernelStepEnabled(_ thread: Int, at index: Int? = nil, in state: WorldState) -> Bool {
        let program = program(of: thread, in: state)
        let position = index ?? (threadPC(thread, in: state) - 1)
        guard let kind = program.kinds[position] else { return true }
        switch kind {
        case .lockPTL: return state.get(layout.ptl) == 0
        case .detachVMA, .mmapWriteLock: return state.get(layout.mmapReaders) == 0 && !state.flag(layout.mmapWriter)
        case .migrationEntryWait: return !pte(faultContext(thread, in: state).page, in: state).swap.makesFaultsWait
        case .rangeStart, .rangeEnd: return mirrorCallbacksEnabled(for: kind, thread: thread, in: state)
        case .rangeStartNonblock:
            return (configuration.mirror?.isKVM != true && userSubscriber == nil)
                || mirrorCallbacksEnabled(for: kind, thread: thread, in: state)
        case .notifierRelease:
            // exit_mmap runs when the last thread of the process is gone.
            return userCallbacksEnabled(for: kind, thread: thread, in: state) && roles.indices.allSatisfy { other in
                other == thread || { if case .cpu = roles[other] { return isDone(other, in: state) } else { return true } }()
            }
        case .mmapReadLock, .intervalReadBegin, .mirrorLock, .intervalRemove, .dmirrorAccess, .dmirrorReadback,
             .dmirrorMapMigrated, .dmirrorMapAtomic:
            return mirrorStepEnabled(kind, thread: thread, in: state)
        case .lockPage, .waitPageUnlocked:
            return state.get(layout.pageLock[faultContext(thread, in: state).page]) == 0
        default: return true
        }
    }

    /// Executes the step at the thread's program counter.
    func kernelStep(_ thread: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        let program = program(of: thread, in: state)
        let position = threadPC(thread, in: state) - 1
        // The step's kind, not the step: copying a step copies its strings.
        guard let kind = program.kinds[position] else { return state }
        var next = state
        if log.enabled, case let .step(step) = program.ops[position] { log.step = step }
        perform(kind, thread: thread, in: &next, log: &log)
        next.set(layout.pcFields[thread], UInt64(position + 2))
        return settle(thread, next, log: &log)
    }

    /// Enters `handle_mm_fault` for `page`: takes the mmap lock for read, records
    /// `vmf->orig_pte`, and starts the fault program.
    func enterFault(_ thread: Int, page: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        var next = state
        let fields = layout.threads[thread]
        next.set(layout.mmapReaders, state.get(layout.mmapReaders) &+ 1)
        setOrig(thread, pte(page, in: state), in: &next)
        next.set(fields.changed, 0)
        next.set(fields.pc, 1)
        return settle(thread, next, log: &log)
    }

    /// Enters a directly started program (munmap or a scenario path) and runs its first step.
    /// A path records the PTE as `orig`, the frame its copy step copies.
    func enterProgram(_ thread: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        var next = state
        let fields = layout.threads[thread]
        switch currentOperation(thread, in: state) {
        case let .path(_, page)?, let .kernel(_, page, _)?:
            setOrig(thread, pte(page, in: state), in: &next)
        case let .dmirror(command, page, _)?:
            // cmd.cpages and cmd.faults start at 0 (dmirror_fops_unlocked_ioctl).
            setOrig(thread, pte(page, in: state), in: &next)
            next.set(fields.changed, 0)
            if let faults = configuration.threads[thread].faultCounters[operationIndex(thread, in: state)] {
                setRegister(faults, of: thread, to: 0, in: &next)
            }
            log.say("ioctl(HMM_DMIRROR_\(command.name)) on \(pageName(page))")
        default:
            break
        }
        next.set(fields.pc, 1)
        return kernelStep(thread, next, log: &log)
    }

    /// Follows branches, skips optional steps whose condition fails, and handles the program's
    /// end, so that the program counter rests on a real step or back in user context.
    func settle(_ thread: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        var next = state
        let program = program(of: thread, in: state)
        let pcField = layout.pcFields[thread]
        while true {
            let position = Int(next.get(pcField)) - 1
            guard position >= 0 else { return next }
            if let kind = program.kinds[position] {
                // A step, read from the plain arrays: copying it would copy its strings.
                if let condition = program.conditions[position], !holds(condition, thread: thread, in: next) {
                    next.set(pcField, UInt64(position + 2))
                } else if isSilent(kind) {
                    // A step that changes nothing but the thread's own position runs together
                    // with the step before it: no other thread can tell the difference.
                    if log.enabled, case let .step(step) = program.ops[position] {
                        log.effect("\(step.label) (no subscriber affected)")
                        log.silentSteps.append(step)
                    }
                    switch kind {
                    case .rangeStart, .rangeStartNonblock: log.count(\.rangeStartCalls)
                    default: log.count(\.rangeEndCalls)
                    }
                    next.set(pcField, UInt64(position + 2))
                } else {
                    return next
                }
                continue
            }
            switch program.ops[position] {
            case let .jump(target, condition):
                next.set(pcField, UInt64(holds(condition, thread: thread, in: next) ? target + 1 : position + 2))
            case .step:
                preconditionFailure("a step has a kind")
            case .ret:
                next.set(pcField, 0)
                switch roles[thread] {
                case .cpu:
                    switch currentOperation(thread, in: next) {
                    case let .munmap(page)?:
                        next.set(layout.mmapReaders, next.get(layout.mmapReaders) &- 1)
                        checkSecondaryBounded(thread, page: page, in: &next, log: &log)
                        advance(thread, in: &next)
                    case let .kernel(kind, page, target)?:
                        for checked in kind == .exitMMAP ? Array(configuration.pages.indices) : hugeGroup(of: page) + (target.map { hugeGroup(of: $0) } ?? []) {
                            checkSecondaryBounded(thread, page: checked, in: &next, log: &log)
                        }
                        advance(thread, in: &next)
                    case let .path(index, page)?:
                        // A path with munmap's detach_vma holds the mmap lock for read until here.
                        if programs.pathNeeds[index].contains(.mmapReadHeld) {
                            next.set(layout.mmapReaders, next.get(layout.mmapReaders) &- 1)
                        }
                        if configuration.paths[index].checkedOnReturn {
                            checkSecondaryBounded(thread, page: page, in: &next, log: &log)
                        }
                        advance(thread, in: &next)
                    default:
                        next.set(layout.mmapReaders, next.get(layout.mmapReaders) &- 1)
                    }
                case .iopfWorker:
                    next.set(layout.mmapReaders, next.get(layout.mmapReaders) &- 1)
                    respondToPageRequest(thread, success: true, in: &next)
                    log.effect("page response: success, device retries")
                case .mirror:
                    // A dmirror ioctl returns; a plain access retries through the mirror table.
                    if currentOperation(thread, in: next)?.dmirrorCommand != nil { advance(thread, in: &next) }
                case .device, .iommuPrefetcher:
                    break
                }
                return next
            }
        }
    }

    /// Whether a step has no effect outside its own thread in this world: range start and end
    /// calls reach only range subscribers (`invalidate_range_start/end`), of which the model
    /// has none yet; the old era's plain `range_end` also calls `invalidate_range` and so is not
    /// silent.
    func isSilent(_ kind: StepKind) -> Bool {
        switch kind {
        case .rangeStart, .rangeStartNonblock: return !hasMirror
        case let .rangeEnd(onlyEnd):
            return !hasMirror && (onlyEnd || configuration.policy.era == .archInvalidateSecondaryTLBs || !notifierRegistered)
        default: return false
        }
    }

    func holds(_ condition: BranchCondition, thread: Int, in state: WorldState) -> Bool {
        let fields = layout.threads[thread]
        let (page, write) = faultContext(thread, in: state)
        let current = pte(page, in: state)
        let orig = self.orig(thread, in: state)
        switch condition {
        case .origNone: return orig.isNone
        case .origSwap: return orig.swap == .swap
        case .origMigration: return orig.swap == .migration
        case .origSplitting: return orig.swap == .splitting
        case .pteChangedSinceEntry: return current != orig
        case .pteNotNone: return !current.isNone
        case .notMappingOrigFrame:
            return !current.present || current.frame != orig.frame || current.frame == World.zeroFrame
                || isShared(current.frame, in: state)
        case .pteCleanReadOnly: return !current.write && !current.dirty
        case .pteMapsZeroPage: return current.present && (current.frame == World.zeroFrame || current.frame == hugeZeroFrame)
        case .pteNotPresent: return !current.present
        case .always: return true
        case .contiguousHugePage: return configuration.pages[page].contiguous
        case .mappedByHugeEntry: return mappedByHugeEntry(page, in: state)
        case .pmdSplit: return hugeGroupIndex[page] != nil && !mappedByHugeEntry(page, in: state)
        case .hugetlbPage: if case .hugetlb? = configuration.pages[page].huge { return true } else { return false }
        case .rangeStartFailed: return state.flag(fields.startFailed)
        case .snapshotStale, .walkNeedsFault, .kvmMustRetry, .walkFailed, .commandFinished:
            return holdsMirror(condition, thread: thread, in: state)
        case .origDevicePrivate: return orig.devicePrivateOwner != nil
        case .origDeviceExclusive: return orig.swap == .deviceExclusive
        case .pageLockedByOther: return state.get(layout.pageLock[page]) != UInt64(thread + 1)
        case .notCollected: return state.get(fields.migrate) == 0
        case .collectedHole: return state.get(fields.migrate) == 2
        case .collectedPageCache: return state.get(fields.migrate) == 3
        case .vmaNotAnonymous: return configuration.pages[page].backing != .anonymous
        case .insertBlocked: return !current.isNone && !(current.present && current.frame == World.zeroFrame)
        case .vmaNotReadable: return !vmaAllows(page, write: false, in: state)
        case .vmaMissing: return !state.flag(layout.vmaPresent[page])
        case .notMappingWalkedPage, .notMappingWalkedPageWritable:
            let walked = CachedTranslation.decode(state.get(fields.pfn))
            return !current.present || current.frame != walked?.frame
                || (condition == .notMappingWalkedPageWritable && !current.write)
        case .writeToReadOnlyPTE: return write && !current.write
        case .frameNotExclusive: return current.frame == World.zeroFrame || isShared(current.frame, in: state)
        case .notChanged: return !state.flag(fields.changed)
        case .readFault: return !write
        }
    }

    func holds(_ condition: StepCondition, thread: Int, in state: WorldState) -> Bool {
        switch condition {
        case .changed: return state.flag(layout.threads[thread].changed)
        case .writeFault: return faultContext(thread, in: state).write
        case .gathered: return state.flag(layout.threads[thread].gathered)
        case .batchPending: return state.flag(layout.threads[thread].batchPending)
        case .collectedPresent:
            let collected = state.get(layout.threads[thread].migrate)
            return collected == 1 || collected == 3
        }
    }
}
