/// A condition on which a program branches. Branches are silent: they are evaluated right
/// after the preceding step, as part of it. Programs branch only on what the thread owns or on
/// the PTE while holding the PTL, so fusing the test into the previous step hides no race.
public enum BranchCondition: String, Hashable, Sendable, CaseIterable {
    /// The PTE read at fault entry (`vmf->orig_pte`) was none.
    case origNone
    /// The PTE no longer equals the one read at fault entry (`!pte_same`).
    case pteChangedSinceEntry
    /// The PTE is not none (`!pte_none` recheck in `do_anonymous_page`).
    case pteNotNone
    /// The page's VMA is not anonymous (`!vma_is_anonymous`): a none PTE goes to `do_fault`.
    case vmaNotAnonymous
    /// `migrate_vma_collect` unmapped a page that has a mapping (a page-cache page), which
    /// `__migrate_device_pages` will not migrate to device memory.
    case collectedPageCache
    /// A write fault on a PTE without write permission (`do_wp_page`).
    case writeToReadOnlyPTE
    /// The mapped frame is not exclusively ours (COW-shared or the zero page), so `do_wp_page`
    /// copies.
    case frameNotExclusive
    /// The preceding `ptep_set_access_flags` did not change the PTE.
    case notChanged
    /// A read fault.
    case readFault
    /// `vmf->orig_pte` was a swap entry (`do_swap_page`).
    case origSwap
    /// `vmf->orig_pte` was a migration entry (`do_swap_page` → `migration_entry_wait`).
    case origMigration
    /// `vmf->orig_pte` was a PMD being split: the fault waits on the PMD lock.
    case origSplitting
    /// The rmap walk finds no mapping of the page it started from: the PTE no longer maps the
    /// frame read at the start, or maps the zero page or a frame shared with another process
    /// (`page_vma_mapped_walk` fails; shared frames' other mappings are not modelled).
    case notMappingOrigFrame
    /// The PTE is neither writable nor dirty: `write_protect_page` / `page_vma_mkclean_one`
    /// have nothing to do.
    case pteCleanReadOnly
    /// The PTE maps the (huge) zero page.
    case pteMapsZeroPage
    /// The PTE is not present.
    case pteNotPresent
    /// Always: an unconditional jump.
    case always
    /// The page belongs to a contiguous hugetlb mapping (`hugetlb_fault`).
    case contiguousHugePage
    /// A huge entry maps the page now (`pmd_trans_huge`, or a hugetlb page).
    case mappedByHugeEntry
    /// The page's VMA is a hugetlb mapping (`is_vm_hugetlb_page`).
    case hugetlbPage
    /// The page's transparent huge mapping has been split into PTEs (`!pmd_trans_huge`).
    case pmdSplit
    /// The preceding non-blocking `range_start` returned `-EAGAIN`.
    case rangeStartFailed
    /// The mirror's sequence snapshot is stale: an invalidation has run since it was taken
    /// (`mmu_interval_check_retry` / `mmu_interval_read_retry`).
    case snapshotStale
    /// The mirror's walk needs `handle_mm_fault`.
    case walkNeedsFault
    /// The mirror's walk found no VMA allowing the access.
    case walkFailed
    /// `mmu_invalidate_retry_gfn`: an invalidation is in progress or the sequence moved.
    case kvmMustRetry
    /// `vmf->orig_pte` was a device-private entry (`do_swap_page` → `migrate_to_ram`).
    case origDevicePrivate
    /// `vmf->orig_pte` was a device-exclusive entry (`do_swap_page` →
    /// `remove_device_exclusive_entry`).
    case origDeviceExclusive
    /// After a `trylock_page`: another thread holds the page lock.
    case pageLockedByOther
    /// `migrate_vma_collect` selected nothing to migrate (for an eviction: the page is not in
    /// the device's memory).
    case notCollected
    /// What was collected is a hole (a none or zero-page PTE): there is no source page.
    case collectedHole
    /// `migrate_vma_insert_page`: the PTE is neither none nor the zero page any more.
    case insertBlocked
    /// `vma_lookup` finds no VMA, or one without `VM_READ` (`dmirror_migrate_to_*`).
    case vmaNotReadable
    /// `make_device_exclusive` (v6.15): the second walk no longer finds the page GUP returned
    /// mapped writable.
    case notMappingWalkedPageWritable
    /// `page_make_device_exclusive_one` (before v6.15): the PTE no longer maps the page GUP
    /// returned.
    case notMappingWalkedPage
    /// `dmirror_do_read` / `dmirror_do_write` found the entry it needs: the command is done.
    case commandFinished
    /// `vma_lookup` finds no VMA at the page at all (mremap's `-EFAULT`).
    case vmaMissing
}

