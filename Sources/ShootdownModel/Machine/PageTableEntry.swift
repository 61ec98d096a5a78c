/// A last-level page-table entry (PTE) of the CPU page table, as the model sees it.
///
/// The bits follow the generic kernel accessors: `pte_present`, `pte_write` (the logical write
/// permission), `pte_dirty`. The access ("young") bit is left to hardware and not modelled.
/// Whether the *hardware* may write through the entry is an architecture question
/// (``ArchitectureRules/hardwareWritable(_:)``): on arm64 a writable but clean PTE is still
/// hardware read-only (`PTE_RDONLY`) until a write fault makes it dirty.
public struct PageTableEntry: Hashable, Sendable {
    /// `pte_present`.
    public var present: Bool
    /// `pte_write`: the mapping may be written (possibly after a dirtying fault). For a
    /// migration, device-private or device-exclusive entry: the writable kind of entry.
    public var write: Bool
    /// `pte_dirty`.
    public var dirty: Bool
    /// The physical frame the entry points to: for a present entry the mapped frame, for a
    /// swap entry the frame that stands for its swap slot, for a migration entry the frame
    /// being migrated, for a device-private entry the frame that holds the device page's
    /// contents (test_hmm's backing page); 0 in `pte_none`.
    public var frame: Int
    /// What a non-present entry is.
    public var swap: SwapKind

    /// A non-present entry that is not `pte_none` (include/linux/swapops.h), or a PROT_NONE
    /// entry.
    public enum SwapKind: Sendable, Hashable {
        /// Present, or `pte_none`.
        case no
        /// A swap entry (`swp_entry_to_pte`): a fault reads the page back (`do_swap_page`).
        case swap
        /// A migration entry (`make_readable/writable_migration_entry`): a fault waits for the
        /// migration to finish (`migration_entry_wait`). ``write`` says which kind.
        case migration
        /// A PMD invalidated for a split (`pmdp_invalidate`): hardware walks fault, and a fault
        /// waits on the PMD lock until the split has mapped the PTEs.
        case splitting
        /// A PROT_NONE entry (`mprotect(PROT_NONE)`): the frame stays mapped but no hardware
        /// access goes through (`pte_protnone`); ``dirty`` is kept.
        case protNone
        /// A device-exclusive entry (`make_writable/readable_device_exclusive_entry`, mm/rmap.c):
        /// the page stays in RAM but only the device may access it; a CPU fault restores the
        /// PTE (`remove_device_exclusive_entry`).
        case deviceExclusive
        /// A device-private entry (`make_writable/readable_device_private_entry`): the page lives
        /// in the memory of the dmirror device `owner`; a CPU fault migrates it back
        /// (`migrate_to_ram`).
        case devicePrivate(owner: Int)

        /// Whether a fault on the entry sleeps until another thread replaces it.
        var makesFaultsWait: Bool { self == .migration || self == .splitting }

    }

    /// The empty entry (`pte_none`).
    public static let none = PageTableEntry(present: false, write: false, dirty: false, frame: 0)

    public init(present: Bool, write: Bool, dirty: Bool, frame: Int, swap: SwapKind = .no) {
        self.present = present
        self.write = write
        self.dirty = dirty
        self.frame = frame
        self.swap = present ? .no : swap
    }

    /// A swap or migration entry for `frame` (never the zero page, so it never encodes as none).
    static func nonPresent(_ kind: SwapKind, frame: Int, write: Bool = false, dirty: Bool = false) -> PageTableEntry {
        PageTableEntry(present: false, write: write, dirty: dirty, frame: frame, swap: kind)
    }

    /// `pte_none`.
    var isNone: Bool { !present && swap == .no }

    /// The device that owns the page, for a device-private entry.
    var devicePrivateOwner: Int? {
        if case let .devicePrivate(owner) = swap { return owner }
        return nil
    }

