/// The translation caches of the machine.
enum TranslationCache: Equatable {
    /// The TLB of CPU `cpu`.
    case cpuTLB(cpu: Int)
    /// The IOMMU's TLB for the process's ASID/PASID.
    case iotlb
    /// The ATC of device `device`.
    case atc(device: Int)

    var name: String {
        switch self {
        case let .cpuTLB(cpu): return "TLB(cpu\(cpu))"
        case .iotlb: return "IOTLB"
        case let .atc(device): return "ATC(dev\(device))"
        }
    }
}

extension World {
    func entries(of cache: TranslationCache) -> [BitField] {
        switch cache {
        case let .cpuTLB(cpu): return layout.cpuTLB[cpu]
        case .iotlb: return layout.iotlb
        case let .atc(device): return layout.atc[device]
        }
    }

    @inline(__always)
    func lookup(_ cache: TranslationCache, page: Int, in state: WorldState) -> CachedTranslation? {
        CachedTranslation.decode(state.get(entries(of: cache)[page]))
    }

    /// Invalidates one entry; returns whether it was valid.
    @discardableResult
    func invalidate(_ cache: TranslationCache, page: Int, in state: inout WorldState) -> Bool {
        let field = entries(of: cache)[page]
        let wasValid = state.get(field) != 0
        state.set(field, 0)
        return wasValid
    }

    /// Inserts a translation. With a capacity, a fill into a full cache evicts the `choice`-th
    /// valid entry (every choice is a separate transition).
    func fill(_ cache: TranslationCache, page: Int, _ entry: CachedTranslation, choice: Int,
              in state: inout WorldState, log: inout StepLog, probe: inout FillProbe) {
        let fields = entries(of: cache)
        defer { state.set(fields[page], CachedTranslation.encode(entry)) }
        guard let capacity = configuration.tlbCapacity, state.get(fields[page]) == 0 else { return }
        var occupied: [Int] = []
        for other in fields.indices where other != page && state.get(fields[other]) != 0 { occupied.append(other) }
        guard occupied.count >= capacity else { return }
        probe.alternatives = occupied.count
        let victim = occupied[min(choice, occupied.count - 1)]
        state.set(fields[victim], 0)
        log.effect("\(cache.name) full: evicts \(pageName(victim))")
    }
}
