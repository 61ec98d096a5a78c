/// What the model supports on pages whose VMA is not anonymous.
extension World {
    /// A private file page maps nothing or its page-cache page (read-only); the dmirror's own
    /// mapping starts with its inserted page mapped read-only and takes only reads and
    /// SNAPSHOT (its copy on write and its release are not modelled).
    static func validateBackings(_ configuration: ModelConfiguration) throws(ModelError) {
        for (index, page) in configuration.pages.enumerated() {
            switch page.backing {
            case .anonymous:
                continue
            case .privateFile:
                if page.cowShared || page.contiguous || page.protNone || page.unmapped {
                    throw .unsupported("page \(page.name): a private file page is not cow, contig, PROT_NONE or unmapped")
                }
                switch page.mapping {
                case .none, .present(write: false, dirty: false): break
                default: throw .unsupported("page \(page.name): a private file page starts with pte none or its page-cache page (pte ro clean)")
                }
            case .dmirrorMixedMap:
                for thread in configuration.threads {
                    for operation in thread.operations where operation.touchesPage && operation.page == index {
                        switch operation {
                        case .read, .dmirror(.read, _, _), .dmirror(.snapshot, _, _): continue
                        default:
                            throw .unsupported("page \(page.name) (mixedmap): only loads, READ and SNAPSHOT are modelled on the dmirror's own mapping")
                        }
                    }
                }
            }
        }
    }
}
