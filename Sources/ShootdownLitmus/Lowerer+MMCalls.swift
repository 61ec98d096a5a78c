import ShootdownModel

/// The built-in mm operations a CPU thread can call: `mprotect(x, ro|rw|none)`, `reclaim(x)`,
/// `reclaim(x, nobatch)`, `migrate(x)`, `ksm_merge(x)`, `mkclean(x)`, `mremap(x, y)` and
/// `mremap(x, y, MREMAP_DONTUNMAP)` (its target page: ``lowerMoveTarget(_:_:)``).
extension Lowerer {
    static let mmCalls = ["mprotect", "reclaim", "migrate", "ksm_merge", "mkclean", "fork", "split_huge_pmd", "exit", "oom_reap",
                                  "uprobe_replace", "mremap"]
    static let protections = ["ro", "rw", "none"]

    /// The operation a call names; the first argument is the page (checked by the caller).
    func lowerMMCall(_ name: Located<String>, _ arguments: [Located<String>]) throws(LitmusError) -> KernelOperation {
        switch name.value {
        case "mprotect":
            guard arguments.count == 2 else {
                throw error("mprotect takes a page and a protection, e.g. mprotect(x, ro), mprotect(x, rw) or mprotect(x, none)",
                            at: name.location)
            }
            switch arguments[1].value {
            case "ro": return .mprotectReadOnly
            case "rw": return .mprotectReadWrite
            case "none": return .mprotectNone
            default:
                throw error("unknown protection '\(arguments[1].value)' (known: ro, rw, none)", at: arguments[1].location,
                            suggesting: arguments[1].value, among: Lowerer.protections)
            }
        case "reclaim":
            guard arguments.count == 1 || arguments.count == 2 else {
                throw error("reclaim takes a page and optionally 'nobatch', e.g. reclaim(x)", at: name.location)
            }
            if arguments.count == 2 {
                guard arguments[1].value == "nobatch" else {
                    throw error("unknown reclaim option '\(arguments[1].value)' (known: nobatch)", at: arguments[1].location,
                                suggesting: arguments[1].value, among: ["nobatch"])
                }
                return .reclaimUnbatched
            }
            return .reclaim
        case "exit":
            guard arguments.isEmpty else { throw error("exit takes no arguments: exit()", at: name.location) }
            return .exitMMAP
        case "mremap":
            guard arguments.count == 2 || arguments.count == 3 else {
                throw error("mremap takes the page, its new page and optionally MREMAP_DONTUNMAP, e.g. mremap(x, y) or mremap(x, y, MREMAP_DONTUNMAP)",
                            at: name.location)
            }
            guard arguments.count == 3 else { return .mremap }
            guard arguments[2].value == Lowerer.mremapFlag else {
                throw error("unknown mremap flag '\(arguments[2].value)' (known: \(Lowerer.mremapFlag); MREMAP_MAYMOVE | MREMAP_FIXED are implied)",
                            at: arguments[2].location, suggesting: arguments[2].value, among: [Lowerer.mremapFlag])
            }
            return .mremapDontUnmap
        default:
            guard arguments.count == 1 else {
                throw error("\(name.value) takes one page, e.g. \(name.value)(x)", at: name.location)
            }
            switch name.value {
            case "migrate": return .migrate
            case "ksm_merge": return .ksmMerge
            case "fork": return .fork
            case "split_huge_pmd": return .splitHugePMD
            case "oom_reap": return .oomReap
            case "uprobe_replace": return .uprobeReplacePage
            default: return .mkclean
            }
        }
    }
}
