/// The effect of each kind of kernel micro-step on the machine.
extension World {
    func perform(_ kind: StepKind, thread: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let (page, write) = faultContext(thread, in: state)
        switch kind {
        case .lockPTL:
            state.set(layout.ptl, UInt64(thread + 1))
        case .unlockPTL:
            state.set(layout.ptl, 0)
        case let .setAccessFlags(makeWritable):
            // ptep_set_access_flags: the entry gains dirty on a write fault (and write when
            // wp_page_reuse upgrades); young is hardware-managed and not modelled.
            let old = pte(page, in: state)
            var new = old
            if write { new.dirty = true }
            if makeWritable { new.write = true }
            setPTE(page, new, in: &state)
            state.setFlag(fields.changed, new != old)
            log.effect(new != old ? "pte[\(pageName(page))]: \(old) → \(new)" : "pte[\(pageName(page))] unchanged (spurious fault)")
        case .flushTLBPage:
            cpuFlush(page: page, in: &state, log: &log)
            log.count(\.cpuTLBIPage)
        case .clearFlush:
            setPTE(page, .none, in: &state)
            log.effect("pte[\(pageName(page))] cleared")
            cpuFlush(page: page, in: &state, log: &log)
            log.count(\.cpuTLBIPage)
        case .flushGatherRange:
            if state.flag(fields.gathered) { cpuFlush(page: page, in: &state, log: &log) }
            log.count(\.cpuTLBIRange)
        case let .notifySecondary(scope):
            notifySecondaryTLBs(notifiedPages(scope, page: page, in: state), in: &state, log: &log)
        case let .rangeStart(event, owner):
            log.count(\.rangeStartCalls)
            countRange(thread, opened: true, in: &state)
            mirrorInvalidateStart(thread, page: page, event: event, owner: owner, in: &state, log: &log)
        case let .rangeStartNonblock(event):
            log.count(\.rangeStartCalls)
            if userSubscriber != nil {
                let started = userInvalidateStart(thread, page: page, event: event, owner: .none, blockable: false,
                                                  in: &state, log: &log)
                state.setFlag(fields.startFailed, !started)
                if started { countRange(thread, opened: true, in: &state) }
                if !started { log.effect("mmu_notifier_invalidate_range_start_nonblock: -EAGAIN") }
            } else if let failing = mirrorNonblockingFailure(in: state) {
                state.setFlag(fields.startFailed, true)
                mirrorInvalidateStartFailing(thread, page: page, at: failing, in: &state, log: &log)
            } else {
                state.setFlag(fields.startFailed, false)
                countRange(thread, opened: true, in: &state)
                mirrorInvalidateStart(thread, page: page, event: event, owner: .none, in: &state, log: &log)
            }
        case let .rangeEnd(onlyEnd):
            log.count(\.rangeEndCalls)
            countRange(thread, opened: false, in: &state)
            mirrorInvalidateEnd(thread, in: &state, log: &log)
            if configuration.policy.era == .invalidateRange && !onlyEnd {
                // mn_hlist_invalidate_end: the old era calls invalidate_range from range_end.
                notifySecondaryTLBs(rangePages(of: page, in: state), in: &state, log: &log)
            }
        case .allocZeroed, .allocCopy:
            let source = copySource(of: orig(thread, in: state), page: page)
            let value = kind == .allocCopy ? frameValue(source, in: state) : 0
            guard let frame = unusedOwnFrame(thread, page: page, in: state) else {
                state.setFlag(layout.framePoolExhausted, true)
                return
            }
            state.set(layout.frameState[frame], FrameState.allocated.rawValue)
            state.set(layout.frameValue[frame], UInt64(value))
            state.set(fields.newFrame, UInt64(frame))
            log.effect("frame \(frame) allocated (value \(value))")
        case .freeNewPage:
            // A frame that lost its race was never mapped: no translation can reach it, so the
            // allocator may hand it out again (the model gives it back to its thread).
            // After a failed allocation (the pool ran dry, which the model reports) there is
            // nothing to give back.
            guard !state.flag(layout.framePoolExhausted) else { return }
            let frame = Int(state.get(fields.newFrame))
            state.set(layout.frameState[frame], FrameState.unused.rawValue)
            state.set(layout.frameValue[frame], 0)
            log.effect("frame \(frame) freed (never mapped)")
        case .installNewPage:
            let frame = Int(state.get(fields.newFrame))
            let entry = PageTableEntry(present: true, write: write, dirty: write, frame: frame)
            setPTE(page, entry, in: &state)
            log.effect("pte[\(pageName(page))] = \(entry)")
        case .installZeroPage:
            setPTE(page, PageTableEntry(present: true, write: false, dirty: false, frame: World.zeroFrame), in: &state)
            log.effect("pte[\(pageName(page))] = zero page")
        case .installPageCachePage:
            let entry = PageTableEntry(present: true, write: false, dirty: false, frame: initialFrame[page] ?? World.zeroFrame)
            setPTE(page, entry, in: &state)
            log.effect("pte[\(pageName(page))] = \(entry) (page-cache page)")
        case .detachVMA:
            state.setFlag(layout.vmaPresent[page], false)
            state.set(layout.mmapReaders, state.get(layout.mmapReaders) &+ 1)
            log.effect("VMA of \(pageName(page)) removed")
        case .zapPTE:
            let old = pte(page, in: state)
            if old.present || old.swap == .protNone {
                setPTE(page, .none, in: &state)
                state.setFlag(fields.gatherQueued, true)
                state.setFlag(fields.gathered, true)
                state.set(fields.gatherFrame, UInt64(old.frame))
                log.effect("pte[\(pageName(page))] cleared; frame \(old.frame) queued in the gather")
            } else if old.swap == .migration || old.swap == .deviceExclusive || old.devicePrivateOwner != nil {
                // zap_pte_range: pte_clear_not_present_full. A device-private or device-exclusive
                // page's mapping reference is put at once (no TLB can hold it); a page locked by
                // a migration is freed by the migration when it lets go.
                setPTE(page, .none, in: &state)
                let locked = state.get(layout.pageLock[page]) != 0
                if old.swap != .migration && !locked && !isShared(old.frame, in: state) {
                    state.set(layout.frameState[old.frame], FrameState.freed.rawValue)
                    log.effect("pte[\(pageName(page))] (\(old)) cleared; frame \(old.frame) freed")
                } else {
                    log.effect("pte[\(pageName(page))] (\(old)) cleared")
                }
            }
        case .freeGatheredPages:
            guard state.flag(fields.gatherQueued) else { return }
            let frame = Int(state.get(fields.gatherFrame))
            state.setFlag(fields.gatherQueued, false)
            if frame != World.zeroFrame && !isShared(frame, in: state) {
                state.set(layout.frameState[frame], FrameState.freed.rawValue)
                log.effect("frame \(frame) freed")
            }
        case .copyVMA, .takeMovedPTE, .setMovedPTE, .unmapSourceVMA:
            performMoveStep(kind, thread: thread, page: page, in: &state, log: &log)
        default:
            performRmapStep(kind, thread: thread, page: page, in: &state, log: &log)
        }
    }

    /// A broadcast CPU TLB invalidation of `pages` on every CPU (arm64 TLBI VALE1IS / x86 IPIs).
    /// An SMMU with BTM sharing the CPU's ASID snoops it.
    func cpuFlush(page: Int, in state: inout WorldState, log: inout StepLog) {
        log.effect("TLBI \(pageName(page)) on every CPU")
        for cpu in layout.cpuTLB.indices { invalidate(.cpuTLB(cpu: cpu), page: page, in: &state) }
        if configuration.iommu.snoopsCPUInvalidations, invalidate(.iotlb, page: page, in: &state) {
            log.effect("BTM: SMMU snoops the TLBI, IOTLB[\(pageName(page))] invalidated")
            log.count(\.iotlbSnooped)
        }
    }

    /// The page a copy (`allocCopy`) reads: the frame `orig_pte` mapped, or for a none PTE of a
    /// private file mapping the page-cache page `__do_fault` found (`do_cow_fault`).
    func copySource(of orig: PageTableEntry, page: Int) -> Int {
        if orig.isNone && configuration.pages[page].backing == .privateFile, let cached = initialFrame[page] { return cached }
        return orig.frame
    }
}
