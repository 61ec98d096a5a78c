/// The pages each device's remaining accesses touch, from each point of its program, in one
/// flat table of plain values: whether an IOTLB entry is still of use is asked many times per
/// state.
struct DevicePageTable: Sendable {
    /// One device thread: where its operation index lives and where its masks start.
    struct Device: Sendable {
        var thread: Int
        var op: BitField
        var base: Int
        /// The index of its last mask (the one past its last operation: no page).
        var last: Int
    }

    var devices: [Device] = []
    /// Per device, per operation index (and one past the end), the pages of that operation and
    /// the ones after it (a bit each).
    var masks: [UInt64] = []

    /// The table of `remainingPages` for the device threads `deviceThreads`.
    init(remainingPages: [[UInt64]], deviceThreads: [Int], layout: StateLayout) {
        for thread in deviceThreads {
            let rows = remainingPages[thread]
            devices.append(Device(thread: thread, op: layout.opFields[thread], base: masks.count, last: rows.count - 1))
            masks += rows
        }
    }

    init() {}

    /// The pages some device will still access; with `advancing`, as if that device thread had
    /// already moved past its current access.
    @inline(__always)
    func pagesInUse(in state: WorldState, advancing: Int?) -> UInt64 {
        var mask: UInt64 = 0
        for device in devices {
            let index = Int(state.get(device.op)) + (device.thread == advancing ? 1 : 0)
            mask |= masks[device.base + min(index, device.last)]
        }
        return mask
    }
}
