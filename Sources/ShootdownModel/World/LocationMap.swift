import ShootdownChecker

/// Numbers the shared locations of a world for footprints: which steps of different threads
/// can affect each other. Indices past the checker's 128 fold onto smaller ones, which only
/// makes more steps look dependent.
struct LocationMap: Sendable {
    let pages: Int
    let frames: Int
    let devices: Int
    let threads: Int
    let mirrors: Int

    /// The page-table lock.
    var ptl: Int { 0 }
    /// The mmap lock (readers count).
    var mmap: Int { 1 }
    /// The sticky violation flags the built-in invariants read.
    var flags: Int { 2 }
    /// A page's PTE and VMA.
    func pte(_ page: Int) -> Int { 3 + page }
    /// Where the PTEs, frames and IOTLB entries start, for sets built from bit masks.
    var pteBase: Int { 3 }
    var dataBase: Int { 3 + pages }
    var iotlbBase: Int { 3 + pages + frames }
    /// A frame's state and contents.
    func data(_ frame: Int) -> Int { 3 + pages + frame }
    /// A page's IOTLB entry.
    func iotlb(_ page: Int) -> Int { 3 + pages + frames + page }
    /// The CPU TLB entries of a page, on every CPU.
    func cpuTLB(_ page: Int) -> Int { 3 + 2 * pages + frames + page }
    /// A device's ATC.
    func atc(_ device: Int) -> Int { 3 + 3 * pages + frames + device }
    /// A device's page-request channel: its waiting flag and its IOPF worker's request.
    func request(_ device: Int) -> Int { 3 + 3 * pages + frames + devices + device }
    /// A thread's own progress and registers, written only by that thread (and by its worker
    /// for a device); used only to decide which steps a property can see.
    func local(_ thread: Int) -> Int { 3 + 3 * pages + frames + 2 * devices + thread }
    /// A range subscriber's mirror table, its lock, and the sequence snapshots of the threads
    /// using it.
    func mirror(_ instance: Int) -> Int { local(threads) + instance }
    /// The notifier core's invalidation state: the interval tree's active count and odd
    /// sequence, KVM's `mmu_invalidate_in_progress`.
    var notifierCore: Int { mirror(mirrors) }
}

extension LocationSet {
    /// Inserts several locations.
    mutating func insert(_ indices: some Sequence<Int>) {
        for index in indices { insert(index) }
    }
}