/// One instruction of a program before its labels are resolved.
public enum Instruction: Hashable, Sendable {
    case step(Step)
    case jump(to: String, if: BranchCondition)
    case label(String)
    /// End of the program: release the mmap lock and return to the faulting context.
    case ret
}

/// A resolved program: an array of steps and branches that a thread runs from index 0. A class,
/// so that handing one out in the hot path costs a single reference count, not one per array.
public final class Program: Sendable {
    /// A resolved instruction.
    public enum Op: Sendable {
        case step(Step)
        case jump(to: Int, if: BranchCondition)
        case ret
    }

    /// The entry function, e.g. `handle_mm_fault`.
    public let name: String
    /// The instructions; jumps hold indices into this array.
    public let ops: [Op]
    /// `[op]`: the kind of a step, `nil` for a branch or the end. Plain values, so that the hot
    /// path can look a step's kind up without copying the step and its strings.
    public let kinds: [StepKind?]
    /// `[op]`: the condition of an optional step (`nil` for other steps, branches and the end),
    /// also plain values for the hot path.
    public let conditions: [StepCondition?]
    /// The symbolic form, for printing and diffing.
    public let source: [Instruction]
    /// Resolves the labels of `source`.
    public init(name: String, source: [Instruction]) {
        self.name = name
        self.source = source
        var positions: [String: Int] = [:]
        var index = 0
        for instruction in source {
            if case let .label(name) = instruction { positions[name] = index } else { index += 1 }
        }
        var ops: [Op] = []
        for instruction in source {
            switch instruction {
            case let .step(step): ops.append(.step(step))
            case let .jump(label, condition):
                guard let target = positions[label] else { preconditionFailure("undefined label \(label) in \(name)") }
                ops.append(.jump(to: target, if: condition))
            case .label: continue
            case .ret: ops.append(.ret)
            }
        }
        self.ops = ops
        self.kinds = ops.map { if case let .step(step) = $0 { return step.kind } else { return nil } }
        self.conditions = ops.map { if case let .step(step) = $0 { return step.condition } else { return nil } }
        self.returnsAfter = ops.indices.map { Program.reachesReturn(ops, from: $0 + 1) }
    }

    /// `[op]`: whether the transition that runs that instruction may also end the program
    /// (computed once: footprints ask for every step of a checked operation).
    private let returnsAfter: [Bool]

    /// Whether the transition that runs instruction `position` may also end the program: the
    /// branches, optional steps and range calls (which may be silent) after it can lead to the
    /// end without another step that must run.
    func mayReturn(after position: Int) -> Bool {
        returnsAfter.indices.contains(position) && returnsAfter[position]
    }

    /// Whether the program can reach its end from instruction `start` through branches,
    /// optional steps and range calls only.
    private static func reachesReturn(_ ops: [Op], from start: Int) -> Bool {
        var pending = [start]
        var seen = Set<Int>()
        while let index = pending.popLast() {
            guard index < ops.count, seen.insert(index).inserted else { continue }
            switch ops[index] {
            case .ret:
                return true
            case let .jump(target, _):
                pending.append(target)
                pending.append(index + 1)
            case let .step(step):
                switch step.kind {
                case .rangeStart, .rangeEnd: pending.append(index + 1)
                default: if step.condition != nil { pending.append(index + 1) }
                }
            }
        }
        return false
    }

    /// The steps of the program in order.
    public var steps: [Step] {
        ops.compactMap { if case let .step(step) = $0 { return step } else { return nil } }
    }
}
