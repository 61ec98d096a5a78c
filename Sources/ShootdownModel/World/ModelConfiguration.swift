/// Everything needed to build a ``World``: the machine, the kernel policy, the IOMMU, the
/// initial memory and the threads. The scenario language lowers a `.litmus` file into this.
public struct ModelConfiguration: Sendable {
    /// The CPU architecture, which decides the TLB rules.
    public var architecture: Architecture
    /// The kernel version or patch whose step programs run.
    public var policy: KernelPolicy
    /// The IOMMU the devices are bound to.
    public var iommu: IOMMUConfiguration
    /// Entries each TLB (CPU TLB, IOTLB, ATC) can hold; `nil` means unbounded, so entries leave
    /// only by invalidation. With a capacity a fill into a full TLB evicts one entry, and every
    /// choice of victim is explored.
    public var tlbCapacity: Int?
    /// The virtual pages of the single address space, in declaration order.
    public var pages: [PageDeclaration]
    /// Translations cached before the scenario starts.
    public var prefilled: [PrefilledTranslation]
    /// CPU and device threads, in column order.
    public var threads: [ThreadDeclaration]
    /// The scenario's own mm operations, which ``Operation/path(index:page:)`` runs.
    public var paths: [KernelPath]
    /// What a user access does when its translation faults.
    public var faults: FaultHandling
    /// The range subscriber `MIR…` / `VCPU…` threads access memory through, if any.
    public var mirror: MirrorConfiguration?
    /// Which states the checker may store as one (symmetric devices, merged registers).
    public var canonicalForm = CanonicalForm()
    /// Fuse the IOMMU walker's speculative fills into the steps they affect (a reduction that
    /// keeps every verdict of invariants and final conditions; see ``World``'s fused fills).
    /// Off by default: the checker's caller turns it on with partial-order reduction when no
    /// liveness property is checked.
    public var fusedSpeculativeFills = false

    public init(architecture: Architecture, policy: KernelPolicy, iommu: IOMMUConfiguration,
                tlbCapacity: Int? = nil, pages: [PageDeclaration], prefilled: [PrefilledTranslation] = [],
                threads: [ThreadDeclaration], paths: [KernelPath] = [], faults: FaultHandling = .handle,
                mirror: MirrorConfiguration? = nil) {
        self.architecture = architecture
        self.policy = policy
        self.iommu = iommu
        self.tlbCapacity = tlbCapacity
        self.pages = pages
        self.prefilled = prefilled
        self.threads = threads
        self.paths = paths
        self.faults = faults
        self.mirror = mirror
    }
}

/// What happens to a CPU load or store, or a device DMA, whose translation faults.
public enum FaultHandling: String, CaseIterable, Sendable {
    /// The kernel handles it: a CPU enters `handle_mm_fault`, a device raises a page request
    /// for its IOPF worker (the default, and what the kernel does).
    case handle
    /// An abstraction: the access waits, disabled, until its translation would succeed. It stands
    /// for a fault handler that only waits for a concurrent update (a COW break holding the
    /// PTL) and then finds the new PTE, as `cow_order.pml` models it. An access that nothing
    /// else will let through waits for ever, which shows as a deadlock.
    case wait
}

/// One virtual page: its VMA and its initial PTE and contents.
public struct PageDeclaration: Sendable, Equatable {
    /// How the page starts out in the page table.
    public enum Mapping: Sendable, Equatable {
        /// `pte_none`: the first touch faults (`do_anonymous_page`).
        case none
        /// Present, pointing at a private frame holding the page's value.
        case present(write: Bool, dirty: Bool)
        /// Present and read-only, pointing at the shared zero page.
        case zeroPage
    }

