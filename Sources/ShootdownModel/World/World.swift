import ShootdownChecker

/// The whole system — CPUs, page table, notifier core, IOMMU, devices and kernel workers — as a
/// transition system the checker explores. Build one from a ``ModelConfiguration``.
///
/// A class, though it never changes once built: the checker calls its methods for every state,
/// and a struct of this size is copied into a temporary for each call it receives from generic
/// code; a reference is passed as it is. Its variables are set only while it is built (hence
/// `@unchecked Sendable`).
public final class World: TransitionSystem, @unchecked Sendable {
    public typealias State = WorldState
    public typealias Action = WorldAction

    /// The configuration the world was built from.
    public let configuration: ModelConfiguration
    /// The step programs of the configuration's architecture and policy.
    public let programs: KernelPrograms
    /// Thread names: the declared threads, then one IOPF worker per device.
    public let threadNames: [String]
    /// What each thread is.
    public let roles: [ThreadRole]
    /// The initial state.
    public let initialStates: [WorldState]
    /// The value a register holds after an access that faulted without being served.
    public let faultValue: Int
    /// The largest value a register holds: stored values, or a snapshot byte. Above it come
    /// ``faultValue`` and then the error codes (``DmirrorError``).
    let registerMax: Int
    /// Whether the IOMMU's SVA binding registered an MMU notifier (it does unless the policy
    /// lets an SMMU with BTM skip it).
    public let notifierRegistered: Bool

    let layout: StateLayout
    let locations: LocationMap
    /// Per page, the locations a fault or munmap there may touch, frames aside.
    private(set) var pageLocationSets: [LocationSet] = []
    /// The position-only part of every CPU thread's future footprint.
    private(set) var cpuFutures = CPUFutureTable()
    /// Frames as bit masks, for future footprints.
    private(set) var frameMasks = FrameMasks()
    /// `[thread][operation index]`: the pages a device's remaining stores touch.
    private(set) var remainingWrites: [[UInt64]] = []
    /// ``remainingPages`` of the device threads, flat.
    private(set) var devicePages = DevicePageTable()
    /// Groups of interchangeable devices, and the fields that move with each member.
    let symmetryGroups: [[Int]]
    let symmetryFields: [[[BitField]]]
    /// The fields of every pair of interchangeable devices (groups of two), side by side, and
    /// where each group's run of them lies: the canonical form compares them in one flat pass.
    let symmetryPairs: [SymmetryPair]
    let symmetryPairRanges: [Range<Int>]
    /// The register classes of ``CanonicalForm/registerCondition``, if any register merges.
    let registerClasses: RegisterClasses?
    /// The IOMMU's speculative walkers: thread and page.
    let prefetchers: [(thread: Int, page: Int)]
    /// The pages of the speculative walkers, as a mask (their pages are below 64).
    let prefetcherPages: UInt64
    /// Every frame a page may ever map: its initial frame or the zero page, and its pool.
    let framesOfPage: [[Int]]
    /// `[page]`: the one-page list `[page]`, built once: a notifier call on one page passes it
    /// instead of allocating the list on every step.
    let singlePageLists: [[Int]]
    let rules: ArchitectureRules
    let frameCount: Int
    /// Frames shared copy-on-write with another address space: never freed by this one.
    let frameShared: [Bool]
    /// The frames each page's faults allocate from.
    let framePool: [Range<Int>]
    /// `[thread][page]`: the frames a thread's allocations for a page take, lowest unused first.
    let ownFrames: [[[Int]]]
    /// Initial frame of each page (nil when the page starts unmapped or on the zero page); for a
    /// private file mapping, its page-cache page, mapped or not.
    let initialFrame: [Int?]
    /// `[page]`: the page's contiguous hugetlb group (itself alone when it has none).
    let contiguousGroupOf: [[Int]]
    /// The huge mappings (``HugeMapping``), each a run of pages, and the one each page is in.
    let hugeGroups: [[Int]]
    let hugeGroupIndex: [Int?]
    /// The frame standing for the huge zero page, when a transparent huge mapping starts on it
    /// (shared, never freed, never written).
    let hugeZeroFrame: Int?
    /// `[thread][operation index]`: the pages a device's remaining accesses touch.
    let remainingPages: [[UInt64]]
    /// Thread index of each device's thread and of its IOPF worker.
    let deviceThread: [Int]
    let workerThread: [Int]
    /// The threads bound to the range subscriber, and its mirror tables.
    let mirrorThreads: [Int]
    let mirrorInstances: Int
    /// Whether `__mmu_notifier_register` accepted the range subscriber (the new era refuses a
    /// subscriber with both kinds of callback).
    public let mirrorRegistered: Bool
    /// The scenario's user-written subscriber, if its range subscriber is one.
    let userSubscriber: SubscriberDefinition?

