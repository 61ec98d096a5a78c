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
        Entry(syntax: "NAME", summary: "the scenario's own 'subscriber NAME { … }' (docs/SUBSCRIBERS.md)"),
    ]

    /// What a `subscriber` block's settings, callbacks and statements are.
    public static let subscriberSyntax: [Entry] = [
        Entry(syntax: "registration interval|range;", summary: "mmu_interval_notifier_insert per device (MIR…), or one mmu_notifier_register for all"),
        Entry(syntax: "sleeps yes|no;", summary: "whether the callbacks may sleep (default yes)"),
        Entry(syntax: "lock NAME;", summary: "the driver's lock: the callbacks' lock statements and the fault path's mirror_lock"),
        Entry(syntax: "fault PATH;", summary: "the path a device runs when its table lacks a translation"),
        Entry(syntax: "invalidate [FN] { … }", summary: "interval: mmu_interval_notifier_ops.invalidate, returns true|false"),
        Entry(syntax: "invalidate_range_start [FN] { … }", summary: "range: returns 0|-EAGAIN"),
        Entry(syntax: "invalidate_range_end [FN] { … }", summary: "range: after the PTEs changed"),
        Entry(syntax: "release [FN] { … }", summary: "range: from exit_mmap (mn_hlist_release)"),
        Entry(syntax: "mutex_lock(L) / spin_lock(L)", summary: "wait for the driver's lock and take it (mutex_lock may sleep)"),
        Entry(syntax: "mutex_trylock(L) else return V", summary: "take the lock if free, else return V"),
        Entry(syntax: "mutex_unlock(L) / spin_unlock(L)", summary: "drop the lock"),
        Entry(syntax: "mmu_interval_set_seq", summary: "interval: read_retry fails for earlier reads; read_begin waits until the end"),
        Entry(syntax: "mmu_invalidate_seq++", summary: "range: every device's sequence snapshot is stale"),
        Entry(syntax: "mmu_invalidate_in_progress++ / --", summary: "range: the count kvm_must_retry tests"),
        Entry(syntax: "mirror_erase", summary: "erase the range from the device's table"),
        Entry(syntax: "flush_device_tlbs", summary: "flush the devices' TLBs after an erase that removed an entry (counted)"),
        Entry(syntax: "return V", summary: "end the callback with V"),
        Entry(syntax: "if GUARD STATEMENT", summary: "guards: blockable, nonblockable, own_migration, mapped"),
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
