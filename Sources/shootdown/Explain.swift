import ArgumentParser
import ShootdownLitmus
import ShootdownModel
import ShootdownReport

/// `shootdown explain POLICY [--vs OTHER | --as-path]`: print the step programs a policy
/// produces, how they differ from another policy's, or as `path` blocks a scenario can hold.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the kernel step programs a policy produces, with the kernel function of each step.",
        discussion: """
            With --vs OTHER, print only how OTHER's programs differ from POLICY's: '-' lines POLICY has and OTHER lacks, '+' lines OTHER adds.
            With --as-path, print each program as a scenario's 'path NAME(x) { … }' block of raw steps, which a scenario can hold unchanged (docs/PATHS.md).
            """
    )

    @Argument(help: "A policy name (see 'shootdown list').")
    var policy: String

    @Option(help: "Another policy: print the difference from POLICY's programs to this one's.")
    var vs: String?

    @Option(help: "Architecture: arm64 or x86.")
    var arch: String = "arm64"

    @Option(help: "Also print a range subscriber's programs (hmm, hmm-no-read-retry, kvm, kvm-invalidate-range), with the fault path's device-memory branches for hmm.")
    var mirror: String?

    @Flag(help: "Print each program as a scenario's 'path' block, which lowers back to the same program.")
    var asPath = false

    func run() throws {
        let architecture = Architecture(rawValue: try Explain.known(arch, what: "architecture",
                                                                    among: Architecture.allCases.map(\.rawValue)))!
        let names = KernelPolicy.all.map(\.name)
        let first = KernelPolicy.named(try Explain.known(policy, what: "policy", among: names))!
        let mirrorKind = try mirror.map { name in
            MirrorConfiguration(kind: MirrorConfiguration.Kind(rawValue: try Explain.known(
                name, what: "range subscriber", among: MirrorConfiguration.Kind.allCases.map(\.rawValue)))!)
        }
        let programs = KernelPrograms(architecture: architecture, policy: first, mirror: mirrorKind,
                                      deviceMemory: mirrorKind.map { !$0.isKVM } ?? false)
        if vs != nil && asPath {
            Terminal.error("error: --vs and --as-path cannot be combined")
            throw ExitCode(2)
        }
        if asPath {
            let blocks = PathWriter.paths(of: programs).map { program, text in
                "// \(program.name) (\(arch), \(policy))\n" + text
            }
            print(blocks.joined(separator: "\n\n"))
            return
        }
        if let vs {
            let second = KernelPolicy.named(try Explain.known(vs, what: "policy", among: names))!
            let other = KernelPrograms(architecture: architecture, policy: second, mirror: mirrorKind,
                                       deviceMemory: mirrorKind.map { !$0.isKVM } ?? false)
            print(ProgramDiffRenderer().render(programs, other, oldName: "\(arch), \(policy)", newName: "\(arch), \(vs)"))
            return
        }
        for program in programs.all {
            print("\(program.name) (\(arch), \(policy)):")
            print(ProgramListing.render(program))
        }
    }

    /// `name` if it is among `names`; otherwise reports it, with the nearest name, and exits 2.
    static func known(_ name: String, what: String, among names: [String]) throws -> String {
        guard names.contains(name) else {
            var message = "error: unknown \(what) '\(name)' (known: \(names.joined(separator: ", ")))"
            if let near = NearestWord.suggest(name, among: names) { message += "\nnote: did you mean '\(near)'?" }
            Terminal.error(message)
            throw ExitCode(2)
        }
        return name
    }
}