    /// The zero page's frame.
    static let zeroFrame = 0
    /// The most threads a scenario may declare.
    public static let maximumThreads = 64
    /// The most pages a scenario may declare.
    public static let maximumPages = 64

    public init(_ configuration: ModelConfiguration) throws(ModelError) {
        self.configuration = configuration
        self.programs = KernelPrograms(architecture: configuration.architecture, policy: configuration.policy,
                                       paths: configuration.paths, mirror: configuration.mirror,
                                       deviceMemory: configuration.usesDeviceMemory,
                                       fileBacked: configuration.pages.contains { $0.backing != .anonymous })
        self.rules = configuration.architecture.rules
        try World.validate(configuration)
        let called = Set(configuration.threads.flatMap(\.operations).compactMap { operation -> Int? in
            if case let .path(index, _) = operation { return index } else { return nil }
        })
        for (index, (path, needs)) in zip(configuration.paths, programs.pathNeeds).enumerated()
        where needs.contains(.mirrorDevice) && called.contains(index) {
            throw .unsupported("path \(path.name) has a mirror device's steps (its walk, snapshot, table or lock); only MIR… and VCPU… threads run them, and a path runs on a CPU")
        }
        for (index, (path, needs)) in zip(configuration.paths, programs.pathNeeds).enumerated()
        where needs.contains(.moveTarget) && called.contains(index) {
            throw .unsupported("path \(path.name) has mremap's steps (copy_vma, take_moved_pte, set_moved_pte, unmap_source_vma), which move an entry to a second page; a path has one page, so only mremap(x, y) runs them")
        }

        // Threads: declared ones, then a worker per device.
        var names = configuration.threads.map(\.name)
        var roles: [ThreadRole] = []
        var deviceThread: [Int] = []
        var cpuCount = 0
        var mirrorThreads: [Int] = []
        for (index, thread) in configuration.threads.enumerated() {
            switch thread.kind {
            case .cpu:
                roles.append(.cpu(cpu: cpuCount))
                cpuCount += 1
            case .device:
                roles.append(.device(device: deviceThread.count))
                deviceThread.append(index)
            case .mirror:
                // dmirror: one instance per device; KVM: one VM for every vCPU.
                let shared = configuration.mirror?.isKVM ?? false
                roles.append(.mirror(instance: shared ? 0 : mirrorThreads.count))
                mirrorThreads.append(index)
            }
        }
        self.mirrorThreads = mirrorThreads
        self.mirrorInstances = configuration.mirror.map { $0.isKVM ? min(mirrorThreads.count, 1) : mirrorThreads.count } ?? 0
        self.userSubscriber = configuration.mirror?.definition
        self.mirrorRegistered = configuration.mirror.map {
            NotifierRegistration.register($0.ops, era: configuration.policy.era) == .registered
        } ?? false
        var workerThread: [Int] = []
        for device in deviceThread.indices {
            workerThread.append(roles.count)
            roles.append(.iopfWorker(device: device))
            names.append("IOPF(\(configuration.threads[deviceThread[device]].name))")
        }
        if configuration.iommu.prefetch {
            // A walker for each page some device accesses: no other entry is ever of use.
            for page in configuration.pages.indices {
                let accessed = configuration.threads.contains { $0.kind == .device && $0.operations.contains { $0.page == page } }
                    || configuration.prefilled.contains { $0.page == page && $0.cache == .iotlb }
                guard accessed else { continue }
                roles.append(.iommuPrefetcher(page: page))
                names.append("IOMMU[\(configuration.pages[page].name)]")
            }
        }
        self.threadNames = names
        self.roles = roles
        self.prefetchers = World.prefetchers(of: roles)
        self.prefetcherPages = prefetchers.reduce(0) { $0 | 1 << UInt64($1.page) }
        self.deviceThread = deviceThread
        self.workerThread = workerThread

        // Frames: the zero page, each initially mapped page, then a pool for allocations.
        var initialFrame: [Int?] = []
        var frameShared = [false]
        var hugeZeroFrame: Int?
        for page in configuration.pages {
            if page.mapping == .zeroPage && page.huge == .transparent {
                // The huge zero page: one frame for the whole folio, shared by every such mapping.
                if hugeZeroFrame == nil {
                    hugeZeroFrame = frameShared.count
                    frameShared.append(true)
                }
                initialFrame.append(hugeZeroFrame)
            } else if case .present = page.mapping {
                initialFrame.append(frameShared.count)
                frameShared.append(page.cowShared || page.backing == .privateFile)
            } else if page.backing == .privateFile {
                // The page cache's page, not yet mapped: the page cache keeps it.
                initialFrame.append(frameShared.count)
                frameShared.append(true)
            } else {
                initialFrame.append(nil)
            }
        }
        // Every thread that may write-fault a page owns one frame for it: a lost race frees the
        // copy and the retry finds the PTE writable, so no thread allocates twice for a page.
        // A device's faults run in its IOPF worker, which owns the device's frames. Private
        // frames keep one thread's allocation independent of every other thread's steps.
        // Device memory adds frames: a migration to a device allocates the device page (its
        // backing frame), and every access may have to bring a migrated page back, once per
        // migration to a device, and copy it on write after that.
        var framePool: [Range<Int>] = []
        var ownFrames = Array(repeating: Array(repeating: [Int](), count: configuration.pages.count), count: roles.count)
        let pathNeeds = self.programs.pathNeeds
        for page in configuration.pages.indices {
            let start = frameShared.count
            for (index, thread) in configuration.threads.enumerated() {
                let demand = World.frameDemand(of: thread, page: page, configuration: configuration, pathNeeds: pathNeeds)
                guard demand > 0 else { continue }
                var owner = index
                if case let .device(device) = roles[index] { owner = workerThread[device] }
                // KSM's stable page is shared by every process that merged into it: never reused
                // by a write fault, never freed here.
                let stable = thread.operations.contains { operation in
                    switch operation {
                    case .kernel(.ksmMerge, page, _): return true
                    case let .path(index, p): return p == page && pathNeeds[index].contains(.stableFrame)
                    default: return false
                    }
                }
                for _ in 0..<demand {
                    ownFrames[owner][page].append(frameShared.count)
                    frameShared.append(stable)
                }
            }
            framePool.append(start..<frameShared.count)
        }
        self.framePool = framePool
        self.ownFrames = ownFrames
        self.frameShared = frameShared
        self.initialFrame = initialFrame
        self.frameCount = frameShared.count
        var groupOf = configuration.pages.indices.map { [$0] }
        for group in World.contiguousGroups(configuration.pages) { for page in group { groupOf[page] = group } }
        self.contiguousGroupOf = groupOf
        self.hugeZeroFrame = hugeZeroFrame
        let hugeGroups = World.hugeGroups(configuration.pages)
        var hugeGroupIndex = [Int?](repeating: nil, count: configuration.pages.count)
        for (index, group) in hugeGroups.enumerated() { for page in group { hugeGroupIndex[page] = index } }
        self.hugeGroups = hugeGroups
        self.hugeGroupIndex = hugeGroupIndex

        var maxValue = 0
        for page in configuration.pages { maxValue = max(maxValue, page.value) }
        for thread in configuration.threads {
            for case let .write(_, value) in thread.operations { maxValue = max(maxValue, value) }
            for case let .dmirror(.write(value), _, _) in thread.operations { maxValue = max(maxValue, value) }
        }
        // Registers hold values, snapshot bytes, then "faulted" and the error codes.
        let snapshots = configuration.threads.contains { $0.operations.contains { $0.dmirrorCommand == .snapshot } }
        self.registerMax = max(maxValue, snapshots ? SnapshotByte.error : 0)
        self.faultValue = registerMax + 1
        self.notifierRegistered = NotifierRegistration.register(.secondaryTLBSubscriber, era: configuration.policy.era) == .registered
            && !(configuration.policy.smmuSkipsNotifierWithBTM && configuration.iommu.kind == .smmuv3 && configuration.iommu.btm)

        self.locations = LocationMap(pages: configuration.pages.count, frames: frameShared.count,
                                     devices: deviceThread.count, threads: roles.count, mirrors: mirrorInstances)
        // mremap moves a page's entry, and with it the frames it may map, to another page.
        self.singlePageLists = configuration.pages.indices.map { [$0] }
        self.framesOfPage = configuration.pages.indices.map { page in
            let sources = configuration.moveSources(of: page)
            guard sources.count > 1 else { return [initialFrame[page] ?? World.zeroFrame, World.zeroFrame] + Array(framePool[page]) }
            var frames: [Int] = []
            for source in sources {
                for frame in [initialFrame[source] ?? World.zeroFrame, World.zeroFrame] + Array(framePool[source])
                where !frames.contains(frame) {
                    frames.append(frame)
                }
            }
            return frames
        }
        self.layout = try World.makeLayout(configuration, roles: roles, frameCount: frameShared.count,
                                           maxValue: maxValue, registerMax: registerMax, programs: programs)
        self.symmetryGroups = configuration.canonicalForm.deviceSymmetry
            ? World.symmetryGroups(configuration, deviceThread: deviceThread) : []
        self.symmetryFields = World.symmetryFields(symmetryGroups, layout: layout, deviceThread: deviceThread,
                                                   workerThread: workerThread)
        (self.symmetryPairs, self.symmetryPairRanges) = World.symmetryPairs(symmetryFields)
        self.registerClasses = World.registerClasses(configuration, layout: layout, faultValue: faultValue)
        self.initialStates = [World.initialState(configuration, layout: layout, initialFrame: initialFrame,
                                                 frameCount: frameShared.count)]
        self.remainingPages = World.remainingPages(configuration)
        self.pageLocationSets = makePageLocationSets()
        self.cpuFutures = makeCPUFutureTable()
        self.frameMasks = makeFrameMasks()
        self.remainingWrites = World.remainingPages(configuration, writesOnly: true)
        self.devicePages = DevicePageTable(remainingPages: remainingPages, deviceThreads: deviceThread, layout: layout)
    }

