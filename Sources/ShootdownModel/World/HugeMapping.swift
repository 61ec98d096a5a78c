/// A page that is part of a huge mapping: one page-table entry above the PTE level maps a run
/// of consecutive pages. Consecutive pages declared with the same huge mapping form one entry.
///
/// The model keeps a PTE field for every page of the run (each naming its own subpage's frame,
/// with the entry's permissions) and one bit saying whether the run is still mapped by its
/// huge entry; steps that act on the huge entry act on every page of the run at once.
public enum HugeMapping: Sendable, Equatable, Hashable {
    /// An anonymous transparent huge page mapped by a PMD (`pmd_trans_huge`), or the huge zero
    /// page when the pages start `pte zero` (a read fault in a read-only VMA with THP
    /// enabled, mm/huge_memory.c:`do_huge_pmd_anonymous_page`). It can be split into PTEs
    /// (`__split_huge_pmd`, `split_folio`).
    case transparent
    /// A hugetlb page (`MAP_HUGETLB`) mapped by a PMD- or PUD-level huge entry. It is never
    /// split.
    case hugetlb(HugeMappingLevel)

    /// The level of the entry while it maps the run.
    public var level: HugeMappingLevel {
        switch self {
        case .transparent: return .pmd
        case let .hugetlb(level): return level
        }
    }
}

/// The page-table level of a huge entry: what `hmm_range_fault` reports as the entry's map
/// order (`hmm_pfn_to_map_order`), which dmirror's SNAPSHOT encodes as `HMM_DMIRROR_PROT_PMD`
/// or `HMM_DMIRROR_PROT_PUD` (lib/test_hmm.c:`dmirror_mkentry`).
public enum HugeMappingLevel: String, Sendable, CaseIterable, Hashable {
    /// `PMD_SHIFT - PAGE_SHIFT` (2 MiB with 4 KiB pages).
    case pmd
    /// `PUD_SHIFT - PAGE_SHIFT` (1 GiB with 4 KiB pages); hugetlb only.
    case pud
}
