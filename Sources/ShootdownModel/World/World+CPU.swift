/// A CPU thread's user-level access: TLB lookup, hardware walk, or a trap into the kernel.
extension World {
    func cpuAccess(_ thread: Int, cpu: Int, choice: Int, _ state: WorldState, log: inout StepLog,
                   probe: inout FillProbe) -> WorldState {
        guard let operation = currentOperation(thread, in: state) else { return state }
        if case let .populateWrite(page) = operation {
            return faultInForWrite(thread, page: page, caller: "madvise(\(pageName(page)), MADV_POPULATE_WRITE)", state, log: &log)
        }
        if case let .gupTest(test, page) = operation { return gupTest(test, thread, page: page, state, log: &log) }
        var next = state
        let page = operation.page
        let write: Bool
        if case .write = operation { write = true } else { write = false }
        let cache = TranslationCache.cpuTLB(cpu: cpu)
        let name = pageName(page)

        if let cached = lookup(cache, page: page, in: state), !write || cached.writable {
            completeAccess(thread, operation, frame: cached.frame, in: &next)
            log.say("\(describe(operation, thread: thread, in: next)) (TLB hit)")
            return next
        }
        if lookup(cache, page: page, in: state) == nil {
            var entry = pte(page, in: state)
            if entry.present && (!write || rules.hardwareWritable(entry)) {
                log.count(\.cpuWalks)
                if write && !entry.dirty {
                    // x86: the walker sets the dirty bit of a writable clean PTE itself.
                    entry.dirty = true
                    setPTE(page, entry, in: &next)
                }
                fill(cache, page: page, CachedTranslation(frame: entry.frame, writable: rules.hardwareWritable(entry)),
                     choice: choice, in: &next, log: &log, probe: &probe)
                completeAccess(thread, operation, frame: entry.frame, in: &next)
                log.say("\(describe(operation, thread: thread, in: next)) (TLB miss, walk)")
                return next
            }
        } else if !rules.cachesReadOnlyPermission {
            // x86: a page fault discards the faulting translation.
            invalidate(cache, page: page, in: &next)
        }

        // Page fault: lock_mm_and_find_vma, then handle_mm_fault.
        if !vmaAllows(page, write: write, in: state) {
            failAccess(thread, operation, in: &next)
            log.say("\(write ? "write" : "read") \(name) faults: no \(write ? "writable " : "")VMA, SIGSEGV")
            return next
        }
        log.say("\(write ? "write" : "read") \(name) faults (pte \(pte(page, in: state))): lock_mm_and_find_vma, handle_mm_fault")
        return enterFault(thread, page: page, next, log: &log)
    }

    /// GUP with `FOLL_WRITE` (mm/gup.c:`__get_user_pages`), as `madvise(MADV_POPULATE_WRITE)`
    /// and the `gup_test` ioctls run it: `follow_page_pte` accepts a present PTE with
    /// `pte_write`; otherwise `faultin_page` runs the write fault and GUP looks again. A missing
    /// or read-only VMA ends the call with an error (`check_vma_flags`).
    func faultInForWrite(_ thread: Int, page: Int, caller: String, _ state: WorldState, log: inout StepLog,
                         found: String = "done", result: Int? = nil) -> WorldState {
        var next = state
        let entry = pte(page, in: state)
        if entry.present && entry.write {
            if let result { setRegister(result, of: thread, to: 0, in: &next) }
            advance(thread, in: &next)
            log.say("\(caller): follow_page_pte finds \(entry), \(found)")
            return next
        }
        if !vmaAllows(page, write: true, in: state) {
            if let result { setRegister(result, of: thread, to: DmirrorError.efault.value, in: &next) }
            advance(thread, in: &next)
            log.say("\(caller): no writable VMA, -EFAULT")
            return next
        }
        log.say("\(caller): faultin_page, handle_mm_fault(write) (pte \(entry))")
        return enterFault(thread, page: page, next, log: &log)
    }

    /// A `gup_test` ioctl (mm/gup_test.c): GUP's write-fault-in loop, then `put_back_pages`
    /// drops the reference or the pin. A long-term pin's `check_and_migrate_movable_pages`
    /// finds the page pinnable (``GUPTest``).
    func gupTest(_ test: GUPTest, _ thread: Int, page: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        let caller = "\(test.spelled(page: pageName(page))): \(test.command.function)"
            + (test.command.fast ? " (gup_fast_pte_range, else the slow path)" : "")
        let release = test.command.pins ? "unpin_user_pages" : "put_page"
        let found = test.longterm ? "check_and_migrate_movable_pages: pinnable; \(release)" : release
        return faultInForWrite(thread, page: page, caller: caller, state, log: &log, found: found, result: test.result)
    }

    /// Performs the memory access of a read or write through a translation to `frame`.
    func completeAccess(_ thread: Int, _ operation: Operation, frame: Int, in state: inout WorldState) {
        if frameState(frame, in: state) != .allocated { state.setFlag(layout.freedFrameAccess, true) }
        switch operation {
        case let .read(_, register):
            setRegister(register, of: thread, to: frameValue(frame, in: state), in: &state)
        case let .write(_, value):
            state.set(layout.frameValue[frame], UInt64(value))
        case .munmap, .populateWrite, .gupTest, .path, .kernel, .dmirror, .rendezvous:
            break
        }
        advance(thread, in: &state)
    }

    /// Ends an access that faulted without being served: a read's register gets the fault value.
    func failAccess(_ thread: Int, _ operation: Operation, in state: inout WorldState) {
        if case let .read(_, register) = operation { setRegister(register, of: thread, to: nil, in: &state) }
        advance(thread, in: &state)
    }

    func advance(_ thread: Int, in state: inout WorldState) {
        let field = layout.opFields[thread]
        let index = Int(state.get(field))
        state.set(field, UInt64(index + 1))
        if case .device = roles[thread], index < configuration.threads[thread].operations.count {
            dropIfUnused(configuration.threads[thread].operations[index].page, in: &state)
        }
    }

    /// Text for an access that just completed, e.g. `r0 = x = 1` or `x = 2`.
    func describe(_ operation: Operation, thread: Int, in state: WorldState) -> String {
        switch operation {
        case let .read(page, register):
            let value = self.register(register, of: thread, in: state).map(String.init) ?? "fault"
            return "read \(configuration.threads[thread].registers[register]) = \(pageName(page)) = \(value)"
        case let .write(page, value):
            return "write \(pageName(page)) = \(value)"
        case let .munmap(page):
            return "munmap(\(pageName(page)))"
        case let .populateWrite(page):
            return "madvise(\(pageName(page)), MADV_POPULATE_WRITE)"
        case let .gupTest(test, page):
            return test.spelled(page: pageName(page))
        case let .path(index, page):
            return "\(configuration.paths[index].name)(\(pageName(page)))"
        case let .kernel(kind, page, target):
            return kind.spelled(page: pageName(page), target: target.map(pageName) ?? "y")
        case let .dmirror(command, page, _):
            return command.spelled(page: pageName(page))
        case .rendezvous:
            return "rendezvous()"
        }
    }
}