    /// The name used in the scenario (`x`, `y`, …).
    public var name: String
    /// The VMA allows writes (`VM_WRITE`).
    public var vmaWritable: Bool
    /// The VMA allows no access at all (`PROT_NONE`: neither `VM_READ` nor `VM_WRITE`); a
    /// present page's PTE is then a PROT_NONE entry.
    public var protNone: Bool
    /// No VMA covers the page (a hole, as after `munmap`); its PTE is none.
    public var unmapped: Bool
    /// The initial PTE.
    public var mapping: Mapping
    /// The frame is shared copy-on-write with another address space (e.g. after `fork`), so a
    /// write fault copies it (`wp_page_copy`) instead of reusing it (`wp_page_reuse`).
    public var cowShared: Bool
    /// The initial contents of the page's frame.
    public var value: Int
    /// What the page's VMA maps: anonymous memory (the default), a private file mapping, or
    /// the dmirror device's own mapping.
    public var backing: Backing = .anonymous
    /// The page belongs to an arm64 contiguous hugetlb mapping (`PTE_CONT`): consecutive pages
    /// declared `contig` form one, whose entries `huge_ptep_set_access_flags` breaks and remakes
    /// together.
    public var contiguous = false
    /// The page belongs to a huge mapping (``HugeMapping``): consecutive pages declared with the
    /// same one are mapped by one PMD (or PUD) entry.
    public var huge: HugeMapping?

    public init(name: String, vmaWritable: Bool = true, mapping: Mapping, cowShared: Bool = false, value: Int = 0,
                protNone: Bool = false, unmapped: Bool = false) {
        self.name = name
        self.vmaWritable = vmaWritable
        self.protNone = protNone
        self.unmapped = unmapped
        self.mapping = mapping
        self.cowShared = cowShared
        self.value = value
    }
}

extension PageDeclaration {
    /// What backs a page's VMA (`vma_is_anonymous` holds only for ``anonymous``).
    public enum Backing: Sendable, Equatable {
        /// `MAP_PRIVATE | MAP_ANONYMOUS`.
        case anonymous
        /// `MAP_PRIVATE` of a file: the page cache holds a page with ``PageDeclaration/value``,
        /// which the page cache keeps (this process never frees it). A read fault on a none PTE
        /// maps it read-only (`do_read_fault`); a write fault copies it into a new anonymous
        /// page (`do_cow_fault`), as a write to it mapped does (`wp_page_copy`).
        case privateFile
        /// `MAP_PRIVATE` of the dmirror device file: `dmirror_fops_mmap` (lib/test_hmm.c) put a
        /// zeroed kernel page in with `vm_insert_page`, which maps it with the VMA's
        /// `vm_page_prot`: read-only in a private mapping until a write copies it
        /// (mm/memory.c:`insert_page`). Only reads and SNAPSHOT are modelled on such a page.
        case dmirrorMixedMap
    }
}

/// A translation already cached when the scenario starts.
public struct PrefilledTranslation: Sendable, Equatable {
    /// Which cache holds it.
    public enum Cache: Sendable, Equatable {
        /// The TLB of the CPU thread with this index in ``ModelConfiguration/threads``.
        case cpuTLB(thread: Int)
        /// The IOMMU's TLB (one ASID shared by every bound device).
        case iotlb
        /// The ATC of the device thread with this index in ``ModelConfiguration/threads``.
        case atc(thread: Int)
    }

    public var cache: Cache
    /// Index into ``ModelConfiguration/pages``.
    public var page: Int
    /// The cached permission. The frame is the page's initial frame.
    public var writable: Bool

    public init(cache: Cache, page: Int, writable: Bool) {
        self.cache = cache
        self.page = page
        self.writable = writable
    }
}

/// A CPU or device thread and its program of user-level operations.
public struct ThreadDeclaration: Sendable, Equatable {
    /// Who runs the operations.
    public enum Kind: Sendable, Equatable {
        /// A CPU running user code; faults run the kernel on this CPU.
        case cpu
        /// A device doing DMA through the IOMMU; faults become page requests served by a
        /// kernel worker (IOPF).
        case device
        /// A device (or vCPU) accessing memory through the scenario's range subscriber
        /// (``ModelConfiguration/mirror``); it runs the subscriber's fault path itself.
        case mirror
    }

    public var name: String
    public var kind: Kind
    public var operations: [Operation]
    /// Whether the thread calls syscalls only a CPU can run.
    var usesSyscalls: Bool {
        operations.contains { operation in
            switch operation {
            case .munmap, .populateWrite, .gupTest, .path, .kernel: return true
            case .read, .write, .dmirror, .rendezvous: return false
            }
        }
    }

    /// Register names, indexed by ``Operation`` register numbers.
    public var registers: [String]
    /// `[operation index]`: the register in which that `READ` or `WRITE` records its
    /// `cmd->faults` count (the scenario's `RESULT.faults`), for those the scenario reads.
    public var faultCounters: [Int: Int]

