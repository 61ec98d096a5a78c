/// An mm operation written by the user as a straight-line step program over one page, so that
/// a patch can be checked without changing the model: each step is a kernel call the model
/// knows (``PathCall``), attributed to a function for the timeline.
///
/// The era decides what a flush call expands to, as for the built-in programs: in the new era
/// `ptep_clear_flush` and `flush_tlb_page` also call `mmu_notifier_arch_invalidate_secondary_tlbs`
/// (their arm64 and x86 primitives do), in the old era they do not.
public struct KernelPath: Sendable, Equatable {
    /// The name the thread table calls it by.
    public var name: String
    /// The steps in order.
    public var steps: [PathStep]
    /// The file the path was written in, used in the steps' citations.
    public var file: String

    public init(name: String, steps: [PathStep], file: String) {
        self.name = name
        self.steps = steps
        self.file = file
    }
}

/// One step of a ``KernelPath``.
public struct PathStep: Sendable, Equatable {
    /// The function the step is attributed to (the path's name when the user gives none).
    public var function: String
    /// What the step does.
    public var call: PathCall

    public init(function: String, call: PathCall) {
        self.function = function
        self.call = call
    }
}

/// The kernel calls a user-written path may use, by the name of the kernel function or macro
/// whose effect the model gives them.
public enum PathCall: String, CaseIterable, Sendable, Equatable {
    /// Take the page-table lock (`pte_offset_map_lock`, mm/memory.c).
    case pteOffsetMapLock = "pte_offset_map_lock"
    /// Drop the page-table lock (`pte_unmap_unlock`).
    case pteUnmapUnlock = "pte_unmap_unlock"
    /// Allocate a private frame and copy the page into it (`__wp_page_copy_user`, mm/memory.c).
    case wpPageCopyUser = "__wp_page_copy_user"
    /// Allocate a zeroed frame (`alloc_anon_folio`, mm/memory.c).
    case allocAnonFolio = "alloc_anon_folio"
    /// Drop the allocated frame (`folio_put`).
    case folioPut = "folio_put"
    /// Clear the PTE and flush the CPU TLBs (`ptep_clear_flush`, mm/pgtable-generic.c).
    case ptepClearFlush = "ptep_clear_flush"
    /// `ptep_clear_flush` followed by the secondary-TLB notification
    /// (`ptep_clear_flush_notify`, include/linux/mmu_notifier.h; old era only, the new era's
    /// flush notifies by itself).
    case ptepClearFlushNotify = "ptep_clear_flush_notify"
    /// Map the allocated frame, writable and dirty (`set_pte_at`).
    case setPTEAt = "set_pte_at"
    /// Map the shared zero page read-only (`set_pte_at` of `pte_mkspecial(zero_pfn)`).
    case setPTEAtZero = "set_pte_at_zero"
    /// Make the PTE dirty (`ptep_set_access_flags`, mm/pgtable-generic.c).
    case ptepSetAccessFlags = "ptep_set_access_flags"
    /// Make the PTE writable and dirty (`ptep_set_access_flags` of `maybe_mkwrite(pte_mkdirty)`,
    /// as `wp_page_reuse` does).
    case ptepSetAccessFlagsWrite = "ptep_set_access_flags_write"
    /// Invalidate the page on every CPU (`flush_tlb_page`).
    case flushTLBPage = "flush_tlb_page"
    /// The old era's explicit secondary-TLB call (`mmu_notifier_invalidate_range`).
    case invalidateRange = "mmu_notifier_invalidate_range"
    /// The new era's secondary-TLB call (`mmu_notifier_arch_invalidate_secondary_tlbs`).
    case archInvalidateSecondaryTLBs = "mmu_notifier_arch_invalidate_secondary_tlbs"
    /// `mmu_notifier_invalidate_range_start` (event CLEAR).
    case rangeStart = "mmu_notifier_invalidate_range_start"
    /// `mmu_notifier_invalidate_range_end`.
    case rangeEnd = "mmu_notifier_invalidate_range_end"
    /// `mmu_notifier_invalidate_range_only_end`.
    case rangeOnlyEnd = "mmu_notifier_invalidate_range_only_end"

