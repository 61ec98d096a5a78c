extension World {
    static func makeLayout(_ configuration: ModelConfiguration, roles: [ThreadRole], frameCount: Int,
                           maxValue: Int, registerMax: Int, programs: KernelPrograms) throws(ModelError) -> StateLayout {
        var bits = BitAllocator()
        var layout = StateLayout()
        let pages = configuration.pages.count
        let frameBits = BitAllocator.bits(forMax: frameCount - 1)
        let valueBits = BitAllocator.bits(forMax: maxValue)
        let commands = configuration.threads.contains { $0.operations.contains { operation in
            if case let .gupTest(test, _) = operation, test.result != nil { return true }
            return operation.dmirrorCommand != nil
        } }
        let registerBits = BitAllocator.bits(forMax: registerMax + 1 + (commands ? DmirrorError.allCases.count : 0))
        let instances = configuration.threads.count { $0.kind == .mirror }
        layout.pteKindBits = configuration.usesExtendedPTEs ? PTECodec.kindBits(devices: instances) : 0
        let pteBits = 3 + layout.pteKindBits + frameBits
        let entryBits = 2 + frameBits
        let deviceMemory = configuration.usesDeviceMemory
        let devices = roles.filter { if case .device = $0 { return true } else { return false } }.count
        let pcBits = BitAllocator.bits(forMax: programs.longest)

        layout.ptl = try bits.allocate(BitAllocator.bits(forMax: roles.count))
        // The mmap lock matters only to munmap and mprotect, which must wait for faults in
        // progress (and mprotect keeps new faults out).
        let operations = configuration.threads.flatMap(\.operations)
        let mirrored = configuration.mirror != nil && configuration.threads.contains { $0.kind == .mirror }
        // A scenario path gets what its steps need (a built-in program pasted as a path).
        let pathNeeds = programs.pathNeeds(operations)
        if operations.contains(where: \.takesMmapLock) || mirrored || pathNeeds.contains(.mmapLock) {
            layout.mmapReaders = try bits.allocate(BitAllocator.bits(forMax: roles.count))
        }
        if operations.contains(where: { if case let .kernel(kind, _, _) = $0 { return kind.takesMmapWriteLock } else { return false } })
            || pathNeeds.contains(.mmapWriteLock) {
            layout.mmapWriter = try bits.allocate(1)
        }
        layout.freedFrameAccess = try bits.allocate(1)
        layout.framePoolExhausted = try bits.allocate(1)
        if operations.contains(where: configuration.checksOnReturn) { layout.staleSecondary = try bits.allocate(1) }
        if operations.contains(where: { $0.kernelOperation == .exitMMAP }) || pathNeeds.contains(.wholeMM) {
            layout.released = try bits.allocate(1)
        }
        if mirrored, let mirror = configuration.mirror {
            let tables = mirror.isKVM ? 1 : instances
            for _ in 0..<tables {
                var row: [BitField] = []
                for _ in configuration.pages { row.append(try bits.allocate(1 + entryBits)) }
                layout.mirrorTable.append(row)
                layout.mirrorLock.append(try bits.allocate(1))
                if !mirror.isKVM { layout.intervalBusy.append(try bits.allocate(1)) }
            }
            if mirror.isKVM {
                layout.kvmInProgress = try bits.allocate(BitAllocator.bits(forMax: roles.count))
            } else {
                layout.itreeActive = try bits.allocate(BitAllocator.bits(forMax: roles.count))
            }
            layout.sleepInAtomic = try bits.allocate(1)
            layout.installInWindow = try bits.allocate(1)
            layout.unbalanced = try bits.allocate(1)
        }
        // A frame's sharing with another process is tracked when a fork can share it, or when a
        // page shared copy-on-write can move to device memory and back.
        let forks = operations.contains { $0.kernelOperation == .fork } || pathNeeds.contains(.fork)
            || (deviceMemory && configuration.pages.contains(where: \.cowShared))
        for _ in 0..<frameCount {
            layout.frameState.append(try bits.allocate(2))
            layout.frameValue.append(try bits.allocate(valueBits))
            layout.frameForked.append(forks ? try bits.allocate(1) : .empty)
        }
        let protNone = configuration.usesProtNone
        let pageLocks = deviceMemory || operations.contains { $0.dmirrorCommand == .release }
        let hugeGroups = World.hugeGroups(configuration.pages)
        for _ in hugeGroups { layout.hugeMapped.append(try bits.allocate(1)) }
        // A split nested in munmap's or migrate_vma's own range opens a second one.
        let nestedRanges = hugeGroups.contains { configuration.pages[$0[0]].huge == .transparent }
        for _ in 0..<pages {
            layout.pte.append(try bits.allocate(pteBits))
            layout.vmaPresent.append(try bits.allocate(1))
            layout.vmaWritable.append(try bits.allocate(1))
            layout.vmaNone.append(protNone ? try bits.allocate(1) : .empty)
            layout.pageLock.append(pageLocks ? try bits.allocate(BitAllocator.bits(forMax: roles.count)) : .empty)
            layout.iotlb.append(try bits.allocate(entryBits))
        }
        // A CPU TLB entry exists only for pages the CPU loads or stores through its MMU (or
        // that the scenario pre-fills); syscalls like munmap or madvise never fill it.
        for (index, role) in roles.enumerated() {
            guard case .cpu = role else { continue }
            let thread = configuration.threads[index]
            var used = Set<Int>()
            for operation in thread.operations {
                if case let .read(page, _) = operation { used.insert(page) }
                if case let .write(page, _) = operation { used.insert(page) }
            }
            for prefill in configuration.prefilled where prefill.cache == .cpuTLB(thread: index) { used.insert(prefill.page) }
            var row: [BitField] = []
            for page in 0..<pages { row.append(used.contains(page) ? try bits.allocate(entryBits) : .empty) }
            layout.cpuTLB.append(row)
        }
        if configuration.iommu.ats {
            for _ in 0..<devices {
                var row: [BitField] = []
                for _ in 0..<pages { row.append(try bits.allocate(entryBits)) }
                layout.atc.append(row)
            }
        }
        let pageBits = BitAllocator.bits(forMax: max(pages - 1, 0))
        for (index, role) in roles.enumerated() {
            var fields = StateLayout.ThreadFields()
            var registers: [BitField] = []
            switch role {
            case .cpu:
                let thread = configuration.threads[index]
                fields.op = try bits.allocate(BitAllocator.bits(forMax: thread.operations.count))
                fields.pc = try bits.allocate(pcBits)
                fields.changed = try bits.allocate(1)
                fields.orig = try bits.allocate(pteBits)
                fields.newFrame = try bits.allocate(frameBits)
                let threadPathNeeds = programs.pathNeeds(thread.operations)
                if thread.operations.contains(where: configuration.checksOnReturn) || threadPathNeeds.contains(.gather) {
                    fields.gatherQueued = try bits.allocate(1)
                    fields.gatherFrame = try bits.allocate(frameBits)
                    fields.gathered = try bits.allocate(1)
                    fields.batchPending = try bits.allocate(1)
                    fields.startFailed = try bits.allocate(1)
                } else if deviceMemory {
                    fields.gatherFrame = try bits.allocate(frameBits)
                }
                if thread.operations.contains(where: { $0.kernelOperation == .exitMMAP }) || threadPathNeeds.contains(.wholeMM) {
                    guard frameCount <= 64 else { throw .unsupported("exit() supports at most 64 frames") }
                    fields.gatherMask = try bits.allocate(frameCount)
                }
                for _ in thread.registers { registers.append(try bits.allocate(registerBits)) }
            case .device:
                let thread = configuration.threads[index]
                fields.op = try bits.allocate(BitAllocator.bits(forMax: thread.operations.count))
                fields.waiting = try bits.allocate(1)
                for _ in thread.registers { registers.append(try bits.allocate(registerBits)) }
            case .iommuPrefetcher:
                break
            case .mirror:
                let thread = configuration.threads[index]
                fields.op = try bits.allocate(BitAllocator.bits(forMax: thread.operations.count))
                fields.pc = try bits.allocate(pcBits)
                fields.changed = try bits.allocate(1)
                fields.orig = try bits.allocate(pteBits)
                fields.newFrame = try bits.allocate(frameBits)
                fields.stale = try bits.allocate(1)
                fields.walkFault = try bits.allocate(1)
                fields.pfn = try bits.allocate(entryBits)
                let moves = thread.operations.contains { operation in
                    switch operation.dmirrorCommand {
                    case .migrateToDevice?, .migrateToSystem?, .release?: return true
                    default: return false
                    }
                }
                if moves || deviceMemory {
                    fields.gatherQueued = try bits.allocate(1)
                    fields.gatherFrame = try bits.allocate(frameBits)
                }
                if thread.operations.contains(where: { $0.dmirrorCommand == .snapshot }) {
                    fields.snapshotBusy = try bits.allocate(1)
                }
                for _ in thread.registers { registers.append(try bits.allocate(registerBits)) }
            case .iopfWorker:
                fields.busy = try bits.allocate(1)
                fields.requestPage = try bits.allocate(pageBits)
                fields.requestWrite = try bits.allocate(1)
                fields.pc = try bits.allocate(pcBits)
                fields.changed = try bits.allocate(1)
                fields.orig = try bits.allocate(pteBits)
                fields.newFrame = try bits.allocate(frameBits)
                if deviceMemory { fields.gatherFrame = try bits.allocate(frameBits) }
            }
            if deviceMemory || (pageLocks && role.isMirror) {
                switch role {
                case .cpu, .iopfWorker, .mirror: fields.migrate = try bits.allocate(2)
                default: break
                }
            }
            if mirrored {
                switch role {
                case .cpu, .iopfWorker, .mirror: fields.inRange = try bits.allocate(nestedRanges ? 2 : 1)
                default: break
                }
                if case .mirror = role { fields.walkError = try bits.allocate(2) }
            }
            layout.threads.append(fields)
            layout.registers.append(registers)
        }
        layout.bitsUsed = bits.bitsUsed
        layout.opFields = layout.threads.map(\.op)
        layout.pcFields = layout.threads.map(\.pc)
        return layout
    }

    static func initialState(_ configuration: ModelConfiguration, layout: StateLayout, initialFrame: [Int?],
                             frameCount: Int) -> WorldState {
        var state = WorldState()
        state.set(layout.frameState[zeroFrame], FrameState.allocated.rawValue)
        let codec = PTECodec(kindBits: layout.pteKindBits)
        for (index, page) in configuration.pages.enumerated() {
            state.setFlag(layout.vmaPresent[index], !page.unmapped)
            state.setFlag(layout.vmaWritable[index], page.vmaWritable && !page.protNone && !page.unmapped)
            state.setFlag(layout.vmaNone[index], page.protNone)
            switch page.mapping {
            case .none:
                if page.backing == .privateFile, let frame = initialFrame[index] {
                    state.set(layout.frameState[frame], FrameState.allocated.rawValue)
                    state.set(layout.frameValue[frame], UInt64(page.value))
                }
            case .zeroPage:
                // The zero page, or the huge zero page's frame.
                let frame = initialFrame[index] ?? zeroFrame
                state.set(layout.frameState[frame], FrameState.allocated.rawValue)
                let entry = PageTableEntry(present: true, write: false, dirty: false, frame: frame)
                state.set(layout.pte[index], codec.encode(page.protNone ? .nonPresent(.protNone, frame: frame) : entry))
            case let .present(write, dirty):
                let frame = initialFrame[index]!
                state.set(layout.frameState[frame], FrameState.allocated.rawValue)
                state.set(layout.frameValue[frame], UInt64(page.value))
                let entry = page.protNone ? .nonPresent(.protNone, frame: frame, dirty: dirty)
                    : PageTableEntry(present: true, write: write, dirty: dirty, frame: frame)
                state.set(layout.pte[index], codec.encode(entry))
            }
        }
        for field in layout.hugeMapped { state.setFlag(field, true) }
        var cpuOfThread: [Int: Int] = [:]
        var deviceOfThread: [Int: Int] = [:]
        for (index, thread) in configuration.threads.enumerated() {
            switch thread.kind {
            case .cpu: cpuOfThread[index] = cpuOfThread.count
            case .device: deviceOfThread[index] = deviceOfThread.count
            case .mirror: break
            }
        }
        for prefill in configuration.prefilled {
            let pte = codec.decode(state.get(layout.pte[prefill.page]))
            let frame = pte.present ? pte.frame : zeroFrame
            let entry = CachedTranslation.encode(CachedTranslation(frame: frame, writable: prefill.writable))
            switch prefill.cache {
            case let .cpuTLB(thread): state.set(layout.cpuTLB[cpuOfThread[thread]!][prefill.page], entry)
            case .iotlb: state.set(layout.iotlb[prefill.page], entry)
            case let .atc(thread):
                if !layout.atc.isEmpty { state.set(layout.atc[deviceOfThread[thread]!][prefill.page], entry) }
            }
        }
        return state
    }
}