    /// Number of bits of state this world uses.
    public var stateBits: Int { layout.bitsUsed }

    // MARK: TransitionSystem

    public func enabledActions(in state: WorldState, into actions: inout [WorldAction]) {
        var footprints: [Footprint] = []
        enabledActions(in: state, into: &actions, footprints: &footprints)
    }

    /// The enabled actions; with fused fills pending, also their footprints, which finding the
    /// fused steps computes anyway.
    public func enabledActions(in state: WorldState, into actions: inout [WorldAction], footprints: inout [Footprint]) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: roles.count) { counts in
            for thread in roles.indices {
                counts[thread] = choiceCount(of: thread, in: state)
                for choice in 0..<counts[thread] { actions.append(WorldAction(thread: thread, choice: choice)) }
            }
            if fusesSpeculativeFills {
                appendFusedActions(in: state, choiceCounts: UnsafeBufferPointer(counts), into: &actions, footprints: &footprints)
            }
        }
    }

    public func successor(of state: WorldState, via action: WorldAction) -> WorldState {
        var log = StepLog.off
        return execute(state, action, log: &log)
    }

    public func footprint(of action: WorldAction, in state: WorldState) -> Footprint {
        action.fills == 0 ? stepFootprint(of: action, in: state) : fusedFootprint(of: action, in: state)
    }

    public var actorCount: Int { roles.count }

    public func actor(of action: WorldAction, in state: WorldState) -> Int { Int(action.thread) }

    public func futureFootprint(of actor: Int, in state: WorldState) -> Footprint {
        reducedFutureFootprint(ofThread: actor, in: state, whileIdle: nil)
    }

    public func futureDependsOnIdleActor(_ actor: Int) -> Bool { futureDependsOnIdle(actor) }

    /// The state's own 64-bit digest (``WorldState/digest``): the hasher's work saved.
    public func fingerprint(of state: WorldState) -> UInt64 { state.digest }

    public var isAcyclic: Bool { hasNoCycle }

    public func futureFootprint(of actor: Int, in state: WorldState, whileIdle idle: Int) -> Footprint {
        reducedFutureFootprint(ofThread: actor, in: state, whileIdle: idle)
    }

    /// Runs one step and narrates it into `log`.
    public func describe(_ action: WorldAction, from state: WorldState) -> (next: WorldState, log: StepLog) {
        var log = StepLog(enabled: true)
        let next = execute(state, action, log: &log)
        return (next, log)
    }

    private static func validate(_ configuration: ModelConfiguration) throws(ModelError) {
        if configuration.iommu.architecture != configuration.architecture {
            throw .unsupported(configuration.architecture == .x86
                ? "an SMMUv3 belongs to an arm64 system; use iommu = vtd or amd on x86"
                : "a \(configuration.iommu.kind.rawValue) IOMMU belongs to an x86 system; use iommu = smmuv3 on arm64")
        }
        if configuration.iommu.privateASID && configuration.iommu.kind != .smmuv3 {
            throw .unsupported("asid=private is an SMMUv3 setting")
        }
        if configuration.iommu.btm && configuration.iommu.kind != .smmuv3 {
            throw .unsupported("broadcast TLB maintenance (btm) is an SMMUv3 feature")
        }
        if configuration.threads.count > maximumThreads { throw .unsupported("at most \(maximumThreads) threads") }
        if configuration.pages.count > maximumPages { throw .unsupported("at most \(maximumPages) pages") }
        for group in contiguousGroups(configuration.pages) {
            let name = configuration.pages[group[0]].name
            if configuration.architecture != .arm64 { throw .unsupported("contiguous hugetlb mappings (contig) are an arm64 feature") }
            if group.count < 2 { throw .unsupported("page \(name): a contiguous mapping needs at least two consecutive contig pages") }
            for page in group {
                let declaration = configuration.pages[page]
                guard case .present = declaration.mapping, !declaration.cowShared else {
                    throw .unsupported("page \(declaration.name): contig pages start mapped (pte ro or rw) and not cow")
                }
            }
            for thread in configuration.threads {
                for operation in thread.operations where group.contains(operation.page) {
                    switch operation {
                    case .read, .write: continue
                    default: throw .unsupported("page \(name): contig pages only support loads and stores")
                    }
                }
            }
        }
        try validateBackings(configuration)
        try validateHugeMappings(configuration)
        for thread in configuration.threads {
            if let last = thread.operations.firstIndex(where: { $0.kernelOperation == .exitMMAP }),
               last != thread.operations.count - 1 {
                throw .unsupported("exit() ends the process: it must be thread \(thread.name)'s last operation")
            }
        }
        if let capacity = configuration.tlbCapacity, capacity < 1 { throw .unsupported("a TLB capacity must be at least 1") }
        for thread in configuration.threads where thread.kind == .device {
            if thread.usesSyscalls { throw .unsupported("a device cannot call munmap, madvise or a kernel path; only CPU threads run them") }
        }
        let mirrored = configuration.threads.contains { $0.kind == .mirror }
        if mirrored && configuration.mirror == nil {
            throw .unsupported("MIR… and VCPU… threads need a range subscriber: add 'mirror = hmm' or 'mirror = kvm'")
        }
        for thread in configuration.threads where thread.kind == .mirror && thread.usesSyscalls {
            throw .unsupported("a mirror device cannot call munmap, madvise or a kernel path; only CPU threads run them")
        }
        for thread in configuration.threads {
            let commands = thread.operations.contains { $0.dmirrorCommand != nil }
            if commands && (thread.kind != .mirror || configuration.mirror?.isKVM != false) {
                throw .unsupported("thread \(thread.name): dmirror commands belong to MIR… threads of an HMM mirror (mirror = hmm)")
            }
            if thread.kind == .device && thread.operations.contains(.rendezvous) {
                throw .unsupported("thread \(thread.name): only CPU and mirror threads take part in a rendezvous")
            }
            for case let .path(index, _) in thread.operations where !configuration.paths.indices.contains(index) {
                throw .unsupported("thread \(thread.name) runs an undeclared kernel path")
            }
        }
    }
}
