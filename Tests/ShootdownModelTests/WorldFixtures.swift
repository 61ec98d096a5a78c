import ShootdownChecker
@testable import ShootdownModel

/// Small worlds and helpers for stepping them by hand.
enum Fixtures {
    static func world(_ arch: Architecture = .arm64, policy: KernelPolicy = .v6_6,
                      iommu: IOMMUConfiguration = IOMMUConfiguration(kind: .smmuv3),
                      pages: [PageDeclaration] = [PageDeclaration(name: "x", mapping: .present(write: true, dirty: false))],
                      prefilled: [PrefilledTranslation] = [], threads: [ThreadDeclaration],
                      capacity: Int? = nil, mirror: MirrorConfiguration? = nil) throws -> World {
        try World(ModelConfiguration(architecture: arch, policy: policy, iommu: iommu, tlbCapacity: capacity,
                                     pages: pages, prefilled: prefilled, threads: threads, mirror: mirror))
    }

    static func cpu(_ operations: [Operation], name: String = "CPU0", registers: [String] = []) -> ThreadDeclaration {
        ThreadDeclaration(name: name, kind: .cpu, operations: operations, registers: registers)
    }

    static func device(_ operations: [Operation], name: String = "DEV0", registers: [String] = []) -> ThreadDeclaration {
        ThreadDeclaration(name: name, kind: .device, operations: operations, registers: registers)
    }
}

extension World {
    /// Steps thread `thread` once (first choice) and returns the narrated log too.
    func step(_ thread: Int, _ state: WorldState) -> (WorldState, StepLog) {
        let (next, log) = describe(WorldAction(thread: thread), from: state)
        return (next, log)
    }

    /// Steps thread `thread` until it is back in user context or blocked, returning the
    /// labels of the kernel steps it ran.
    func runKernel(_ thread: Int, _ state: inout WorldState) -> [String] {
        var labels: [String] = []
        repeat {
            guard choiceCount(of: thread, in: state) > 0 else { break }
            let (next, log) = step(thread, state)
            if let step = log.step { labels.append(step.label) }
            state = next
        } while threadPC(thread, in: state) != 0
        return labels
    }

    var initial: WorldState { initialStates[0] }

    func iotlbEntry(_ page: Int, _ state: WorldState) -> CachedTranslation? { lookup(.iotlb, page: page, in: state) }
}
