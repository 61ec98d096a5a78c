/// arm64 contiguous hugetlb mappings (`PTE_CONT`): consecutive pages declared `contig` form a
/// group whose entries are broken and remade together (arch/arm64/mm/hugetlbpage.c).
extension World {
    /// The contiguous groups: runs of consecutive `contig` pages.
    static func contiguousGroups(_ pages: [PageDeclaration]) -> [[Int]] {
        var groups: [[Int]] = []
        var current: [Int] = []
        for (index, page) in pages.enumerated() {
            if page.contiguous {
                current.append(index)
            } else if !current.isEmpty {
                groups.append(current)
                current = []
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// The group of `page`, or `[page]` when it is not part of one.
    func contiguousGroup(of page: Int) -> [Int] {
        contiguousGroupOf[page]
    }

    /// The pages a secondary-TLB notification of `scope` issued for `page` covers, or `nil`
    /// for the whole address space.
    func notifiedPages(_ scope: NotifyScope, page: Int, in state: WorldState) -> [Int]? {
        switch scope {
        case .hugeRange: return hugeEntryPages(of: page, in: state) ?? singlePageLists[page]
        case .page, .gather: return singlePageLists[page]
        case .wholeMM: return nil
        case .contigRange: return contiguousGroup(of: page)
        case .contigSlip:
            // [addr, addr + pgsize + ncontig) from the group's first page: that page and the
            // first bytes of the next one.
            return Array(contiguousGroup(of: page).prefix(2))
        }
    }

    func performContiguousStep(_ kind: StepKind, thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        let fields = layout.threads[thread]
        let group = contiguousGroup(of: page)
        let write = faultContext(thread, in: state).write
        switch kind {
        case .contigBreak:
            let orig = PageTableEntry(encoded: state.get(fields.orig))
            let target = contiguousTarget(orig, write: write, in: state)
            let changed = group.contains { pte($0, in: state) != entry(target, for: $0) }
            state.setFlag(fields.changed, changed)
            guard changed else {
                log.effect("entries unchanged (spurious fault)")
                return
            }
            for member in group { setPTE(member, .none, in: &state) }
            log.effect("break: \(group.count) contiguous entries cleared")
        case .flushContigRange:
            for member in group { cpuFlush(page: member, in: &state, log: &log) }
            log.count(\.cpuTLBIRange)
        case .contigMake:
            let orig = PageTableEntry(encoded: state.get(fields.orig))
            let target = contiguousTarget(orig, write: write, in: state)
            for member in group { setPTE(member, entry(target, for: member), in: &state) }
            log.effect("make: \(group.count) contiguous entries \(target.write ? "rw" : "ro")\(target.dirty ? " dirty" : "")")
        default:
            preconditionFailure("\(kind) is not a contiguous-hugepage step")
        }
    }

    /// The permissions `huge_ptep_set_access_flags` writes: dirty on a write fault, and writable
    /// when `hugetlb_wp` reuses an exclusive page.
    private func contiguousTarget(_ orig: PageTableEntry, write: Bool, in state: WorldState) -> PageTableEntry {
        var target = orig
        if write {
            target.dirty = true
            target.write = true
        }
        return target
    }

    /// The group member's own entry with `target`'s permissions.
    private func entry(_ target: PageTableEntry, for member: Int) -> PageTableEntry {
        PageTableEntry(present: true, write: target.write, dirty: target.dirty, frame: initialFrame[member] ?? 0)
    }
}
