import ShootdownChecker

/// The part of a CPU thread's future footprint that depends only on where the thread is (its
/// operation index and program counter), computed once per world: partial-order reduction
/// asks for futures in every state.
struct CPUFutureTable: Sendable {
    /// What a thread may still touch from some point, frames aside.
    struct Entry: Sendable {
        var reads = LocationSet()
        var writes = LocationSet()
        /// Pages whose IOTLB entry the thread may still invalidate.
        var invalidates: UInt64 = 0
        /// Pages whose frames the thread may still reach, and whether it may write them.
        var frames: [FrameReach] = []
    }

    /// A page whose frames a future step may read or write.
    struct FrameReach: Sendable, Equatable {
        var page: Int
        var writing: Bool
    }

    /// `[thread][operation]`: the future from the start of that operation (past the end: empty).
    var fromOperation: [[Entry]] = []
    /// `[thread][operation][position]`: for an operation that runs a scenario path, the future
    /// from instruction `position` of the path on, the later operations included.
    var running: [[[Entry]]] = []

    /// The future of a thread at operation `operation` (its count: done) and program counter
    /// `pc` (0: not in the kernel).
    @inline(__always)
    func entry(thread: Int, operation: Int, pc: Int) -> Entry {
        let inPath = running[thread][operation]
        return pc > 0 && !inPath.isEmpty ? inPath[pc - 1] : fromOperation[thread][operation]
    }
}

extension World {
    /// Builds the table for every CPU thread of the configuration.
    func makeCPUFutureTable() -> CPUFutureTable {
        var table = CPUFutureTable()
        for (thread, role) in roles.enumerated() {
            guard case .cpu = role else {
                table.fromOperation.append([])
                table.running.append([])
                continue
            }
            let operations = configuration.threads[thread].operations
            var entries = Array(repeating: CPUFutureTable.Entry(), count: operations.count + 1)
            var running = Array(repeating: [CPUFutureTable.Entry](), count: operations.count + 1)
            for index in stride(from: operations.count - 1, through: 0, by: -1) {
                var entry = entries[index + 1]
                addOperation(operations[index], to: &entry)
                entries[index] = entry
                if case let .path(path, page) = operations[index] {
                    let program = programs.paths[path]
                    running[index] = program.ops.indices.map { position in
                        var tail = entries[index + 1]
                        addPathSteps(program, from: position, page: page, to: &tail)
                        return tail
                    }
                }
            }
            table.fromOperation.append(entries)
            table.running.append(running)
        }
        return table
    }

    /// The locations of a whole operation, as its first step sees it.
    private func addOperation(_ operation: Operation, to entry: inout CPUFutureTable.Entry) {
        let page = operation.page
        switch operation {
        case let .path(index, _):
            addPathSteps(programs.paths[index], from: 0, page: page, to: &entry)
            return
        case .read, .write where configuration.faults == .wait:
            // No fault: a TLB lookup or a hardware walk, and the access.
            entry.reads.insert([locations.pte(page), locations.cpuTLB(page)])
            entry.writes.insert(locations.cpuTLB(page))
            if rules.hardwareSetsDirty { entry.writes.insert(locations.pte(page)) }
            var storing = false
            if case .write = operation { storing = true }
            entry.frames.append(.init(page: page, writing: storing))
            if configuration.tlbCapacity != nil {
                entry.reads.formUnion(capacityLocations)
                entry.writes.formUnion(capacityLocations)
            }
        default:
            let static_ = pageLocations(page)
            entry.reads.formUnion(static_)
            entry.writes.formUnion(static_)
            entry.frames.append(.init(page: page, writing: true))
        }
        entry.invalidates |= iotlbPages(in: entry.writes)
    }

    /// The steps of `program` from `start` on, at `page`.
    func addPathSteps(_ program: Program, from start: Int, page: Int, to entry: inout CPUFutureTable.Entry) {
        var touchesFrames = false
        for op in program.ops[start...] {
            guard case let .step(step) = op else { continue }
            insertStepLocations(step.kind, page: page, reads: &entry.reads, writes: &entry.writes)
            touchesFrames = touchesFrames || step.kind.touchesFrames
        }
        if touchesFrames {
            entry.reads.insert(locations.pte(page))
            entry.frames.append(.init(page: page, writing: true))
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
        case .allocCopy, .allocZeroed, .freeNewPage, .freeGatheredPages: return true
        default: return false
        }
    }
}