    /// Every call name, for diagnostics.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// One line saying what the call does in the model, for listings.
    public var summary: String {
        switch self {
        case .pteOffsetMapLock: return "take the page-table lock"
        case .pteUnmapUnlock: return "drop the page-table lock"
        case .wpPageCopyUser: return "allocate a private frame and copy the page into it"
        case .allocAnonFolio: return "allocate a zeroed frame"
        case .folioPut: return "drop the allocated frame"
        case .ptepClearFlush: return "clear the PTE and flush the CPU TLBs (from v6.6 also notifies secondary TLBs)"
        case .ptepClearFlushNotify: return "ptep_clear_flush, then mmu_notifier_invalidate_range (before v6.6)"
        case .setPTEAt: return "map the allocated frame, writable and dirty"
        case .setPTEAtZero: return "map the shared zero page read-only"
        case .ptepSetAccessFlags: return "make the PTE dirty"
        case .ptepSetAccessFlagsWrite: return "make the PTE writable and dirty, as wp_page_reuse does"
        case .flushTLBPage: return "invalidate the page on every CPU (from v6.6 also notifies secondary TLBs)"
        case .invalidateRange: return "the old era's secondary-TLB call"
        case .archInvalidateSecondaryTLBs: return "the new era's secondary-TLB call"
        case .rangeStart: return "invalidate_range_start (event CLEAR)"
        case .rangeEnd: return "invalidate_range_end (before v6.6 it also calls invalidate_range)"
        case .rangeOnlyEnd: return "invalidate_range_end without the secondary-TLB call"
        }
    }

    /// Writes the call's steps for one era into `builder`.
    func emit(into builder: inout ProgramBuilder, function: String, file: String) {
        switch self {
        case .pteOffsetMapLock: builder.step(.lockPTL, in: function, file: file, call: rawValue)
        case .pteUnmapUnlock: builder.step(.unlockPTL, in: function, file: file, call: rawValue)
        case .wpPageCopyUser: builder.step(.allocCopy, in: function, file: file, call: rawValue)
        case .allocAnonFolio: builder.step(.allocZeroed, in: function, file: file, call: rawValue)
        case .folioPut: builder.step(.freeNewPage, in: function, file: file, call: rawValue)
        case .ptepClearFlush:
            builder.flush(.clearFlush, scope: .page, in: function, file: file, call: rawValue)
        case .ptepClearFlushNotify:
            builder.flush(.clearFlush, scope: .page, in: function, file: file, call: rawValue)
            builder.oldEraNotify(.page, in: function, file: file, call: "\(rawValue): mmu_notifier_invalidate_range")
        case .setPTEAt: builder.step(.installNewPage, in: function, file: file, call: rawValue)
        case .setPTEAtZero: builder.step(.installZeroPage, in: function, file: file, call: rawValue)
        case .ptepSetAccessFlags: builder.step(.setAccessFlags(makeWritable: false), in: function, file: file, call: rawValue)
        case .ptepSetAccessFlagsWrite: builder.step(.setAccessFlags(makeWritable: true), in: function, file: file, call: rawValue)
        case .flushTLBPage: builder.flush(.flushTLBPage, scope: .page, in: function, file: file, call: rawValue)
        case .invalidateRange, .archInvalidateSecondaryTLBs:
            builder.step(.notifySecondary(.page), in: function, file: file, call: rawValue)
        case .rangeStart: builder.step(.rangeStart(.clear), in: function, file: file, call: rawValue)
        case .rangeEnd: builder.step(.rangeEnd(onlyEnd: false), in: function, file: file, call: rawValue)
        case .rangeOnlyEnd: builder.step(.rangeEnd(onlyEnd: true), in: function, file: file, call: rawValue)
        }
    }
}

extension KernelPath {
    /// The path as a program for one architecture and era.
    func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var builder = ProgramBuilder(architecture: architecture, era: era)
        for step in steps { step.call.emit(into: &builder, function: step.function, file: file) }
        builder.ret()
        return builder.source
    }
}
