/// The ioctls of the kernel's HMM test device (`HMM_DMIRROR_*`, lib/test_hmm.c), as operations
/// of a `MIR…` thread on one page each. A multi-page ioctl of the selftests is replayed page by
/// page.
public enum DmirrorCommand: Sendable, Hashable {
    /// `HMM_DMIRROR_READ` (`dmirror_read`): copy the page through the mirror table, faulting it
    /// in with `hmm_range_fault` when the entry is missing. Gives the value, or an error.
    case read
    /// `HMM_DMIRROR_WRITE` (`dmirror_write`): store `value` through a WRITE-tagged entry,
    /// faulting for write when there is none. Gives 0 or an error.
    case write(value: Int)
    /// `HMM_DMIRROR_MIGRATE_TO_DEV` (`dmirror_migrate_to_device`): `migrate_vma` the page into
    /// the device's private memory, then read it back. Gives the value read back, or an error
    /// (`-EINVAL` for a missing or unreadable VMA, `-ENOENT` when the device holds no entry).
    case migrateToDevice
    /// `HMM_DMIRROR_MIGRATE_TO_SYS` (`dmirror_migrate_to_system`): migrate the device's page
    /// back to system memory. Gives 0 or `-EINVAL`.
    case migrateToSystem
    /// `HMM_DMIRROR_SNAPSHOT` (`dmirror_snapshot`): `hmm_range_fault` without faulting, through
    /// a temporary interval notifier. Gives the permission byte (``SnapshotByte``).
    case snapshot
    /// `HMM_DMIRROR_EXCLUSIVE` (`dmirror_exclusive`): `make_device_exclusive`, map the page
    /// with the ATOMIC tag, read it back. Gives the value read back, or an error.
    case exclusive
    /// `HMM_DMIRROR_CHECK_EXCLUSIVE` (`dmirror_check_atomic`): `-EPERM` while the device still
    /// holds an ATOMIC entry, else 0.
    case checkExclusive
    /// `HMM_DMIRROR_RELEASE` (`dmirror_device_remove_chunks`) as it concerns one page: evict it
    /// from the device's memory if it is there (`migrate_device_range`). Gives 0.
    case release

    /// The ioctl's name in the scenario language.
    /// Whether it is `READ` or `WRITE`, which copy through the mirror table and fault it in.
    var copiesThroughMirror: Bool {
        switch self {
        case .read, .write: return true
        default: return false
        }
    }

    public var name: String {
        switch self {
        case .read: return "READ"
        case .write: return "WRITE"
        case .migrateToDevice: return "MIGRATE_TO_DEV"
        case .migrateToSystem: return "MIGRATE_TO_SYS"
        case .snapshot: return "SNAPSHOT"
        case .exclusive: return "EXCLUSIVE"
        case .checkExclusive: return "CHECK_EXCLUSIVE"
        case .release: return "RELEASE"
        }
    }

    /// Every command name.
    public static let names = ["READ", "WRITE", "MIGRATE_TO_DEV", "MIGRATE_TO_SYS", "SNAPSHOT", "EXCLUSIVE",
                               "CHECK_EXCLUSIVE", "RELEASE"]

    /// Whether the command's faults are write faults (`HMM_PFN_REQ_WRITE`, GUP's `FOLL_WRITE`).
    public var writes: Bool {
        switch self {
        case .write, .exclusive: return true
        default: return false
        }
    }

    /// Whether it is `WRITE`.
    public var isWrite: Bool {
        if case .write = self { return true } else { return false }
    }

    /// How the command is spelled on page `page`.
    public func spelled(page: String) -> String {
        switch self {
        case let .write(value): return "WRITE(\(page), \(value))"
        case .release: return "RELEASE()"
        default: return "\(name)(\(page))"
        }
    }

    /// The kind of command, for indexing its program (`write` of every value shares one).
    var programIndex: Int {
        switch self {
        case .read: return 0
        case .write: return 1
        case .migrateToDevice: return 2
        case .migrateToSystem: return 3
        case .snapshot: return 4
        case .exclusive: return 5
        case .checkExclusive: return 6
        case .release: return 7
        }
    }

    /// One command of each kind, in ``programIndex`` order.
    static let kinds: [DmirrorCommand] = [.read, .write(value: 0), .migrateToDevice, .migrateToSystem, .snapshot, .exclusive,
                                          .checkExclusive, .release]
}

/// The error codes dmirror commands return, as the selftests see them (`-errno`).
public enum DmirrorError: Int, CaseIterable, Sendable {
    case eperm = 1
    case enoent = 2
    case efault = 14
    case ebusy = 16
    case einval = 22

    /// `-EPERM` and so on.
    public var name: String {
        switch self {
        case .eperm: return "-EPERM"
        case .enoent: return "-ENOENT"
        case .efault: return "-EFAULT"
        case .ebusy: return "-EBUSY"
        case .einval: return "-EINVAL"
        }
    }

    /// The value a register holds: the negative errno.
    public var value: Int { -rawValue }

    /// The error a register value stands for.
    public init?(value: Int) {
        guard value < 0, let error = DmirrorError(rawValue: -value) else { return nil }
        self = error
    }
}

/// The bytes `HMM_DMIRROR_SNAPSHOT` reports per page (lib/test_hmm_uapi.h
/// `HMM_DMIRROR_PROT_*`), by the names the scenario language gives them.
public enum SnapshotByte {
    public static let constants: [(name: String, value: Int)] = [
        ("ERROR", 0xFF), ("NONE", 0x00), ("READ", 0x01), ("WRITE", 0x02), ("PMD", 0x04), ("PUD", 0x08),
        ("ZERO", 0x10), ("DEV_PRIVATE_LOCAL", 0x20), ("DEV_PRIVATE_REMOTE", 0x30),
    ]

    /// The value of a name, if it is one.
    public static func value(of name: String) -> Int? {
        constants.first { $0.name == name }?.value
    }

    static let error = 0xFF
    static let none = 0x00
    static let read = 0x01
    static let write = 0x02
    static let zero = 0x10
    static let devicePrivateLocal = 0x20
    static let pmd = 0x04
    static let pud = 0x08

    /// The bit of a huge entry's map order.
    static func order(_ level: HugeMappingLevel) -> Int {
        switch level {
        case .pmd: return pmd
        case .pud: return pud
        }
    }

    /// A byte as `NAME|NAME`, for timelines.
    public static func describe(_ byte: Int) -> String {
        if byte == error { return "ERROR" }
        if byte == none { return "NONE" }
        var parts: [String] = []
        let kind = byte & 0xF0
        if kind == 0x30 { parts.append("DEV_PRIVATE_REMOTE") } else if kind == 0x20 { parts.append("DEV_PRIVATE_LOCAL") } else if kind == 0x10 { parts.append("ZERO") }
        if byte & 0x02 != 0 { parts.append("WRITE") } else if byte & 0x01 != 0 { parts.append("READ") }
        if byte & pmd != 0 { parts.append("PMD") }
        if byte & pud != 0 { parts.append("PUD") }
        return parts.isEmpty ? String(byte) : parts.joined(separator: "|")
    }
}
