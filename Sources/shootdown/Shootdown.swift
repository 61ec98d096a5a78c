import ArgumentParser

/// The `shootdown` command-line tool.
@main
struct Shootdown: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shootdown",
        abstract: "Model-check how Linux keeps secondary TLBs (IOMMU, ATC, KVM, HMM) coherent with the CPU page tables.",
        subcommands: [Check.self, Compare.self, Explain.self, List.self]
    )

    /// Sets the allocator up (``LargeBlocks``), then parses the command line and runs.
    static func main() {
        LargeBlocks.giveBackWhenFreed()
        main(nil)
    }
}
