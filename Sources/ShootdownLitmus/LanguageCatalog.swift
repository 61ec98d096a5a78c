import ShootdownModel

/// What a scenario can say, with a line on each, for `shootdown list`: the operations a thread
/// can run, the IOMMUs and their features, and the keys a variants block can vary.
public enum LanguageCatalog {
    /// A piece of syntax and what it does.
    public struct Entry: Sendable, Equatable {
        public let syntax: String
        public let summary: String
    }

    /// Every operation a thread column may hold, on a page `x`: accesses (CPU and device
    /// threads), then what only CPU threads run: `munmap`, `madvise`, the built-in mm
    /// operations, and the scenario's own paths.
    public static var operations: [Entry] {
        [Entry(syntax: "r0 = *x", summary: "read x into register r0 (a CPU load or a device DMA read)"),
         Entry(syntax: "*x = V", summary: "write V to x (a CPU store or a device DMA write)"),
         Entry(syntax: "munmap(x)", summary: "unmap_vmas: zap the PTE under an mmu_gather, flush the TLBs, free the page"),
         Entry(syntax: "madvise(x, MADV_POPULATE_WRITE)", summary: "fault the page in for writing, as a write fault does"),
         Entry(syntax: "gup_test(x, COMMAND, FOLL_WRITE[, FOLL_LONGTERM])",
               summary: "a gup_test ioctl: get_user_pages*/pin_user_pages* write-fault the page in, then drop the reference")]
            + KernelOperation.allCases.map { Entry(syntax: $0.spelled(page: "x"), summary: $0.summary) }
            + [Entry(syntax: "NAME(x)", summary: "run the scenario's own 'path NAME(x) { … }'")]
    }

    /// The IOMMUs the model has, each with the architecture it belongs to and its features.
    public static let iommus: [Entry] = [
        Entry(syntax: "smmuv3", summary: "Arm SMMUv3 with SVA (arm64, the default there); features btm, ats, range, prefetch, tlbi-max-ops, asid"),
        Entry(syntax: "vtd", summary: "Intel VT-d with SVM (x86, the default there): a permission fault drops the entry; features ats, prefetch"),
        Entry(syntax: "amd", summary: "AMD IOMMU SVA (x86): one page flushed by itself, anything larger as the whole PASID; features ats, prefetch"),
    ]

    /// The range subscribers a `mirror` line can name, and the threads bound to them.
    public static let mirrors: [Entry] = [
        Entry(syntax: "hmm", summary: "the HMM test device dmirror: an interval notifier and a mirror table per MIR… thread"),
        Entry(syntax: "kvm", summary: "KVM: invalidate_range_start/end, mmu_invalidate_in_progress and _seq; VCPU… threads share one VM"),
        Entry(syntax: "kvm-invalidate-range", summary: "KVM with the pre-2023 invalidate_range hook: refused with -EINVAL from v6.6"),
        Entry(syntax: "hmm-no-read-retry", summary: "a broken dmirror that skips mmu_interval_read_retry"),
    ]

    /// The features an `iommu` line (or a variants axis) can set.
    public static let iommuFeatures: [Entry] = [
        Entry(syntax: "btm=on|off", summary: "broadcast TLB maintenance: the SMMU's TLB obeys the CPU's TLBIs (SMMUv3 only; never reaches an ATC)"),
        Entry(syntax: "ats=on|off", summary: "PCIe ATS: devices keep their own ATC, reached only by ATC invalidation"),
        Entry(syntax: "range=on|off", summary: "range TLBI commands (ARM_SMMU_FEAT_RANGE_INV); without, a large range invalidates the whole ASID"),
        Entry(syntax: "prefetch=on|off", summary: "the IOMMU may walk and cache any present translation at any time"),
        Entry(syntax: "tlbi-max-ops=N", summary: "CMDQ_MAX_TLBI_OPS in pages (512 by default)"),
        Entry(syntax: "asid=shared|private", summary: "SMMUv3: the 6.6-era driver's CPU ASID (BTM applies) or the current driver's own ASID (never snooped)"),
    ]

    /// The keys a variants block can vary.
    public static var variantKeys: [String] { Lowerer.variantKeys }
}
