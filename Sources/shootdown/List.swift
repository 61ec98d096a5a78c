import ArgumentParser
import ShootdownModel

/// `shootdown list`: what the model knows.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the known policies, architectures, IOMMUs and invariants.")

    func run() {
        print("Policies:")
        for policy in KernelPolicy.all { print("  \(policy.name.padded(28)) \(policy.summary)") }
        print("Architectures:")
        for architecture in Architecture.allCases {
            let rules = architecture.rules
            print("  \(architecture.rawValue.padded(28)) \(rules.cachesReadOnlyPermission ? "TLBs cache read-only permissions; upgrades flush" : "a fault discards the faulting translation; upgrades do not flush")")
        }
        print("IOMMUs:")
        print("  \("smmuv3".padded(28)) Arm SMMUv3 SVA (arm64): features btm, ats, range, tlbi-max-ops")
        print("  \("vtd".padded(28)) Intel VT-d SVM (x86): feature ats")
        print("Invariants:")
        for invariant in World.builtInInvariants { print("  \(invariant.name.padded(28)) \(invariant.summary)") }
        print("  \("eventually COND".padded(28)) liveness under weak fairness (per thread)")
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
