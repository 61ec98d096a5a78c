/// Where each entity of a world lives inside a ``WorldState``.
struct StateLayout: Sendable {
    /// Per-thread fields (CPU threads, device threads, then one IOPF worker per device).
    struct ThreadFields: Sendable {
        /// Index of the next user operation.
        var op = BitField.empty
        /// 0 in user context; `k + 1` while at instruction `k` of a kernel program.
        var pc = BitField.empty
        /// `ptep_set_access_flags` changed the PTE.
        var changed = BitField.empty
        /// `vmf->orig_pte`, encoded.
        var orig = BitField.empty
        /// Frame from the last allocation.
        var newFrame = BitField.empty
        /// mmu_gather: a page is queued (1 bit) and which frame (``gatherFrame``).
        var gatherQueued = BitField.empty
        var gatherFrame = BitField.empty
        /// `exit_mmap`'s gather: the frames queued for freeing, a bit each.
        var gatherMask = BitField.empty
        /// mmu_gather: a range was recorded (`tlb->end` set), so the gather flush flushes.
        var gathered = BitField.empty
        /// A batched flush is pending (`arch_tlbbatch_add_pending` without the flush yet).
        var batchPending = BitField.empty
        /// The last non-blocking `range_start` returned `-EAGAIN`.
        var startFailed = BitField.empty
        /// Device: waiting for the page response to its page request.
        var waiting = BitField.empty
        /// IOPF worker: a request is being served, for which page, write or read.
        var busy = BitField.empty
        var requestPage = BitField.empty
        var requestWrite = BitField.empty
        /// How many of its ranges are between `range_start` and `range_end` (a split nested in
        /// munmap's or `migrate_vma`'s range makes two); kept only when a range subscriber exists.
        var inRange = BitField.empty
        /// Mirror device: the walk's error, if any (0 none, 1 `-EFAULT`, 2 `-EPERM`).
        var walkError = BitField.empty
        /// `migrate_vma` in progress: 0 nothing collected, 1 a page (a migration entry is in
        /// place), 2 a hole (a none or zero-page PTE); for an eviction, 1 once the device page is
        /// locked. Its source frame is ``gatherFrame``.
        var migrate = BitField.empty
        /// Mirror device in a SNAPSHOT: its temporary interval notifier is being invalidated
        /// (`read_begin` sleeps).
        var snapshotBusy = BitField.empty
        /// Mirror device: its sequence snapshot went stale (an invalidation ran since).
        var stale = BitField.empty
        /// Mirror device: the last walk needs `handle_mm_fault`.
        var walkFault = BitField.empty
        /// Mirror device: the translation the walk found (cached-translation encoding).
        var pfn = BitField.empty
    }

    var frameState: [BitField] = []
    var frameValue: [BitField] = []
    /// `[frame]`: a fork made the frame shared with the child (empty without fork).
    var frameForked: [BitField] = []
    var pte: [BitField] = []
    var vmaPresent: [BitField] = []
    /// `[page]`: the VMA allows writes (`VM_WRITE`); mprotect changes it.
    var vmaWritable: [BitField] = []
    /// `[page]`: the VMA is PROT_NONE (empty when no VMA ever is).
    var vmaNone: [BitField] = []
    /// `[huge mapping]`: the run of pages is still mapped by its huge entry (not split into
    /// PTEs); empty without huge mappings.
    var hugeMapped: [BitField] = []
    /// `[page]`: the lock of the folio the page maps (device pages included): 0 when free,
    /// holder thread index + 1 otherwise (empty without device memory).
    var pageLock: [BitField] = []
    /// Bits of the extended PTE kinds (``PTECodec``); 0 when none is used.
    var pteKindBits = 0
    /// `[cpu][page]`.
    var cpuTLB: [[BitField]] = []
    /// `[page]`: one ASID shared by every bound device.
    var iotlb: [BitField] = []
    /// `[device][page]`.
    var atc: [[BitField]] = []
    /// PTL holder: 0 when free, thread index + 1 otherwise.
    var ptl = BitField.empty
    /// Holders of the mmap lock for read. munmap's write-locked VMA removal is one atomic step
    /// that needs no reader, so no writer field is kept.
    var mmapReaders = BitField.empty
    /// The mmap lock is held for write (mprotect).
    var mmapWriter = BitField.empty
    var threads: [ThreadFields] = []
    /// `[thread]`: the thread's registers. Kept apart from ``ThreadFields``, which thereby
    /// holds plain values only: the step functions copy a thread's fields without reference
    /// counting.
    var registers: [[BitField]] = []
    /// `[thread]`: ``ThreadFields/op`` and ``ThreadFields/pc`` again, in flat arrays of plain
    /// values: the hot path reads them for every thread of every state, and reading them
    /// through ``threads`` may copy a whole ``ThreadFields`` (and retain its registers).
    var opFields: [BitField] = []
    var pcFields: [BitField] = []
    /// Sticky: some access went through a translation to a freed frame.
    var freedFrameAccess = BitField.empty
    /// Sticky: an allocation found no unused frame in the model's pool.
    var framePoolExhausted = BitField.empty
    /// Sticky: an mm operation returned while an IOTLB or ATC entry granted more than the PTE.
    var staleSecondary = BitField.empty
    /// `[instance][page]`: the range subscriber's mirror tables (dmirror's `pt`, KVM's sPTEs).
    var mirrorTable: [[BitField]] = []
    /// `[instance]`: the subscriber's lock is held (dmirror's mutex, KVM's `mmu_lock`).
    var mirrorLock: [BitField] = []
    /// Interval notifiers: `active_invalidate_ranges`, and per dmirror device whether its
    /// interval's sequence equals the odd `invalidate_seq` (its callback ran during the current
    /// invalidations: `read_begin` sleeps).
    var itreeActive = BitField.empty
    var intervalBusy: [BitField] = []
    /// KVM: `mmu_invalidate_in_progress`.
    var kvmInProgress = BitField.empty
    /// `mmu_notifier_release` ran: the subscriptions are unhashed and, unless the policy says
    /// otherwise, the IOMMU no longer translates for the devices.
    var released = BitField.empty
    /// Sticky: a callback that may sleep ran under the PTL.
    var sleepInAtomic = BitField.empty
    /// Sticky: a mirror entry was installed for a page while an invalidation of it was active.
    var installInWindow = BitField.empty
    /// Sticky: a `range_end` with no `range_start` to match (a subscriber's count went below 0).
    var unbalanced = BitField.empty
    /// Bits in use.
    var bitsUsed = 0
}
