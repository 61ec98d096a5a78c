import CAllocatorTuning

/// How the C allocator treats large blocks.
///
/// The fingerprint set grows by allocating a larger table and freeing the old one, one shard at
/// a time. glibc serves blocks above its mmap threshold with mappings of their own, but raises
/// that threshold each time such a block is freed, so later tables come from the heap and the
/// freed ones stay resident there (about 5 MB, a tenth of the peak, at N = 8 of the bench).
/// Fixing the threshold keeps every block of 64 KiB or more in a mapping of its own, given back
/// to the system when freed.
enum LargeBlocks {
    /// Serves blocks of 64 KiB and more from their own mappings (glibc; elsewhere nothing).
    static func giveBackWhenFreed() {
        _ = shootdown_map_large_blocks(64 * 1024)
    }
}
