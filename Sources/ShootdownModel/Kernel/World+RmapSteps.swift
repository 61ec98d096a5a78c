/// The effect of the steps of mprotect, reclaim, migration, KSM and mkclean
/// (``KernelOperation``), and of faults on swap and migration entries.
extension World {
    func performRmapStep(_ kind: StepKind, thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let name = pageName(page)
        switch kind {
        case .mmapWriteLock:
            state.setFlag(layout.mmapWriter, true)
        case .mmapWriteUnlock:
            state.setFlag(layout.mmapWriter, false)
        case let .setVMAProtection(protection):
            // A hugetlb VMA is split only at huge-page boundaries: the whole huge page changes.
            for member in hugeEntryPages(of: page, in: state) ?? [page] {
                state.setFlag(layout.vmaWritable[member], protection == .readWrite)
                state.setFlag(layout.vmaNone[member], protection == .none)
            }
            log.effect("VMA of \(name) now \(protection == .readWrite ? "read-write" : protection == .readOnly ? "read-only" : "PROT_NONE")")
        case let .modifyProtection(protection):
            // hugetlb_change_protection: huge_ptep_modify_prot_start/commit on the huge entry.
            for member in hugeEntryPages(of: page, in: state) ?? [page] {
                modifyProtection(member, to: protection, thread: thread, in: &state, log: &log)
            }
        case .flushTLBRange:
            cpuFlush(page: page, in: &state, log: &log)
            log.count(\.cpuTLBIRange)
        case .getAndClear:
            let old = pte(page, in: state)
            setPTE(page, .none, in: &state)
            state.setFlag(fields.gatherQueued, true)
            state.set(fields.gatherFrame, UInt64(old.frame))
            log.effect("pte[\(name)] cleared (no flush); frame \(old.frame) held")
        case .addPendingBatch:
            state.setFlag(fields.batchPending, true)
            log.effect("CPU flush of \(name) deferred to the batch")
        case .batchFlush:
            cpuFlush(page: page, in: &state, log: &log)
            state.setFlag(fields.batchPending, false)
            log.count(\.cpuTLBIRange)
        case .installSwapEntry:
            let frame = Int(state.get(fields.gatherFrame))
            setPTE(page, .nonPresent(.swap, frame: frame), in: &state)
            log.effect("pte[\(name)] = swap entry (contents of frame \(frame))")
        case .installMigrationEntry:
            let orig = self.orig(thread, in: state)
            setPTE(page, .nonPresent(.migration, frame: orig.frame, write: orig.write), in: &state)
            state.setFlag(fields.gatherQueued, true)
            state.set(fields.gatherFrame, UInt64(orig.frame))
            log.effect("pte[\(name)] = \(pte(page, in: state))")
        case .removeMigrationEntry:
            let entry = pte(page, in: state)
            guard entry.swap == .migration else {
                // munmap zapped the migration entry meanwhile: page_vma_mapped_walk finds nothing.
                log.effect("pte[\(name)] = \(entry): no migration entry to replace")
                return
            }
            let frame = Int(state.get(fields.newFrame))
            let dirty = orig(thread, in: state).dirty
            let new = PageTableEntry(present: true, write: entry.write, dirty: dirty, frame: frame)
            setPTE(page, new, in: &state)
            log.effect("pte[\(name)] = \(new)")
        case .setWrprotectedClean:
            var entry = orig(thread, in: state)
            entry.write = false
            entry.dirty = false
            setPTE(page, entry, in: &state)
            // write_protect_page hands the new entry back as replace_page's orig_pte.
            setOrig(thread, entry, in: &state)
            log.effect("pte[\(name)] = \(entry)")
        case .installReadOnlyNewPage:
            let old = pte(page, in: state)
            let frame = Int(state.get(fields.newFrame))
            let entry = PageTableEntry(present: true, write: false, dirty: false, frame: frame)
            setPTE(page, entry, in: &state)
            state.setFlag(fields.gatherQueued, true)
            state.set(fields.gatherFrame, UInt64(orig(thread, in: state).frame))
            log.effect("pte[\(name)] = \(entry)\(old.present ? "" : " (was \(old))")")
        case .migrationEntryWait:
            log.effect("migration entry gone; the access retries")
        case .forkWrprotect:
            var entry = pte(page, in: state)
            if entry.swap == .deviceExclusive {
                // copy_nonpresent_pte: try_restore_exclusive_pte makes the entry present again,
                // and the copy is retried as for a present PTE.
                entry = PageTableEntry(present: true, write: entry.write, dirty: entry.write, frame: entry.frame)
            } else if entry.devicePrivateOwner != nil {
                // copy_nonpresent_pte: a writable device-private entry of a COW mapping becomes
                // readable in parent and child, which share the device page.
                entry.write = false
                setPTE(page, entry, in: &state)
                state.setFlag(layout.frameForked[entry.frame], true)
                log.effect("pte[\(name)] = \(entry); device page shared with the child")
                return
            }
            guard entry.present, entry.frame != World.zeroFrame else { return }
            entry.write = false
            setPTE(page, entry, in: &state)
            state.setFlag(layout.frameForked[entry.frame], true)
            log.effect("pte[\(name)] = \(entry); frame \(entry.frame) shared with the child")
        case .flushTLBMM:
            for other in configuration.pages.indices { cpuFlush(page: other, in: &state, log: &log) }
            log.count(\.cpuTLBIMM)
        case .notifierRelease:
            notifierRelease(thread, in: &state, log: &log)
        case .zapAll:
            var queued: UInt64 = 0
            for other in configuration.pages.indices {
                let entry = pte(other, in: state)
                state.setFlag(layout.vmaPresent[other], false)
                guard entry.present else { continue }
                setPTE(other, .none, in: &state)
                if entry.frame != World.zeroFrame && !isShared(entry.frame, in: state) { queued |= 1 << UInt64(entry.frame) }
            }
            state.set(fields.gatherMask, queued)
            log.effect("every VMA unmapped, every PTE cleared")
        case .freeAllGathered:
            let queued = state.get(fields.gatherMask)
            for frame in 0..<frameCount where queued & (1 << UInt64(frame)) != 0 {
                state.set(layout.frameState[frame], FrameState.freed.rawValue)
            }
            state.set(fields.gatherMask, 0)
            log.effect("every page freed")
        case .replaceWithNewPage:
            let frame = Int(state.get(fields.newFrame))
            let entry = PageTableEntry(present: true, write: false, dirty: false, frame: frame)
            setPTE(page, entry, in: &state)
            state.setFlag(fields.gatherQueued, true)
            state.set(fields.gatherFrame, UInt64(PageTableEntry(encoded: state.get(fields.orig)).frame))
            log.effect("pte[\(name)] = \(entry)")
        case .contigBreak, .flushContigRange, .contigMake:
            performContiguousStep(kind, thread: thread, page: page, in: &state, log: &log)
        case .invalidatePMD, .mapSubpages, .flushHugeRange:
            performHugeMappingStep(kind, thread: thread, page: page, in: &state, log: &log)
        case .restoreOrigPTE:
            let entry = orig(thread, in: state)
            setPTE(page, entry, in: &state)
            log.effect("pte[\(name)] = \(entry)")
        default:
            performMirrorStep(kind, thread: thread, page: page, in: &state, log: &log)
        }
    }

