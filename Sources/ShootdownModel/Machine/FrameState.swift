/// The life of a physical frame in the model.
///
/// A frame that was freed is never handed out again: the model keeps it poisoned so that any
/// later access through a stale translation is seen (`no-freed-frame-access`). Real kernels
/// reuse the frame, which only makes such an access worse.
public enum FrameState: UInt64, Sendable {
    /// Not yet handed out by the page allocator.
    case unused = 0
    /// Holds data; mapped or referenced.
    case allocated = 1
    /// Its last reference was dropped (`folio_put` / `free_pages_and_swap_cache`).
    case freed = 2
}
