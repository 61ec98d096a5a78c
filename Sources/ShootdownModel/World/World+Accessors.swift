/// Typed reads and writes of the packed state.
extension World {
    @inline(__always) func pte(_ page: Int, in state: WorldState) -> PageTableEntry {
        PageTableEntry(encoded: state.get(layout.pte[page]))
    }

    @inline(__always) func setPTE(_ page: Int, _ entry: PageTableEntry, in state: inout WorldState) {
        state.set(layout.pte[page], entry.encoded())
    }

    @inline(__always) func frameState(_ frame: Int, in state: WorldState) -> FrameState {
        FrameState(rawValue: state.get(layout.frameState[frame])) ?? .unused
    }

    /// Whether another address space maps the frame too (copy-on-write since its creation or
    /// since a fork), so that a write fault copies it and this one never frees it.
    @inline(__always) func isShared(_ frame: Int, in state: WorldState) -> Bool {
        frameShared[frame] || state.flag(layout.frameForked[frame])
    }

    @inline(__always) func frameValue(_ frame: Int, in state: WorldState) -> Int {
        Int(state.get(layout.frameValue[frame]))
    }

    @inline(__always) func threadPC(_ thread: Int, in state: WorldState) -> Int {
        Int(state.get(layout.threads[thread].pc))
    }

    @inline(__always) func operationIndex(_ thread: Int, in state: WorldState) -> Int {
        Int(state.get(layout.threads[thread].op))
    }

    /// The operation thread `thread` is at, if any is left.
    func currentOperation(_ thread: Int, in state: WorldState) -> Operation? {
        guard thread < configuration.threads.count else { return nil }
        let operations = configuration.threads[thread].operations
        let index = operationIndex(thread, in: state)
        return index < operations.count ? operations[index] : nil
    }

    /// The page and access kind of the fault thread `thread` is handling.
    func faultContext(_ thread: Int, in state: WorldState) -> (page: Int, write: Bool) {
        if case .iopfWorker = roles[thread] {
            let fields = layout.threads[thread]
            return (Int(state.get(fields.requestPage)), state.flag(fields.requestWrite))
        }
        switch currentOperation(thread, in: state) {
        case let .read(page, _)?: return (page, false)
        case let .write(page, _)?: return (page, true)
        case let .munmap(page)?: return (page, false)
        case let .populateWrite(page)?, let .path(_, page)?: return (page, true)
        case let .kernel(_, page)?: return (page, false)
        case nil: return (0, false)
        }
    }

    /// Whether a thread has finished its operations (workers are never "done"; they idle).
    public func isDone(_ thread: Int, in state: WorldState) -> Bool {
        guard thread < configuration.threads.count else { return false }
        return operationIndex(thread, in: state) >= configuration.threads[thread].operations.count
            && threadPC(thread, in: state) == 0
    }

    /// A register's value, or `nil` when it holds ``faultValue``.
    public func register(_ register: Int, of thread: Int, in state: WorldState) -> Int? {
        let value = Int(state.get(layout.threads[thread].registers[register]))
        return value == faultValue ? nil : value
    }

    /// The value visible at a virtual page: the contents of the frame its PTE maps, or `nil`
    /// when the page is unmapped.
    public func memoryValue(page: Int, in state: WorldState) -> Int? {
        let entry = pte(page, in: state)
        return entry.present ? frameValue(entry.frame, in: state) : nil
    }

    /// Sets a register, `nil` meaning "faulted".
    func setRegister(_ register: Int, of thread: Int, to value: Int?, in state: inout WorldState) {
        state.set(layout.threads[thread].registers[register], UInt64(value ?? faultValue))
    }

    func pageName(_ page: Int) -> String { configuration.pages[page].name }
}
