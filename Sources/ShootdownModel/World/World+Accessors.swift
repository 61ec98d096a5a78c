/// Typed reads and writes of the packed state.
extension World {
    @inline(__always) func pte(_ page: Int, in state: WorldState) -> PageTableEntry {
        PTECodec(kindBits: layout.pteKindBits).decode(state.get(layout.pte[page]))
    }

    @inline(__always) func setPTE(_ page: Int, _ entry: PageTableEntry, in state: inout WorldState) {
        state.set(layout.pte[page], PTECodec(kindBits: layout.pteKindBits).encode(entry))
    }

    /// `vmf->orig_pte` (or what a program read at its start) of thread `thread`.
    @inline(__always) func orig(_ thread: Int, in state: WorldState) -> PageTableEntry {
        PTECodec(kindBits: layout.pteKindBits).decode(state.get(layout.threads[thread].orig))
    }

    @inline(__always) func setOrig(_ thread: Int, _ entry: PageTableEntry, in state: inout WorldState) {
        state.set(layout.threads[thread].orig, PTECodec(kindBits: layout.pteKindBits).encode(entry))
    }

    /// Whether the page's VMA allows the access: it exists, is not PROT_NONE, and allows
    /// writes for a write (`lock_mm_and_find_vma`, `access_error`).
    func vmaAllows(_ page: Int, write: Bool, in state: WorldState) -> Bool {
        state.flag(layout.vmaPresent[page]) && !state.flag(layout.vmaNone[page])
            && (!write || state.flag(layout.vmaWritable[page]))
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
        Int(state.get(layout.pcFields[thread]))
    }

    @inline(__always) func operationIndex(_ thread: Int, in state: WorldState) -> Int {
        Int(state.get(layout.opFields[thread]))
    }

    /// The operation thread `thread` is at, if any is left.
    @inline(__always) func currentOperation(_ thread: Int, in state: WorldState) -> Operation? {
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
        case let .populateWrite(page)?, let .gupTest(_, page)?, let .path(_, page)?: return (page, true)
        case let .kernel(_, page, _)?: return (page, false)
        case let .dmirror(command, page, _)?: return (page, command.writes)
        case .rendezvous?, nil: return (0, false)
        }
    }

    /// Whether a thread has finished its operations (workers are never "done"; they idle).
    public func isDone(_ thread: Int, in state: WorldState) -> Bool {
        guard thread < configuration.threads.count else { return false }
        return operationIndex(thread, in: state) >= configuration.threads[thread].operations.count
            && threadPC(thread, in: state) == 0
    }

    /// A register's value, or `nil` when it holds ``faultValue``; an error code as its
    /// negative errno.
    public func register(_ register: Int, of thread: Int, in state: WorldState) -> Int? {
        let value = Int(state.get(layout.registers[thread][register]))
        if value == faultValue { return nil }
        if value > faultValue { return DmirrorError.allCases[value - faultValue - 1].value }
        return value
    }

    /// The value visible at a virtual page: the contents of the frame its PTE maps, or `nil`
    /// when the page is unmapped. A PROT_NONE, device-exclusive or device-private entry still
    /// names the page's contents (for a device-private page, its backing frame): the value a
    /// CPU sees once its fault has made the page accessible.
    public func memoryValue(page: Int, in state: WorldState) -> Int? {
        let entry = pte(page, in: state)
        return entry.holdsContents ? frameValue(entry.frame, in: state) : nil
    }

    /// The value of the copy of the page another address space maps (see
    /// ``StatePredicate/otherMM(page:value:)``), or `nil` when no frame of the page is shared.
    public func otherMMValue(page: Int, in state: WorldState) -> Int? {
        framesOfPage[page].first { $0 != World.zeroFrame && isShared($0, in: state) }.map { frameValue($0, in: state) }
    }

    /// Sets a register, `nil` meaning "faulted", a negative value an error code.
    func setRegister(_ register: Int, of thread: Int, to value: Int?, in state: inout WorldState) {
        var raw = value ?? faultValue
        if let value, let error = DmirrorError(value: value) {
            raw = faultValue + 1 + DmirrorError.allCases.firstIndex(of: error)!
        }
        state.set(layout.registers[thread][register], UInt64(raw))
    }

    func pageName(_ page: Int) -> String { configuration.pages[page].name }
}
