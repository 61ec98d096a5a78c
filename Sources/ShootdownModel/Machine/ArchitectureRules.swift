/// The CPU architectures the model knows.
public enum Architecture: String, Sendable, CaseIterable {
    case arm64
    case x86

    /// The TLB rules of this architecture.
    public var rules: ArchitectureRules {
        switch self {
        case .arm64:
            // arch/arm64/mm/fault.c:__ptep_set_access_flags — the TLB may cache a read-only
            // permission, so a permission upgrade must be followed by flush_tlb_page.
            return ArchitectureRules(cachesReadOnlyPermission: true, flushesOnUpgrade: true,
                                     hardwareSetsDirty: false)
        case .x86:
            // arch/x86/mm/pgtable.c:ptep_set_access_flags — no flush: a #PF discards the
            // faulting translation, and the walker sets the dirty bit itself.
            return ArchitectureRules(cachesReadOnlyPermission: false, flushesOnUpgrade: false,
                                     hardwareSetsDirty: true)
        }
    }
}

/// How an architecture's TLBs and page-table walkers treat permissions.
public struct ArchitectureRules: Sendable, Equatable {
    /// A TLB entry that lacks write permission survives a permission fault (arm64), instead of
    /// being discarded by the fault (x86).
    public let cachesReadOnlyPermission: Bool
    /// `ptep_set_access_flags` invalidates the TLB when it makes an entry dirty/writable.
    public let flushesOnUpgrade: Bool
    /// The walker writes through a writable clean PTE and sets its dirty bit (x86), instead of
    /// treating it as read-only (arm64 without hardware dirty-bit management).
    public let hardwareSetsDirty: Bool

    /// Whether a hardware walker (CPU or IOMMU following the same rules) may write through
    /// `pte`: arm64 needs `write && dirty` (no `PTE_RDONLY`), x86 needs `write`.
    public func hardwareWritable(_ pte: PageTableEntry) -> Bool {
        pte.present && pte.write && (pte.dirty || hardwareSetsDirty)
    }
}
