import ArgumentParser
import ShootdownLitmus
import ShootdownModel

/// `shootdown list`: what the model and the scenario language know.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the policies, architectures, IOMMUs and their features, the operations a thread can run, the kernel calls a path can use, and the invariants."
    )

    func run() {
        section("Policies (policy = NAME)", KernelPolicy.all.map { ($0.name, $0.summary) })
        section("Architectures (the header's first word)", Architecture.allCases.map { architecture in
            let rules = architecture.rules
            return (architecture.rawValue, rules.cachesReadOnlyPermission
                ? "TLBs cache read-only permissions; an upgrade flushes (flush_tlb_page)"
                : "a fault discards the faulting translation; an upgrade does not flush")
        })
        section("IOMMUs (iommu = NAME FEATURE…)", LanguageCatalog.iommus.map { ($0.syntax, $0.summary) })
        section("Range subscribers (mirror = NAME)", LanguageCatalog.mirrors.map { ($0.syntax, $0.summary) })
        section("A subscriber block (subscriber NAME { … }, docs/SUBSCRIBERS.md)", LanguageCatalog.subscriberSyntax.map { ($0.syntax, $0.summary) })
        section("IOMMU features", LanguageCatalog.iommuFeatures.map { ($0.syntax, $0.summary) })
        section("Operations a thread can run (devices only read and write)", LanguageCatalog.operations.map { ($0.syntax, $0.summary) })
        section("Kernel calls a path can use (path NAME(x) { [FUNCTION:] CALL; … })",
                PathCall.allCases.map { ($0.rawValue, $0.summary) })
        print("Step kinds a path's raw steps can name ([FUNCTION:] step KIND \"CALL\" [in \"FILE\"] [when COND];):")
        print(wrapped(StepKind.names.map { name in
            let arguments = StepKind.arguments(of: name)
            return arguments.isEmpty ? name : "\(name)(\(arguments.joined(separator: "|")))"
        }))
        print("Branch conditions (if COND goto LABEL;):")
        print(wrapped(BranchCondition.spellings))
        print("Step conditions (… when COND;):")
        print(wrapped(StepCondition.spellings))
        section("Invariants (Expect: NAME holds|violated)", World.builtInInvariants.map { ($0.name, $0.summary) }
                + [("eventually COND", "liveness under weak fairness (per thread)")])
        print("Variant axes (variants { KEY = A | B … }): " + LanguageCatalog.variantKeys.joined(separator: ", "))
    }

    /// Words joined by commas, in lines of at most 100 columns indented by two spaces.
    private func wrapped(_ words: [String]) -> String {
        var lines: [String] = []
        var line = " "
        for (index, word) in words.enumerated() {
            let item = " " + word + (index < words.count - 1 ? "," : "")
            if line.count + item.count > 100 {
                lines.append(line)
                line = " "
            }
            line += item
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    private func section(_ title: String, _ rows: [(String, String)]) {
        print("\(title):")
        let width = max(28, (rows.map(\.0.count).max() ?? 0) + 2)
        for (name, summary) in rows { print("  \(name.padded(width)) \(summary)") }
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