    /// Whether the entry still names the page's contents in a frame the CPU would see after a
    /// fault: present, PROT_NONE, device-exclusive or device-private.
    var holdsContents: Bool {
        present || swap == .protNone || swap == .deviceExclusive || devicePrivateOwner != nil
    }

    /// Packs the entry with the original encoding (no extended kinds): see ``PTECodec``.
    func encoded() -> UInt64 { PTECodec(kindBits: 0).encode(self) }

    /// Unpacks an entry written by ``encoded()``.
    init(encoded raw: UInt64) { self = PTECodec(kindBits: 0).decode(raw) }
}

/// Packs PTEs into `3 + kindBits + frameBits` bits. The low three bits are `present`, `write`
/// and `dirty` (for non-present entries bit 2 marks a migration entry, and the value 4 alone a
/// PMD being split); `kindBits` bits above them name an extended kind (0: none; 1: PROT_NONE;
/// 2: device-exclusive; 3 + n: device-private of device n); the frame comes last. A world
/// with no extended kinds uses `kindBits` 0, which is the original encoding.
struct PTECodec: Sendable {
    let kindBits: Int

    private var frameShift: UInt64 { UInt64(3 + kindBits) }
    private var kindMask: UInt64 { (1 << UInt64(kindBits)) - 1 }

    /// Bits needed for extended entries of `devices` dmirror devices.
    static func kindBits(devices: Int) -> Int { BitAllocator.bits(forMax: 2 + max(devices, 1)) }

    func encode(_ entry: PageTableEntry) -> UInt64 {
        let frame = UInt64(entry.frame) << frameShift
        let write: UInt64 = entry.write ? 2 : 0
        let dirty: UInt64 = entry.dirty ? 4 : 0
        if entry.present { return 1 | write | dirty | frame }
        switch entry.swap {
        case .no: return 0
        case .swap: return frame
        case .migration: return write | 4 | frame
        case .splitting: return 4  // a migration entry never has frame 0 and no write
        case .protNone: return write | dirty | (1 << 3) | frame
        case .deviceExclusive: return write | (2 << 3) | frame
        case let .devicePrivate(owner): return write | (UInt64(3 + owner) << 3) | frame
        }
    }

    func decode(_ raw: UInt64) -> PageTableEntry {
        let frame = Int(raw >> frameShift)
        let write = raw & 2 != 0
        if raw & 1 != 0 { return PageTableEntry(present: true, write: write, dirty: raw & 4 != 0, frame: frame) }
        let kind = kindBits == 0 ? 0 : (raw >> 3) & kindMask
        switch kind {
        case 0:
            if raw == 0 { return .none }
            let swap: PageTableEntry.SwapKind = raw == 4 ? .splitting : raw & 4 != 0 ? .migration : .swap
            return .nonPresent(swap, frame: frame, write: write)
        case 1: return .nonPresent(.protNone, frame: frame, write: write, dirty: raw & 4 != 0)
        case 2: return .nonPresent(.deviceExclusive, frame: frame, write: write)
        default: return .nonPresent(.devicePrivate(owner: Int(kind) - 3), frame: frame, write: write)
        }
    }
}

extension PageTableEntry: CustomStringConvertible {
    public var description: String {
        switch (present, swap) {
        case (false, .no): return "none"
        case (false, .swap): return "swap entry (slot of frame \(frame))"
        case (false, .migration): return "\(write ? "writable" : "readable") migration entry (frame \(frame))"
        case (false, .splitting): return "invalid (PMD being split)"
        case (false, .protNone): return "PROT_NONE -> frame \(frame)"
        case (false, .deviceExclusive): return "\(write ? "writable" : "readable") device-exclusive entry (frame \(frame))"
        case let (false, .devicePrivate(owner)):
            return "\(write ? "writable" : "readable") device-private entry (device \(owner), backing frame \(frame))"
        default: break
        }
        return "\(write ? "rw" : "ro")\(write && !dirty ? " clean" : "") -> frame \(frame)"
    }
}
