import ShootdownModel

/// The `thp` and `hugetlb` page attributes: consecutive pages with the same one form one huge
/// mapping, mapped by one PMD (or, for `hugetlb pud`, PUD) entry.
extension Lowerer {
    /// `thp` (a PMD-mapped transparent huge page; with `pte zero`, the huge zero page),
    /// `hugetlb` or `hugetlb pmd` (a hugetlb page mapped by a PMD), `hugetlb pud`.
    func lowerHugeMapping(_ head: Located<String>, _ rest: [Located<String>]) throws(LitmusError) -> HugeMapping {
        if head.value == "thp" {
            if let extra = rest.first {
                throw error("'thp' takes nothing: a transparent huge page is mapped by a PMD", at: extra.location)
            }
            return .transparent
        }
        guard let level = rest.first else { return .hugetlb(.pmd) }
        let levels = HugeMappingLevel.allCases.map(\.rawValue)
        guard let parsed = HugeMappingLevel(rawValue: level.value) else {
            throw error("'hugetlb' takes 'pmd' or 'pud', the level of its huge entry", at: level.location,
                        suggesting: level.value, among: levels)
        }
        if let extra = rest.dropFirst().first {
            throw error("unexpected '\(extra.value)' after '\(level.value)'; separate attributes with ','", at: extra.location)
        }
        return .hugetlb(parsed)
    }

    /// A huge mapping's page starts mapped by the huge entry, in an anonymous VMA, and is not
    /// also cow, contig or PROT_NONE; the pages of one mapping share their entry and VMA.
    func checkHugeMapping(_ page: PageDeclaration, at hugeAt: Located<String>, pteAt: Located<String>?,
                          unmappedAt: Located<String>?) throws(LitmusError) {
        let attribute = hugeAt.value
        if let unmappedAt { throw error("an unmapped page has no VMA to map it huge", at: unmappedAt.location) }
        if page.backing != .anonymous {
            throw error("a '\(attribute)' page is anonymous (MAP_PRIVATE | MAP_ANONYMOUS\(attribute == "hugetlb" ? " | MAP_HUGETLB" : ""))", at: hugeAt.location)
        }
        if page.cowShared || page.contiguous || page.protNone {
            throw error("a '\(attribute)' page is not cow, contig or PROT_NONE", at: hugeAt.location)
        }
        switch page.mapping {
        case .present: break
        case .zeroPage where page.huge == .transparent: break
        case .zeroPage:
            throw error("a hugetlb page has no huge zero page: its entry is 'pte ro' or 'pte rw'", at: pteAt?.location ?? hugeAt.location)
        case .none:
            throw error("a '\(attribute)' page starts mapped by its huge entry: 'pte ro', 'pte rw'\(attribute == "thp" ? " or 'pte zero' (the huge zero page)" : "")",
                        at: pteAt?.location ?? hugeAt.location)
        }
        guard let previous = pages.last, previous.huge == page.huge else { return }
        if previous.mapping != page.mapping || previous.vmaWritable != page.vmaWritable {
            throw error("page '\(page.name)' shares one huge entry and VMA with page '\(previous.name)': give it the same 'pte' and 'vma'",
                        at: (pteAt ?? hugeAt).location)
        }
    }
}
