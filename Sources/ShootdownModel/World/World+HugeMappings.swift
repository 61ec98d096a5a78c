/// Huge mappings (``HugeMapping``): runs of pages mapped by one PMD or PUD entry, which
/// `hmm_range_fault` reports with its map order and which splits, migrations and mprotect
/// change as one entry.
extension World {
    /// The huge mappings: runs of consecutive pages declared with the same ``HugeMapping``.
    static func hugeGroups(_ pages: [PageDeclaration]) -> [[Int]] {
        var groups: [[Int]] = []
        for (index, page) in pages.enumerated() {
            guard let huge = page.huge else { continue }
            if let last = groups.last?.last, last == index - 1, pages[last].huge == huge {
                groups[groups.count - 1].append(index)
            } else {
                groups.append([index])
            }
        }
        return groups
    }

    /// The pages of `page`'s huge mapping, whether or not it is still mapped huge; `[page]`
    /// when it has none.
    func hugeGroup(of page: Int) -> [Int] {
        guard let group = hugeGroupIndex[page] else { return singlePageLists[page] }
        return hugeGroups[group]
    }

    /// The pages mapped by the huge entry that maps `page`, or `nil` when no huge entry maps it
    /// (it has none, or it was split into PTEs).
    func hugeEntryPages(of page: Int, in state: WorldState) -> [Int]? {
        guard let group = hugeGroupIndex[page], state.flag(layout.hugeMapped[group]) else { return nil }
        return hugeGroups[group]
    }

    /// `pmd_trans_huge` / `is_vm_hugetlb_page`: whether a huge entry maps `page` now.
    func mappedByHugeEntry(_ page: Int, in state: WorldState) -> Bool {
        guard let group = hugeGroupIndex[page] else { return false }
        return state.flag(layout.hugeMapped[group])
    }

    /// The level of the huge entry that maps `page` now, when it is present: the map order
    /// `hmm_vma_handle_pmd` and `hmm_vma_walk_hugetlb_entry` (mm/hmm.c) report.
    func hugeMapLevel(of page: Int, in state: WorldState) -> HugeMappingLevel? {
        guard mappedByHugeEntry(page, in: state), pte(page, in: state).present else { return nil }
        return configuration.pages[page].huge?.level
    }

    /// The pages a notifier range started at `page` covers: the contiguous hugetlb group, or the
    /// whole huge mapping while a huge entry maps the page, or the page alone. A hugetlb
    /// operation's range and a split's range (`haddr` to `haddr + HPAGE_PMD_SIZE`) are the
    /// whole huge range; `migrate_vma`'s and munmap's own ranges name only the page, but on a
    /// page mapped huge each of them splits the entry first under a range over all of it, so
    /// the model lets theirs cover the huge range too (their callbacks then run a little
    /// earlier for the other pages).
    func rangePages(of page: Int, in state: WorldState) -> [Int] {
        if let pages = hugeEntryPages(of: page, in: state) { return pages }
        return contiguousGroup(of: page)
    }

    /// The pages whose locations a step at `page` may touch, whatever the state: its
    /// contiguous group or its huge mapping.
    func footprintGroup(of page: Int) -> [Int] {
        hugeGroupIndex[page] != nil ? hugeGroup(of: page) : contiguousGroup(of: page)
    }

    /// The effect of the steps that act on a huge entry.
    func performHugeMappingStep(_ kind: StepKind, thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let name = pageName(page)
        switch kind {
        case .invalidatePMD:
            // pmdp_invalidate / pmdp_huge_clear_flush: the entry the split maps again is the one
            // it invalidates.
            let pages = hugeEntryPages(of: page, in: state) ?? [page]
            setOrig(thread, pte(page, in: state), in: &state)
            for member in pages { setPTE(member, .nonPresent(.splitting, frame: 0), in: &state) }
            log.effect(pages.count > 1 ? "huge pmd of \(pages.map(pageName).joined(separator: ", ")) invalid; faults wait for the split"
                                       : "pmd of \(name) invalid; faults wait for the split")
        case .mapSubpages:
            mapSubpages(thread, page: page, in: &state, log: &log)
        case .flushHugeRange:
            for member in hugeEntryPages(of: page, in: state) ?? [page] { cpuFlush(page: member, in: &state, log: &log) }
            log.count(\.cpuTLBIRange)
        default:
            preconditionFailure("\(kind) is not a huge-mapping step")
        }
    }

    /// `__split_huge_pmd_locked` populating the PTE table (or `remove_migration_ptes` after
    /// `split_folio`): each page of the huge mapping gets a PTE for its own subpage with the huge
    /// entry's permissions; the huge zero page's pages get the zero page
    /// (`__split_huge_zero_page_pmd`). A page with no huge mapping gets back the entry read
    /// at the start.
    private func mapSubpages(_ thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let entry = orig(thread, in: state)
        guard let group = hugeGroupIndex[page], state.flag(layout.hugeMapped[group]) else {
            setPTE(page, entry, in: &state)
            return log.effect("pte[\(pageName(page))] = \(entry)")
        }
        let zero = entry.frame == hugeZeroFrame
        for member in hugeGroups[group] {
            let frame = zero ? World.zeroFrame : initialFrame[member] ?? World.zeroFrame
            setPTE(member, PageTableEntry(present: true, write: entry.write, dirty: entry.dirty, frame: frame), in: &state)
        }
        state.setFlag(layout.hugeMapped[group], false)
        let names = hugeGroups[group].map(pageName).joined(separator: ", ")
        log.effect(zero ? "pte[\(names)] = zero page (the huge zero page split)"
                        : "pte[\(names)] map their subpages \(entry.write ? "rw" : "ro") (the huge pmd split)")
    }

    /// How many ranges the thread has started and not yet ended.
    func openRanges(_ thread: Int, in state: WorldState) -> UInt64 {
        state.get(layout.threads[thread].inRange)
    }

    /// One range more (`range_start`) or fewer (`range_end`) open for the thread.
    func countRange(_ thread: Int, opened: Bool, in state: inout WorldState) {
        let field = layout.threads[thread].inRange
        guard field.width > 0 else { return }
        let open = state.get(field)
        state.set(field, opened ? open &+ 1 : (open > 0 ? open - 1 : 0))
    }
}
