/// One atomic micro-step of a kernel program, labelled with the kernel function it models.
public struct Step: Hashable, Sendable {
    /// What the step does.
    public var kind: StepKind
    /// The kernel function whose code the step stands for, e.g. `wp_page_copy`.
    public var function: String
    /// The source file of ``function``, e.g. `mm/memory.c`.
    public var file: String
    /// The call or statement inside ``function``, e.g. `ptep_clear_flush`.
    public var call: String
    /// When set, the step runs only if the condition holds and is skipped silently otherwise.
    public var condition: StepCondition?

    public init(_ kind: StepKind, in function: String, file: String, call: String, when condition: StepCondition? = nil) {
        self.kind = kind
        self.function = function
        self.file = file
        self.call = call
        self.condition = condition
    }

    /// The code location: `function.call`. Policies insert steps after sites.
    public var site: String { "\(function).\(call)" }

    /// `file:function`, the citation of the step.
    public var citation: String { "\(file):\(function)" }

    /// How a timeline prints the step: `function: call`.
    public var label: String { "\(function): \(call)" }
}

/// A condition that guards an optional step.
public enum StepCondition: String, Hashable, Sendable, CaseIterable {
    /// The preceding `ptep_set_access_flags` changed the PTE.
    case changed
    /// The fault is a write fault.
    case writeFault
    /// The mmu_gather recorded a range (`tlb->end` is set): `tlb_flush_mmu_tlbonly` flushes.
    case gathered
    /// A batched flush is pending (`tlb_ubc->flush_required`).
    case batchPending
    /// `migrate_vma_collect_pmd` unmapped a present page (`unmapped`): `flush_tlb_range`.
    case collectedPresent
}
