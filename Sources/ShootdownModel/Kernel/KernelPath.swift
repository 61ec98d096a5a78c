/// An mm operation written by the user as a step program over one page, so that a patch can be
/// checked without changing the model.
///
/// A step is either a kernel call the model knows (``PathCall``), which the era expands as it
/// does in the built-in programs — in the new era `ptep_clear_flush` and `flush_tlb_page` also
/// call `mmu_notifier_arch_invalidate_secondary_tlbs` (their arm64 and x86 primitives do), in
/// the old era they do not — or a raw step naming a ``StepKind`` exactly, which neither the era
/// nor the policy's rewrites change. Labels, conditional jumps and returns make branches, so
/// that every built-in program can be written as a path (`shootdown explain --as-path`).
public struct KernelPath: Sendable, Equatable {
    /// The name the thread table calls it by.
    public var name: String
    /// The instructions in order.
    public var body: [PathInstruction]
    /// The file the steps cite unless they name their own: the path's `in "FILE"`, or the
    /// scenario file it was written in.
    public var file: String
    /// Whether the invariant `secondary-bounded-after-return` is checked on the path's page when
    /// it returns, as it is for munmap and the built-in mm operations (the path is written
    /// `checked`).
    public var checkedOnReturn: Bool

    public init(name: String, body: [PathInstruction], file: String, checkedOnReturn: Bool = false) {
        self.name = name
        self.body = body
        self.file = file
        self.checkedOnReturn = checkedOnReturn
    }

    /// A straight-line path of steps.
    public init(name: String, steps: [PathStep], file: String) {
        self.init(name: name, body: steps.map(PathInstruction.step), file: file)
    }

    /// The steps in order, without the branches.
    public var steps: [PathStep] {
        body.compactMap { if case let .step(step) = $0 { return step } else { return nil } }
    }
}

/// One instruction of a ``KernelPath``, before its labels are resolved.
public enum PathInstruction: Sendable, Equatable {
    case step(PathStep)
    /// `if CONDITION goto LABEL;` (`goto LABEL;` when the condition is ``BranchCondition/always``).
    case jump(to: String, if: BranchCondition)
    /// `LABEL:`
    case label(String)
    /// `return;`
    case ret
}

/// One step of a ``KernelPath``.
public struct PathStep: Sendable, Equatable {
    /// What a step does.
    public enum Action: Sendable, Equatable {
        /// A kernel call, expanded by era and rewritten by the policy like the built-in
        /// programs' steps.
        case call(PathCall)
        /// One step of the kind, with the call text a timeline shows, taken as written.
        case raw(StepKind, call: String)
    }

    /// The function the step is attributed to (the path's name when the user gives none).
    public var function: String
    /// What the step does.
    public var action: Action
    /// The file the step cites, when it is not the path's.
    public var file: String?
    /// When set, the step runs only if the condition holds.
    public var condition: StepCondition?

    public init(function: String, action: Action, file: String? = nil, when condition: StepCondition? = nil) {
        self.function = function
        self.action = action
        self.file = file
        self.condition = condition
    }

    /// A kernel call attributed to `function`.
    public init(function: String, call: PathCall) {
        self.init(function: function, action: .call(call))
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
    /// The CPU's fault path (`handle_mm_fault`, mm/memory.c), inlined: a device's fault path
    /// calls it through `hmm_range_fault` (`hmm_vma_fault`) or GUP (`faultin_page`). It
    /// returns to the step after the call.
    case handleMMFault = "handle_mm_fault"

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
        case .handleMMFault: return "the CPU's fault path, inlined (for a device's fault path), returning after the call"
        }
    }

    /// Writes the call's steps for one era into `builder`.
    func emit(into builder: inout ProgramBuilder, function: String, file: String, when condition: StepCondition?) {
        func step(_ kind: StepKind) {
            builder.step(kind, in: function, file: file, call: rawValue, when: condition)
        }
        switch self {
        case .pteOffsetMapLock: step(.lockPTL)
        case .pteUnmapUnlock: step(.unlockPTL)
        case .wpPageCopyUser: step(.allocCopy)
        case .allocAnonFolio: step(.allocZeroed)
        case .folioPut: step(.freeNewPage)
        case .ptepClearFlush:
            builder.flush(.clearFlush, scope: .page, in: function, file: file, call: rawValue, when: condition)
        case .ptepClearFlushNotify:
            builder.flush(.clearFlush, scope: .page, in: function, file: file, call: rawValue, when: condition)
            builder.oldEraNotify(.page, in: function, file: file, call: "\(rawValue): mmu_notifier_invalidate_range",
                                 when: condition)
        case .setPTEAt: step(.installNewPage)
        case .setPTEAtZero: step(.installZeroPage)
        case .ptepSetAccessFlags: step(.setAccessFlags(makeWritable: false))
        case .ptepSetAccessFlagsWrite: step(.setAccessFlags(makeWritable: true))
        case .flushTLBPage: builder.flush(.flushTLBPage, scope: .page, in: function, file: file, call: rawValue, when: condition)
        case .invalidateRange, .archInvalidateSecondaryTLBs: step(.notifySecondary(.page))
        case .rangeStart: step(.rangeStart(.clear))
        case .rangeEnd: step(.rangeEnd(onlyEnd: false))
        case .rangeOnlyEnd: step(.rangeEnd(onlyEnd: true))
        case .handleMMFault: preconditionFailure("handle_mm_fault is inlined by KernelPath.build")
        }
    }
}

extension KernelPath {
    /// The path as a program for one architecture and era. `rewrite` (the policy's edits)
    /// applies to what each kernel call expands to; raw steps, branches and labels stay as
    /// written. Falling off the end returns: a `return` is added unless the path ends with one
    /// or with an unconditional jump.
    func build(architecture: Architecture, era: NotifierEra, deviceMemory: Bool = false, fileBacked: Bool = false,
               rewrite: ([Instruction]) -> [Instruction] = { $0 }) -> [Instruction] {
        var source: [Instruction] = []
        var faults = 0
        for instruction in body {
            switch instruction {
            case let .step(step):
                let file = step.file ?? self.file
                switch step.action {
                case .call(.handleMMFault):
                    // Its labels are prefixed like the built-in fault paths' (`fault.`, then
                    // `fault2.`, …); its returns resume after the call.
                    faults += 1
                    let prefix = faults == 1 ? "fault." : "fault\(faults)."
                    var builder = ProgramBuilder(architecture: architecture, era: era)
                    builder.fileBacked = fileBacked
                    builder.step(.enterNestedFault, in: step.function, file: file, call: PathCall.handleMMFault.rawValue)
                    MirrorProgram.inlineFault(into: &builder, resume: prefix + "return", deviceMemory: deviceMemory, prefix: prefix)
                    builder.label(prefix + "return")
                    source += rewrite(builder.source)
                case let .call(call):
                    var builder = ProgramBuilder(architecture: architecture, era: era)
                    call.emit(into: &builder, function: step.function, file: file, when: step.condition)
                    source += rewrite(builder.source)
                case let .raw(kind, call):
                    source.append(.step(Step(kind, in: step.function, file: file, call: call, when: step.condition)))
                }
            case let .jump(label, condition): source.append(.jump(to: label, if: condition))
            case let .label(name): source.append(.label(name))
            case .ret: source.append(.ret)
            }
        }
        switch body.last {
        case .ret?, .jump(_, .always)?: break
        default: source.append(.ret)
        }
        return source
    }
}
