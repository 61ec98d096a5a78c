/// One entry of a range subscriber's own table: dmirror's `pt` xarray (lib/test_hmm.c), whose
/// entries are page pointers tagged `DPT_XA_TAG_WRITE` (read-write), untagged (read-only) or
/// `DPT_XA_TAG_ATOMIC` (device-exclusive access), or a KVM sPTE (read-only or writable).
struct MirrorEntry: Hashable, Sendable {
    /// How the entry was tagged.
    enum Tag: UInt64, Sendable {
        case read = 0
        case write = 1
        /// `DPT_XA_TAG_ATOMIC`: mapped by `dmirror_atomic_map` after `make_device_exclusive`.
        case atomic = 2
    }

    /// The frame the entry points to (for a device-private page, its backing frame).
    var frame: Int
    var tag: Tag

    /// Whether `dmirror_do_write` may store through it (only a WRITE-tagged entry).
    var writable: Bool { tag == .write }

    /// Packs `valid | tag << 1 | frame << 3` into `3 + frameBits` bits; `nil` is 0.
    static func encode(_ entry: MirrorEntry?) -> UInt64 {
        guard let entry else { return 0 }
        return 1 | (entry.tag.rawValue << 1) | (UInt64(entry.frame) << 3)
    }

    /// Unpacks an entry written by ``encode(_:)``.
    static func decode(_ raw: UInt64) -> MirrorEntry? {
        guard raw & 1 != 0 else { return nil }
        return MirrorEntry(frame: Int(raw >> 3), tag: Tag(rawValue: (raw >> 1) & 3) ?? .read)
    }
}

extension MirrorEntry: CustomStringConvertible {
    var description: String {
        switch tag {
        case .read: return "ro -> frame \(frame)"
        case .write: return "rw -> frame \(frame)"
        case .atomic: return "atomic -> frame \(frame)"
        }
    }
}
