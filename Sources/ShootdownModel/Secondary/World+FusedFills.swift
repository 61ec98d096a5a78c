import ShootdownChecker

/// Fused speculative fills: a reduction of the IOMMU walker's `prefetch=on` fills.
///
/// A speculative fill of page `p` reads `p`'s PTE and writes its IOTLB entry, and nothing else.
/// In any execution, a fill commutes with every later step that neither writes that PTE nor
/// touches that entry, so it can be moved forward until just before the first step that does
/// (or dropped, if none does: nothing then observes the entry). Every execution is therefore
/// equivalent to one in which each fill runs immediately before a step it conflicts with. With
/// fusion on, the walker never moves alone: each step is offered as is and, for every set of
/// pending fills it conflicts with, preceded by those fills as one transition. Reachable states
/// shrink (no state holds a filled entry that nothing has used yet); the verdicts do not change,
/// provided that no property reads an IOTLB entry (the built-in invariants read sticky flags set
/// by steps) and that no liveness property is checked (a fill postponed for ever would change
/// which executions are fair). Used only when the IOTLB has no capacity, so that fills never
/// evict and never depend on each other.
extension World {
    /// Whether speculative fills are fused into the steps they affect.
    var fusesSpeculativeFills: Bool { !prefetchers.isEmpty && configuration.fusedSpeculativeFills && configuration.tlbCapacity == nil }

    /// `[k]`: the walker thread and page of each speculative walker.
    static func prefetchers(of roles: [ThreadRole]) -> [(thread: Int, page: Int)] {
        roles.indices.compactMap { thread in
            if case let .iommuPrefetcher(page) = roles[thread], page < 64 { return (thread, page) }
            return nil
        }
    }

