import ArgumentParser
import ShootdownModel

/// `shootdown explain POLICY`: print the step programs a policy produces.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the kernel step programs a policy produces, with the kernel function of each step.")

    @Argument(help: "A policy name (see 'shootdown list').")
    var policy: String

    @Option(help: "Architecture: arm64 or x86.")
    var arch: String = "arm64"

    @Option(help: "Also print a range subscriber's programs (hmm, hmm-no-read-retry, kvm, kvm-invalidate-range), with the fault path's device-memory branches for hmm.")
    var mirror: String?

    func validate() throws {
        guard KernelPolicy.named(policy) != nil else {
            throw ValidationError("unknown policy '\(policy)'; known: \(KernelPolicy.all.map(\.name).joined(separator: ", "))")
        }
        guard Architecture(rawValue: arch) != nil else { throw ValidationError("unknown architecture '\(arch)'; known: arm64, x86") }
        if let mirror, MirrorConfiguration.Kind(rawValue: mirror) == nil {
            let known = MirrorConfiguration.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown mirror '\(mirror)'; known: \(known)")
        }
    }

    func run() {
        let subscriber = mirror.flatMap(MirrorConfiguration.Kind.init(rawValue:)).map(MirrorConfiguration.init(kind:))
        let programs = KernelPrograms(architecture: Architecture(rawValue: arch)!, policy: KernelPolicy.named(policy)!,
                                      mirror: subscriber, deviceMemory: subscriber.map { !$0.isKVM } ?? false)
        for program in programs.all {
            print("\(program.name) (\(arch), \(policy)):")
            print(ProgramListing.render(program))
        }
    }
}
