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
    /// `pte_write`: the mapping may be written (possibly after a dirtying fault).
    public var write: Bool
    /// `pte_dirty`.
    public var dirty: Bool
    /// The physical frame the entry points to: for a present entry the mapped frame, for a
    /// swap entry the frame that stands for its swap slot, for a migration entry the frame
    /// being migrated; 0 in `pte_none`.
    public var frame: Int
    /// What a non-present entry is.
    public var swap: SwapKind

    /// A non-present entry that is not `pte_none` (include/linux/swapops.h).
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
    static func nonPresent(_ kind: SwapKind, frame: Int, write: Bool = false) -> PageTableEntry {
        PageTableEntry(present: false, write: write, dirty: false, frame: frame, swap: kind)
    }

    /// `pte_none`.
    var isNone: Bool { !present && swap == .no }

    /// Packs the entry into `3 + frameBits` bits: present entries as `1 | write<<1 | dirty<<2 |
    /// frame<<3`, swap-like entries as `write<<1 | migration<<2 | frame<<3` with frame ≠ 0.
    func encoded() -> UInt64 {
        if present { return 1 | (write ? 2 : 0) | (dirty ? 4 : 0) | (UInt64(frame) << 3) }
        switch swap {
        case .no: return 0
        case .swap: return UInt64(frame) << 3
        case .migration: return (write ? 2 : 0) | 4 | (UInt64(frame) << 3)
        case .splitting: return 4  // a migration entry never has frame 0 and no write
        }
    }

    /// Unpacks an entry written by ``encoded()``.
    init(encoded raw: UInt64) {
        present = raw & 1 != 0
        frame = Int(raw >> 3)
        write = raw & 2 != 0
        if present || raw == 0 {
            dirty = raw & 4 != 0
            swap = .no
        } else {
            dirty = false
            swap = raw == 4 ? .splitting : raw & 4 != 0 ? .migration : .swap
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
        default: break
        }
        return "\(write ? "rw" : "ro")\(write && !dirty ? " clean" : "") -> frame \(frame)"
    }
}
