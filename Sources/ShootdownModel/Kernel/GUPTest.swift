/// One ioctl of the `gup_test` debugfs file (mm/gup_test.c:`__gup_test_ioctl`) on one page:
/// it takes a reference or a pin on the page with `get_user_pages*` / `pin_user_pages*`, then
/// drops it again (`put_back_pages`) before returning, so no reference outlives the call.
///
/// Only `FOLL_WRITE` requests are modelled (the HMM selftest passes it to every command): GUP
/// looks the PTE up (`follow_page_pte`) and accepts it when it is present and writable;
/// otherwise `faultin_page` runs `handle_mm_fault` with `FAULT_FLAG_WRITE` (which brings a
/// device-private page back with `migrate_to_ram`, copies a shared page, …) and GUP looks again
/// (mm/gup.c:`__get_user_pages`). The fast variants first try the lockless walk
/// (mm/gup.c:`gup_fast_pte_range`), which takes only a present PTE and otherwise falls back to
/// the same slow path; the model merges the two, since the lockless walk changes nothing.
///
/// `FOLL_LONGTERM` pins then run `check_and_migrate_movable_pages` (mm/gup.c): a page that
/// cannot be pinned for long (`ZONE_MOVABLE`, CMA, device-coherent memory) would be migrated
/// first. The model's system pages are taken to be pinnable, which holds for a page allocated
/// outside CMA on a machine without a movable zone; a scenario that wants the other case can
/// write the migration (`migrate(x)`) after the call.
public struct GUPTest: Sendable, Equatable, Hashable {
    /// The `gup_test` commands (mm/gup_test.h).
    public enum Command: String, Sendable, CaseIterable, Hashable {
        case gupBasicTest = "GUP_BASIC_TEST"
        case gupFastBenchmark = "GUP_FAST_BENCHMARK"
        case pinBasicTest = "PIN_BASIC_TEST"
        case pinFastBenchmark = "PIN_FAST_BENCHMARK"
        case pinLongtermBenchmark = "PIN_LONGTERM_BENCHMARK"

        /// The GUP entry point the command calls (mm/gup_test.c:`__gup_test_ioctl`).
        public var function: String {
            switch self {
            case .gupBasicTest: return "get_user_pages"
            case .gupFastBenchmark: return "get_user_pages_fast"
            case .pinBasicTest, .pinLongtermBenchmark: return "pin_user_pages"
            case .pinFastBenchmark: return "pin_user_pages_fast"
            }
        }

        /// Whether the command pins (`FOLL_PIN`) rather than takes a reference (`FOLL_GET`).
        public var pins: Bool { self != .gupBasicTest && self != .gupFastBenchmark }

        /// Whether the command tries the lockless walk first.
        public var fast: Bool { self == .gupFastBenchmark || self == .pinFastBenchmark }
    }

    public var command: Command
    /// `FOLL_LONGTERM` was passed in the flags (PIN_LONGTERM_BENCHMARK adds it itself).
    public var longtermFlag: Bool
    /// The register that receives the ioctl's return: 0, or `-EFAULT` when no VMA allows the
    /// write (`check_vma_flags`).
    public var result: Int?

    public init(command: Command, longtermFlag: Bool = false, result: Int? = nil) {
        self.command = command
        self.longtermFlag = longtermFlag
        self.result = result
    }

    /// Whether the pin is long-term.
    public var longterm: Bool { longtermFlag || command == .pinLongtermBenchmark }

    /// How a scenario writes it: `gup_test(x, PIN_FAST_BENCHMARK, FOLL_WRITE, FOLL_LONGTERM)`.
    public func spelled(page: String) -> String {
        "gup_test(\(page), \(command.rawValue), FOLL_WRITE\(longtermFlag ? ", FOLL_LONGTERM" : ""))"
    }
}
