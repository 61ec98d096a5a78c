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
    /// The physical frame the entry points to (meaningful only when present).
    public var frame: Int

    /// The empty entry (`pte_none`).
    public static let none = PageTableEntry(present: false, write: false, dirty: false, frame: 0)

    public init(present: Bool, write: Bool, dirty: Bool, frame: Int) {
        self.present = present
        self.write = write
        self.dirty = dirty
        self.frame = frame
    }

    /// Packs the entry into `3 + frameBits` bits.
    func encoded() -> UInt64 {
        guard present else { return 0 }
        return 1 | (write ? 2 : 0) | (dirty ? 4 : 0) | (UInt64(frame) << 3)
    }

    /// Unpacks an entry written by ``encoded()``.
    init(encoded raw: UInt64) {
        present = raw & 1 != 0
        write = raw & 2 != 0
        dirty = raw & 4 != 0
        frame = Int(raw >> 3)
    }
}

extension PageTableEntry: CustomStringConvertible {
    public var description: String {
        guard present else { return "none" }
        return "\(write ? "rw" : "ro")\(write && !dirty ? " clean" : "") -> frame \(frame)"
    }
}