    /// `change_pte_range` on one PTE (mm/mprotect.c).
    private func modifyProtection(_ page: Int, to protection: VMAProtection, thread: Int, in state: inout WorldState,
                                  log: inout StepLog) {
        let fields = layout.threads[thread]
        let name = pageName(page)
        let old = pte(page, in: state)
        var new = old
        if old.present || old.swap == .protNone {
            if protection == .none {
                new = .nonPresent(.protNone, frame: old.frame, dirty: old.dirty)
            } else {
                new = PageTableEntry(present: true, write: false, dirty: old.dirty, frame: old.frame)
                // MM_CP_TRY_CHANGE_WRITABLE: only an exclusive anonymous page becomes writable.
                new.write = protection == .readWrite && old.frame != World.zeroFrame && !isShared(old.frame, in: state)
            }
        } else if old.swap == .deviceExclusive || old.devicePrivateOwner != nil {
            // A writable device-private or device-exclusive entry is made readable; nothing else.
            if protection != .readWrite { new.write = false }
        } else {
            return
        }
        setPTE(page, new, in: &state)
        // pte_needs_flush: generic (arm64) always; x86 when a permission bit changed. Only a
        // present entry can be cached.
        let needsFlush = old.present && (configuration.architecture == .arm64 || new != old)
        if needsFlush { state.setFlag(fields.gathered, true) }
        log.effect("pte[\(name)]: \(old) → \(new)\(needsFlush ? "; range gathered" : old.present ? "; pte_needs_flush: no" : "")")
    }

    /// `IOMMU entries granting more than the PTE`: when an mm operation returns and no other
    /// kernel path is working on the same page, every IOTLB and ATC entry for the page must
    /// map the PTE's frame with no more than its permission (KERNEL-FACTS §5, I4).
    func checkSecondaryBounded(_ thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        guard layout.staleSecondary.width > 0, !otherKernelPathOnPage(thread, page: page, in: state) else { return }
        if let stale = staleSecondaryEntry(page: page, in: state) {
            state.setFlag(layout.staleSecondary, true)
            log.effect("\(stale) still grants more than pte[\(pageName(page))] = \(pte(page, in: state)) after the operation returned")
        }
    }

    /// A secondary entry for `page` that grants more than its PTE, described.
    func staleSecondaryEntry(page: Int, in state: WorldState) -> String? {
        let entry = pte(page, in: state)
        func exceeds(_ cached: CachedTranslation?) -> Bool {
            guard let cached else { return false }
            return !entry.present || cached.frame != entry.frame || (cached.writable && !entry.write)
        }
        if exceeds(lookup(.iotlb, page: page, in: state)) { return "IOTLB[\(pageName(page))]" }
        for device in layout.atc.indices where exceeds(lookup(.atc(device: device), page: page, in: state)) {
            return "ATC of \(threadNames[deviceThread[device]])[\(pageName(page))]"
        }
        return nil
    }

    /// Whether a thread other than `thread` is inside a kernel program (a fault, a page request
    /// or an mm operation) on `page`.
    func otherKernelPathOnPage(_ thread: Int, page: Int, in state: WorldState) -> Bool {
        for other in roles.indices where other != thread && threadPC(other, in: state) != 0 {
            if faultContext(other, in: state).page == page { return true }
        }
        return false
    }
}