    /// Appends every step preceded by fills it conflicts with: for each fill that could run now,
    /// the steps enabled after it whose footprint depends on it, each also with every set of
    /// further (higher-page) fills it depends on.
    ///
    /// Only threads that a fill can affect are examined in the filled state: those with a step
    /// enabled now that depends on the fill, and a device that waits now for a fault on the
    /// filled page (the fill may end the wait; see ``iotlbPageGuardingWait(of:in:)``). A thread
    /// whose enabled steps are all independent of a fill keeps, after the fill, the same steps
    /// with the same footprints, so none of them depends on it there either; a waiting thread
    /// whose guard reads no entry the fill writes still waits; a finished thread stays finished.
    /// `choiceCounts[t]` is ``choiceCount(of:in:)`` of thread `t` in `state`, and `actions`
    /// holds the state's plain steps. When some fill is pending, the footprint of every action in
    /// `actions` on return (plain and fused, as ``footprint(of:in:)`` gives it) is appended to
    /// `footprints`, which the examination computes anyway; else nothing is.
    func appendFusedActions(in state: WorldState, choiceCounts: UnsafeBufferPointer<Int>, into actions: inout [WorldAction],
                            footprints: inout [Footprint]) {
        // Working arrays live on the stack: this runs for every state expanded.
        withUnsafeTemporaryAllocation(of: (thread: Int, page: Int).self, capacity: prefetchers.count) { pendingBuffer in
            var pendingCount = 0
            let candidates = prefetchCandidates(among: prefetcherPages, in: state)
            for walker in prefetchers where candidates & (1 << UInt64(walker.page)) != 0 {
                pendingBuffer.initializeElement(at: pendingCount, to: walker)
                pendingCount += 1
            }
            guard pendingCount > 0 else { return }
            let pending = UnsafeBufferPointer(rebasing: pendingBuffer[..<pendingCount])
            withUnsafeTemporaryAllocation(of: Footprint.self, capacity: pendingCount) { fillBuffer in
                for (index, walker) in pending.enumerated() {
                    fillBuffer.initializeElement(at: index, to: candidateFillFootprint(of: walker))
                }
                let fillFootprints = UnsafeBufferPointer(fillBuffer)
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: roles.count) { affected in
                    markThreadsAffected(byFills: fillFootprints, of: pending, in: state, choiceCounts: choiceCounts,
                                        into: affected, footprints: &footprints)
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: pendingCount) { further in
                        appendFusedSteps(pending: pending, fillFootprints: fillFootprints, affected: UnsafeBufferPointer(affected),
                                         further: further, in: state, into: &actions, footprints: &footprints)
                    }
                }
            }
        }
    }

    /// The fused steps of ``appendFusedActions(in:choiceCounts:into:footprints:)``: for each
    /// pending fill (`pending`, whose footprints are `fillFootprints`), the steps of the threads
    /// it affects (`affected`) that depend on it after it, each with every subset of the further
    /// fills it depends on; `further` is working memory for as many fills as are pending.
    private func appendFusedSteps(
        pending: UnsafeBufferPointer<(thread: Int, page: Int)>,
        fillFootprints: UnsafeBufferPointer<Footprint>,
        affected: UnsafeBufferPointer<UInt64>,
        further: UnsafeMutableBufferPointer<Int>,
        in state: WorldState,
        into actions: inout [WorldAction],
        footprints: inout [Footprint]
    ) {
        var log = StepLog.off
        for (index, walker) in pending.enumerated() {
            // Every pending page stays a candidate after the others' fills: a fill writes only
            // its own entry, and without a capacity the IOTLB always has room.
            let filled = fillCandidate(page: walker.page, state, log: &log)
            for thread in roles.indices where affected[thread] & (1 << UInt64(index)) != 0 {
                for choice in 0 ..< choiceCount(of: thread, in: filled) {
                    let step = WorldAction(thread: thread, choice: choice)
                    let footprint = stepFootprint(of: step, in: filled)
                    guard !footprint.isIndependent(of: fillFootprints[index]) else { continue }
                    var furtherCount = 0
                    for other in index + 1 ..< pending.count where !footprint.isIndependent(of: fillFootprints[other]) {
                        further[furtherCount] = other
                        furtherCount += 1
                    }
                    for subset in 0 ..< (1 << furtherCount) {
                        // The fused step's footprint: the fills' and the step's own after them.
                        var fills: UInt64 = 1 << UInt64(walker.page)
                        var fused = Footprint(actor: thread, reads: fillFootprints[index].reads, writes: fillFootprints[index].writes)
                        var before = filled
                        for bit in 0 ..< furtherCount where subset & (1 << bit) != 0 {
                            let other = further[bit]
                            fills |= 1 << UInt64(pending[other].page)
                            before = fillCandidate(page: pending[other].page, before, log: &log)
                            fused.reads.formUnion(fillFootprints[other].reads)
                            fused.writes.formUnion(fillFootprints[other].writes)
                        }
                        if subset != 0 && choiceCount(of: thread, in: before) <= choice { continue }
                        let own = subset == 0 ? footprint : stepFootprint(of: step, in: before)
                        fused.reads.formUnion(own.reads)
                        fused.writes.formUnion(own.writes)
                        actions.append(WorldAction(thread: thread, choice: choice, fills: fills))
                        footprints.append(fused)
                    }
                }
            }
        }
    }

    /// Marks in `affected`, per thread, a mask over `fillFootprints` (bit `i` for fill `i`, the
    /// fill of walker `pending[i]`) of the fills that may affect the thread's steps: for a thread
    /// that waits in `state`, the fill of the page whose IOTLB entry its guard reads, if any
    /// (``iotlbPageGuardingWait(of:in:)``), else the fills some enabled step of the thread
    /// depends on. Walker threads get no bits. Appends the footprint of every enabled step, in
    /// the order of ``enabledActions(in:into:)``, to `footprints`.
    func markThreadsAffected(byFills fillFootprints: UnsafeBufferPointer<Footprint>,
                             of pending: UnsafeBufferPointer<(thread: Int, page: Int)>, in state: WorldState,
                             choiceCounts: UnsafeBufferPointer<Int>, into affected: UnsafeMutableBufferPointer<UInt64>,
                             footprints: inout [Footprint]) {
        affected.initialize(repeating: 0)
        for thread in roles.indices {
            if case .iommuPrefetcher = roles[thread] { continue }
            let count = choiceCounts[thread]
            guard count > 0 else {
                if let page = iotlbPageGuardingWait(of: thread, in: state) {
                    for (index, walker) in pending.enumerated() where walker.page == page {
                        affected[thread] |= 1 << UInt64(index)
                    }
                }
                continue
            }
            for choice in 0 ..< count {
                let footprint = stepFootprint(of: WorldAction(thread: thread, choice: choice), in: state)
                footprints.append(footprint)
                for (index, fill) in fillFootprints.enumerated() where !footprint.isIndependent(of: fill) {
                    affected[thread] |= 1 << UInt64(index)
                }
            }
        }
    }

    /// For a thread with no step enabled in `state`, the page whose IOTLB entry the guard that
    /// holds it back reads, if any: the only thing a speculative fill writes is one IOTLB entry,
    /// so a fill of any other page leaves the thread waiting. Only a device's access reads the
    /// IOTLB before it decides to wait for a fault (``accessWouldFault(_:_:in:)``, with
    /// `faults = wait`); a device held by its `waiting` flag, and every other thread's guard
    /// (``choiceCount(of:in:)``: locks, flags, PTEs, CPU TLBs, mirrors), read no IOTLB entry.
    func iotlbPageGuardingWait(of thread: Int, in state: WorldState) -> Int? {
        guard case .device = roles[thread], configuration.faults == .wait,
              !state.flag(layout.threads[thread].waiting), let operation = currentOperation(thread, in: state) else {
            return nil
        }
        switch operation {
        case let .read(page, _), let .write(page, _): return page
        default: return nil
        }
    }

    /// The footprint of walker `walker`'s fill in a state where its page is a candidate
    /// (``isPrefetchCandidate(_:in:)``: the entry is empty and still of use, so the fill walks)
    /// and the IOTLB has no capacity: what ``stepFootprint(of:in:)`` gives there, without
    /// reading the state again.
    func candidateFillFootprint(of walker: (thread: Int, page: Int)) -> Footprint {
        var reads = LocationSet()
        var writes = LocationSet()
        writes.insert(locations.local(walker.thread))
        insertFillLocations(page: walker.page, walks: true, reads: &reads, writes: &writes)
        return Footprint(actor: walker.thread, reads: reads, writes: writes)
    }

    /// `state` after the fills of `fills`, in page order: the fills of an action enabled in
    /// `state`, whose pages ``appendFusedActions(in:choiceCounts:into:footprints:)`` took from
    /// the candidates there, and which stay candidates after each other's fills.
    func applyingFills(_ fills: UInt64, to state: WorldState, log: inout StepLog) -> WorldState {
        var next = state
        var rest = fills
        while rest != 0 {
            next = fillCandidate(page: rest.trailingZeroBitCount, next, log: &log)
            rest &= rest - 1
        }
        return next
    }

    /// The footprint of a fused step: its fills' and the step's own after them.
    func fusedFootprint(of action: WorldAction, in state: WorldState) -> Footprint {
        var log = StepLog.off
        var footprint = stepFootprint(of: WorldAction(thread: Int(action.thread), choice: Int(action.choice)),
                                      in: applyingFills(action.fills, to: state, log: &log))
        for walker in prefetchers where action.fills & (1 << UInt64(walker.page)) != 0 {
            let fill = stepFootprint(of: WorldAction(thread: walker.thread), in: state)
            footprint.reads.formUnion(fill.reads)
            footprint.writes.formUnion(fill.writes)
        }
        return footprint
    }

    /// A thread's future with the fills it may fuse: every page whose PTE it may write or whose
    /// IOTLB entry it may touch may be filled just before, reading the PTE and writing the entry.
    func addingFusedFills(to footprint: inout Footprint) {
        let triggered = prefetcherPages
            & (footprint.writes.bits(at: locations.pteBase) | footprint.writes.bits(at: locations.iotlbBase)
                | footprint.reads.bits(at: locations.iotlbBase))
        guard triggered != 0 else { return }
        footprint.reads.insert(bits: triggered, at: locations.pteBase)
        footprint.reads.insert(bits: triggered, at: locations.iotlbBase)
        footprint.writes.insert(bits: triggered, at: locations.iotlbBase)
    }

    /// The actions of `path` with each fused step split into its fills (as the walker's own
    /// steps) and the step itself, for narration.
    public func unfused(_ actions: [WorldAction]) -> [WorldAction] {
        actions.flatMap { action -> [WorldAction] in
            guard action.fills != 0 else { return [action] }
            let fills = prefetchers.filter { action.fills & (1 << UInt64($0.page)) != 0 }.map { WorldAction(thread: $0.thread) }
            return fills + [WorldAction(thread: Int(action.thread), choice: Int(action.choice))]
        }
    }
}