    public init(name: String, kind: Kind, operations: [Operation], registers: [String], faultCounters: [Int: Int] = [:]) {
        self.name = name
        self.kind = kind
        self.operations = operations
        self.registers = registers
        self.faultCounters = faultCounters
    }
}

/// A user-level operation of a thread.
public enum Operation: Sendable, Equatable {
    /// Load the page's value into a register (a fault that cannot be served stores ``World/faultValue``).
    case read(page: Int, register: Int)
    /// Store a value to the page.
    case write(page: Int, value: Int)
    /// `munmap` the page's VMA (CPU threads only).
    case munmap(page: Int)
    /// `madvise(MADV_POPULATE_WRITE)` on the page (CPU threads only): GUP write-faults it in
    /// (`faultin_page` → `handle_mm_fault` with `FAULT_FLAG_WRITE`) without storing, so a COW
    /// page is copied and a clean one made dirty (mm/madvise.c:madvise_populate).
    case populateWrite(page: Int)
    /// A `gup_test` ioctl with `FOLL_WRITE` on the page (CPU threads only): GUP write-faults
    /// it in as ``populateWrite(page:)`` does, then drops its reference or pin (``GUPTest``).
    case gupTest(GUPTest, page: Int)
    /// The scenario's own path ``ModelConfiguration/paths``[`index`] on the page (CPU threads
    /// only): runs in the kernel on the thread's CPU, without a fault.
    case path(index: Int, page: Int)
    /// A built-in mm operation on the page (CPU threads only): mprotect, reclaim, migration,
    /// KSM merging, writeback's mkclean. `target` is the second page of an operation that has
    /// one: the new address `mremap` moves the page to.
    case kernel(KernelOperation, page: Int, target: Int? = nil)
    /// A dmirror ioctl on the page (`MIR…` threads of an HMM mirror only); its result goes to
    /// register `result`, when there is one.
    case dmirror(DmirrorCommand, page: Int, result: Int?)
    /// Wait until every thread that has at least as many rendezvous as this one has reached
    /// its rendezvous of the same rank (CPU and mirror threads): sequences the phases of a
    /// test across threads. It is no memory barrier; the model's memory is sequentially
    /// consistent.
    case rendezvous

    /// The page the operation touches (0 for a rendezvous, which touches none).
    public var page: Int {
        switch self {
        case let .read(page, _), let .write(page, _), let .munmap(page), let .populateWrite(page), let .gupTest(_, page), let .path(_, page),
             let .kernel(_, page, _), let .dmirror(_, page, _):
            return page
        case .rendezvous:
            return 0
        }
    }

    /// Whether the operation touches a page (every one but a rendezvous).
    var touchesPage: Bool { self != .rendezvous }

    /// Whether the operation is GUP's write-fault-in loop (`madvise(MADV_POPULATE_WRITE)` or a
    /// `gup_test` ioctl).
    var faultsInForWrite: Bool {
        switch self {
        case .populateWrite, .gupTest: return true
        default: return false
        }
    }

    /// The dmirror command, if it is one.
    public var dmirrorCommand: DmirrorCommand? {
        if case let .dmirror(command, _, _) = self { return command } else { return nil }
    }

    /// The built-in mm operation, if it is one.
    var kernelOperation: KernelOperation? {
        if case let .kernel(kind, _, _) = self { return kind } else { return nil }
    }

    /// The page `mremap` moves the operation's page to, if the operation is one.
    public var moveTarget: Int? {
        if case let .kernel(_, _, target) = self { return target } else { return nil }
    }

    /// Whether the operation takes the mmap lock in a way faults must wait for.
    var takesMmapLock: Bool {
        switch self {
        case .munmap: return true
        case let .kernel(kind, _, _): return kind.takesMmapWriteLock
        default: return false
        }
    }
}

extension ModelConfiguration {
    /// Whether the ``World/staleSecondaryInvariant`` is checked when the operation returns: the
    /// built-in mm operations that change a PTE on their own (munmap and ``KernelOperation``),
    /// and the paths written `checked` (``KernelPath/checkedOnReturn``).
    func checksOnReturn(_ operation: Operation) -> Bool {
        switch operation {
        case .munmap, .kernel: return true
        case let .path(index, _): return paths.indices.contains(index) && paths[index].checkedOnReturn
        default: return false
        }
    }
}
