/// One cached translation of a virtual page in a TLB: the CPU's TLB, an IOMMU's IOTLB or a
/// PCIe device's address-translation cache (ATC). It records the frame and the permission the
/// walker saw when it filled the entry; it changes only by invalidation or eviction.
public struct CachedTranslation: Hashable, Sendable {
    /// The frame the translation points to.
    public var frame: Int
    /// Whether the cached permission allows writes.
    public var writable: Bool

    public init(frame: Int, writable: Bool) {
        self.frame = frame
        self.writable = writable
    }

    /// Packs `valid | writable | frame` into `2 + frameBits` bits; `nil` is 0.
    static func encode(_ entry: CachedTranslation?) -> UInt64 {
        guard let entry else { return 0 }
        return 1 | (entry.writable ? 2 : 0) | (UInt64(entry.frame) << 2)
    }

    /// Unpacks an entry written by ``encode(_:)``.
    static func decode(_ raw: UInt64) -> CachedTranslation? {
        guard raw & 1 != 0 else { return nil }
        return CachedTranslation(frame: Int(raw >> 2), writable: raw & 2 != 0)
    }
}

extension CachedTranslation: CustomStringConvertible {
    public var description: String { "\(writable ? "rw" : "ro") -> frame \(frame)" }
}
