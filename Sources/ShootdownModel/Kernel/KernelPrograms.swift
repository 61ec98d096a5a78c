/// The step programs one architecture and policy produce, rewrites applied.
public struct KernelPrograms: Sendable {
    /// The page-fault path (`handle_mm_fault`).
    public let fault: Program
    /// `munmap` of one page.
    public let munmap: Program
    /// The scenario's own paths, in declaration order.
    public let paths: [Program]
    /// The built-in mm operations, indexed by ``KernelOperation/rawValue``.
    public let builtIn: [Program]
    /// The fault path of the scenario's mirror devices, if it has a range subscriber.
    public let mirror: Program?
    /// `[path]`: what each of ``paths`` needs of the state.
    let pathNeeds: [ProgramNeeds]
    /// The dmirror ioctls (HMM mirrors only), indexed by ``DmirrorCommand/programIndex``.
    public let dmirror: [Program]

    /// With `deviceMemory`, the fault path handles device-private and device-exclusive entries;
    /// with `fileBacked`, VMAs that are not anonymous (`do_fault`, page-cache pages).
    public init(architecture: Architecture, policy: KernelPolicy, paths: [KernelPath] = [],
                mirror: MirrorConfiguration? = nil, deviceMemory: Bool = false, fileBacked: Bool = false) {
        func rewrite(_ source: [Instruction]) -> [Instruction] {
            policy.rewrites.reduce(source) { $1.apply(to: $0) }
        }
        fault = Program(name: "handle_mm_fault",
                        source: rewrite(FaultProgram.build(architecture: architecture, era: policy.era, deviceMemory: deviceMemory,
                                                                  fileBacked: fileBacked)))
        munmap = Program(name: "munmap",
                         source: rewrite(UnmapProgram.build(architecture: architecture, era: policy.era)))
        // A user-written subscriber's fault path is built like a path: its kernel calls are
        // rewritten where they expand, not again as a whole.
        let userFault = mirror?.definition.map {
            $0.faultPath.build(architecture: architecture, era: policy.era, deviceMemory: deviceMemory, fileBacked: fileBacked,
                               rewrite: rewrite)
        }
        self.mirror = mirror.map { mirror in
            Program(name: mirror.definition?.faultPath.name ?? (mirror.isKVM ? "kvm_mmu_page_fault" : "dmirror_fault"),
                    source: userFault ?? rewrite(MirrorProgram.build(mirror, architecture: architecture, era: policy.era,
                                                                     deviceMemory: deviceMemory, fileBacked: fileBacked)))
        }
        if let mirror, !mirror.isKVM {
            dmirror = DmirrorCommand.kinds.map { command in
                if let userFault, command.copiesThroughMirror {
                    return Program(name: "dmirror " + command.name,
                                   source: DmirrorProgram.access(write: command.writes, readRetry: true, deviceMemory: deviceMemory,
                                                                 userFault: userFault, architecture: architecture,
                                                                 era: policy.era))
                }
                return Program(name: "dmirror " + command.name,
                               source: rewrite(DmirrorProgram.build(command, mirror: mirror, architecture: architecture,
                                                                    era: policy.era, deviceMemory: deviceMemory,
                                                                    fileBacked: fileBacked)))
            }
        } else {
            dmirror = []
        }
        builtIn = KernelOperation.allCases.map { kind in
            Program(name: kind.spelled(page: "page", target: "new"), source: rewrite(kind.build(architecture: architecture, era: policy.era)))
        }
        self.paths = paths.map { path in
            Program(name: path.name, source: path.build(architecture: architecture, era: policy.era, deviceMemory: deviceMemory,
                                                         fileBacked: fileBacked,
                                                         rewrite: rewrite))
        }
        pathNeeds = self.paths.map(ProgramNeeds.init)
    }

    /// Every program, for listing and diffing.
    public var all: [Program] { [fault, munmap] + builtIn + paths + (mirror.map { [$0] } ?? []) + dmirror }

    /// The most instructions any program has.
    var longest: Int { all.map(\.ops.count).max() ?? 0 }
}
