/// What the model supports on pages of a huge mapping (``HugeMapping``).
extension World {
    /// A huge mapping is a run of at least two anonymous pages that start mapped by the huge
    /// entry with the same permissions and VMA (a transparent one may start on the huge zero
    /// page). Its entry changes only through what is modelled on it: loads, dmirror's READ and
    /// SNAPSHOT everywhere; stores and dmirror WRITE only while the entry is writable and dirty
    /// for good (the write faults `do_huge_pmd_wp_page` and `hugetlb_wp` are not modelled);
    /// mprotect of a hugetlb page (`hugetlb_change_protection`); munmap, `split_huge_pmd`,
    /// MIGRATE_TO_DEV and MIGRATE_TO_SYS of a transparent one (each splits it first, as the
    /// stored kernel does).
    static func validateHugeMappings(_ configuration: ModelConfiguration) throws(ModelError) {
        for group in hugeGroups(configuration.pages) {
            let first = configuration.pages[group[0]]
            guard let huge = first.huge else { continue }
            let what = huge == .transparent ? "a thp mapping" : "a hugetlb mapping"
            if group.count < 2 {
                throw .unsupported("page \(first.name): \(what) needs at least two consecutive pages (two stand for a PMD)")
            }
            for page in group.map({ configuration.pages[$0] }) {
                if page.backing != .anonymous || page.cowShared || page.contiguous || page.protNone || page.unmapped {
                    throw .unsupported("page \(page.name): \(what) is anonymous, mapped, and not cow, contig or PROT_NONE")
                }
                switch page.mapping {
                case .present: break
                case .zeroPage where huge == .transparent: break
                default:
                    throw .unsupported("page \(page.name): \(what) starts mapped by its huge entry (pte ro or rw\(huge == .transparent ? ", or zero for the huge zero page" : ""))")
                }
                if page.mapping != first.mapping || page.vmaWritable != first.vmaWritable {
                    throw .unsupported("page \(page.name): the pages of \(what) share one entry and one VMA: give them the same 'pte' and 'vma'")
                }
            }
            try validateOperations(on: group, huge: huge, configuration)
        }
    }

    private static func validateOperations(on group: [Int], huge: HugeMapping, _ configuration: ModelConfiguration) throws(ModelError) {
        let first = configuration.pages[group[0]]
        let transparent = huge == .transparent
        let operations = configuration.threads.flatMap(\.operations).filter { $0.touchesPage && group.contains($0.page) }
        let changesProtection = operations.contains { operation in
            switch operation.kernelOperation {
            case .mprotectReadOnly?, .mprotectReadWrite?, .mprotectNone?: return true
            default: return false
            }
        }
        let writable = first.mapping == .present(write: true, dirty: true) && !changesProtection
        for operation in operations {
            let name = configuration.pages[operation.page].name
            func refuse(_ why: String) -> ModelError { .unsupported("page \(name) (\(transparent ? "thp" : "hugetlb")): \(why)") }
            switch operation {
            case .read, .rendezvous, .dmirror(.read, _, _), .dmirror(.snapshot, _, _), .dmirror(.checkExclusive, _, _):
                continue
            case .write, .dmirror(.write, _, _):
                if !writable {
                    throw refuse("a store needs the huge entry writable and dirty throughout (pte rw dirty, no mprotect): write faults on a huge entry are not modelled")
                }
            case .dmirror(.migrateToDevice, _, _), .dmirror(.migrateToSystem, _, _), .dmirror(.release, _, _):
                if !transparent { throw refuse("migrate_vma refuses hugetlb VMAs; not modelled") }
            case .munmap:
                if !transparent { throw refuse("munmap of a hugetlb page (__unmap_hugepage_range) is not modelled") }
            case .kernel(.splitHugePMD, _, _):
                if !transparent { throw refuse("hugetlb pages are not split") }
            case .kernel(.mprotectReadOnly, _, _), .kernel(.mprotectReadWrite, _, _), .kernel(.mprotectNone, _, _):
                if transparent { throw refuse("mprotect of a THP (change_huge_pmd) is not modelled") }
            default:
                throw refuse("only loads, stores, munmap, mprotect, split_huge_pmd and dmirror's READ, WRITE, SNAPSHOT and migrations are modelled on a huge mapping")
            }
        }
    }
}
