/// How many frames each thread may allocate for each page (its private pool), and what the
/// configuration uses that needs more than plain PTEs.
extension World {
    /// The frames thread `thread` may allocate for page `page` along any execution: one for a
    /// write fault (or a swap-in, a migration's destination, KSM's stable page); with device
    /// memory, one per migration to a device for each access that may have to bring the page
    /// back (and one more for a copy-on-write after it), and one for each command that moves
    /// the page itself.
    static func frameDemand(of thread: ThreadDeclaration, page: Int, configuration: ModelConfiguration,
                            pathNeeds: [ProgramNeeds] = []) -> Int {
        // A page that reclaim or migration (or a path with their steps) may turn into a swap
        // entry is read back into a new frame by whichever thread faults on it first; mremap
        // brings the entries of its source pages along.
        let sources = configuration.moveSources(of: page)
        let swappable = configuration.threads.contains { $0.operations.contains { operation in
            switch operation {
            case let .kernel(kind, p, _): return sources.contains(p) && kind.leavesSwapEntry
            case let .path(index, p): return sources.contains(p) && index < pathNeeds.count && pathNeeds[index].contains(.swapEntries)
            default: return false
            }
        } }
        let writes = thread.operations.contains { operation in
            switch operation {
            case let .write(p, _), let .populateWrite(p), let .gupTest(_, p), let .path(_, p): return p == page
            case let .kernel(kind, p, _): return p == page && kind.allocates
            case let .read(p, _): return p == page && swappable
            case let .dmirror(command, p, _): return p == page && (command.writes || (command == .read && swappable))
            case .munmap, .rendezvous: return false
            }
        }
        // After mremap(…, MREMAP_DONTUNMAP) the old page is empty again: a write faults in one
        // more fresh page.
        var demand = writes ? 1 + configuration.emptyingMoves(of: page) : 0
        let migrations = sources.reduce(0) { $0 + configuration.migrationsToDevice(of: $1) }
        guard migrations > 0 else { return demand }
        for operation in thread.operations where operation.touchesPage && operation.page == page {
            switch operation {
            case .read, .path:
                demand += migrations
            case .write, .populateWrite, .gupTest:
                demand += migrations + 1
            case let .kernel(kind, _, _):
                if kind.allocates { demand += migrations }
            case let .dmirror(command, _, _):
                switch command {
                case .read: demand += migrations
                case .write, .exclusive: demand += migrations + 1
                case .migrateToDevice, .migrateToSystem, .release: demand += 1
                case .snapshot, .checkExclusive: break
                }
            case .munmap, .rendezvous:
                break
            }
        }
        return demand
    }
}

extension ModelConfiguration {
    /// The pages whose entries may reach page `page`: the page itself, then every page an
    /// mremap moves to it, and theirs in turn.
    func moveSources(of page: Int) -> [Int] {
        var sources = [page]
        var index = 0
        while index < sources.count {
            let reached = sources[index]
            index += 1
            for thread in threads {
                for case let .kernel(kind, source, target?) in thread.operations
                where kind.movesPage && target == reached && !sources.contains(source) {
                    sources.append(source)
                }
            }
        }
        return sources
    }

    /// How many `mremap(…, MREMAP_DONTUNMAP)` calls move page `page` away and leave it empty.
    func emptyingMoves(of page: Int) -> Int {
        threads.reduce(0) { count, thread in
            count + thread.operations.count { operation in
                if case .kernel(.mremapDontUnmap, page, _) = operation { return true } else { return false }
            }
        }
    }

    /// How many `MIGRATE_TO_DEV` commands name page `page`.
    func migrationsToDevice(of page: Int) -> Int {
        threads.reduce(0) { count, thread in
            count + thread.operations.count { operation in
                if case .dmirror(.migrateToDevice, page, _) = operation { return true } else { return false }
            }
        }
    }

    /// Whether some command may put a page in device memory or make it device-exclusive: the
    /// fault path then handles device-private and device-exclusive entries.
    public var usesDeviceMemory: Bool {
        threads.contains { $0.operations.contains { operation in
            switch operation.dmirrorCommand {
            case .migrateToDevice?, .exclusive?: return true
            default: return false
            }
        } }
    }

    /// Whether some VMA is or becomes PROT_NONE.
    var usesProtNone: Bool {
        pages.contains(where: \.protNone) || threads.contains { $0.operations.contains { $0.kernelOperation == .mprotectNone } }
    }

    /// Whether PTEs need the extended kinds (PROT_NONE, device-exclusive, device-private).
    var usesExtendedPTEs: Bool { usesDeviceMemory || usesProtNone }
}

extension World {
    /// The lowest frame of `thread`'s pool for `page` still unused, if any.
    func unusedOwnFrame(_ thread: Int, page: Int, in state: WorldState) -> Int? {
        ownFrames[thread][page].first { frameState($0, in: state) == .unused }
    }
}
