import ShootdownChecker

/// The part of a CPU thread's future footprint that depends only on where the thread is (its
/// operation index and program counter), computed once per world: partial-order reduction
/// asks for futures in every state.
struct CPUFutureTable: Sendable {
    /// What a thread may still touch from some point, frames aside. Plain values only, so
    /// that looking one up costs no reference counting.
    struct Entry: Sendable {
        var reads = LocationSet()
        var writes = LocationSet()
        /// Pages whose IOTLB entry the thread may still invalidate (a bit each).
        var invalidates: UInt64 = 0
        /// Pages whose frames the thread may still read (a bit each).
        var framePages: UInt64 = 0
        /// Pages whose frames the thread may still write (a bit each).
        var writtenFramePages: UInt64 = 0

        mutating func reach(page: Int, writing: Bool) {
            guard page < 64 else { return }
            framePages |= 1 << UInt64(page)
            if writing { writtenFramePages |= 1 << UInt64(page) }
        }
    }

    /// All entries: for each thread, one per operation (and one past the end), then for each
    /// operation that runs a scenario path, one per instruction of the path (the future from
    /// that instruction on, the later operations included).
    var entries: [Entry] = []
    /// `[thread]`: where the thread's per-operation entries start in ``entries``.
    var operationBase: [Int] = []
    /// `[thread][operation]`: where that operation's per-instruction entries start, or -1.
    var runningBase: [[Int]] = []

    /// The future of a thread at operation `operation` (its count: done) and program counter
    /// `pc` (0: not in the kernel).
    @inline(__always)
    func entry(thread: Int, operation: Int, pc: Int) -> Entry {
        if pc > 0 {
            let base = runningBase[thread][operation]
            if base >= 0 { return entries[base + pc - 1] }
        }
        return entries[operationBase[thread] + operation]
    }
}

extension World {
    /// Builds the table for every CPU thread of the configuration.
    func makeCPUFutureTable() -> CPUFutureTable {
        var table = CPUFutureTable()
        for (thread, role) in roles.enumerated() {
            table.operationBase.append(table.entries.count)
            guard case .cpu = role else {
                table.runningBase.append([])
                continue
            }
            let operations = configuration.threads[thread].operations
            var fromOperation = Array(repeating: CPUFutureTable.Entry(), count: operations.count + 1)
            for index in stride(from: operations.count - 1, through: 0, by: -1) {
                var entry = fromOperation[index + 1]
                addOperation(operations[index], of: thread, to: &entry)
                fromOperation[index] = entry
            }
            table.entries += fromOperation
            var running = Array(repeating: -1, count: operations.count + 1)
            for (index, operation) in operations.enumerated() {
                guard let program = directProgram(operation) else { continue }
                running[index] = table.entries.count
                for position in program.ops.indices {
                    var tail = fromOperation[index + 1]
                    addPathSteps(program, from: position, page: operation.page, target: operation.moveTarget,
                                 checked: configuration.checksOnReturn(operation), to: &tail)
                    table.entries.append(tail)
                }
            }
            table.runningBase.append(running)
        }
        return table
    }

    /// The locations of a whole operation, as its first step sees it.
    private func addOperation(_ operation: Operation, of thread: Int, to entry: inout CPUFutureTable.Entry) {
        if operation == .rendezvous {
            for partner in rendezvousPartners(of: thread) { entry.reads.insert(locations.local(partner)) }
            return
        }
        let page = operation.page
        if let program = directProgram(operation) {
            addPathSteps(program, from: 0, page: page, target: operation.moveTarget, checked: configuration.checksOnReturn(operation),
                         to: &entry)
            return
        }
        switch operation {
        case .read where configuration.faults == .wait, .write where configuration.faults == .wait:
            // No fault: a TLB lookup or a hardware walk, and the access.
            entry.reads.insert([locations.pte(page), locations.cpuTLB(page)])
            entry.writes.insert(locations.cpuTLB(page))
            if rules.hardwareSetsDirty { entry.writes.insert(locations.pte(page)) }
            var storing = false
            if case .write = operation { storing = true }
            entry.reach(page: page, writing: storing)
            if configuration.tlbCapacity != nil {
                entry.reads.formUnion(capacityLocations)
                entry.writes.formUnion(capacityLocations)
            }
        default:
            let static_ = pageLocations(page)
            entry.reads.formUnion(static_)
            entry.writes.formUnion(static_)
            entry.reach(page: page, writing: true)
        }
        entry.invalidates |= iotlbPages(in: entry.writes)
    }

    /// The program a syscall-like operation runs: munmap, a scenario path, a built-in mm
    /// operation.
    func directProgram(_ operation: Operation) -> Program? {
        switch operation {
        case .munmap: return programs.munmap
        case let .path(index, _): return programs.paths[index]
        case let .kernel(kind, _, _): return programs.builtIn[kind.rawValue]
        default: return nil
        }
    }

    /// The steps of `program` from `start` on, at `page` (moving it to `target`, for mremap);
    /// with `checked`, the check at its return too.
    func addPathSteps(_ program: Program, from start: Int, page: Int, target: Int? = nil, checked: Bool = false,
                      to entry: inout CPUFutureTable.Entry) {
        if tracksMmap { entry.writes.insert(locations.mmap) }
        entry.reads.insert(locations.pte(page))
        if checked {
            for other in configuration.pages.indices { returnCheckLocations(page: other, reads: &entry.reads) }
            entry.writes.insert(locations.flags)
        }
        var touchesFrames = false
        for op in program.ops[start...] {
            guard case let .step(step) = op else { continue }
            insertStepLocations(step.kind, page: page, target: target, reads: &entry.reads, writes: &entry.writes)
            touchesFrames = touchesFrames || step.kind.touchesFrames
            if step.kind == .freeAllGathered {
                for other in configuration.pages.indices { entry.reach(page: other, writing: true) }
            }
        }
        if touchesFrames {
            entry.reads.insert(locations.pte(page))
            entry.reach(page: page, writing: true)
        }
        entry.invalidates |= iotlbPages(in: entry.writes)
    }

    /// The pages whose IOTLB location `set` contains, as a mask.
    func iotlbPages(in set: LocationSet) -> UInt64 {
        var mask: UInt64 = 0
        for page in layout.iotlb.indices where page < 64 && set.contains(locations.iotlb(page)) { mask |= 1 << UInt64(page) }
        return mask
    }
}

extension StepKind {
    /// Whether the step allocates or frees a frame.
    var touchesFrames: Bool {
        switch self {
        case .allocCopy, .allocZeroed, .freeNewPage, .freeGatheredPages, .freeAllGathered: return true
        default: return false
        }
    }
}
