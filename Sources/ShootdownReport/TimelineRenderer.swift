import ShootdownModel

/// Prints an execution in the style of the `[Time N]` tables of the kernel's
/// `Documentation/mm/mmu_notifier.rst`: a block per step with one line per thread, `{}` for
/// the threads that did not move. The compact form prints one line per step.
public struct TimelineRenderer: Sendable {
    public var compact: Bool
    public var width: Int

    public init(compact: Bool = false, width: Int = 78) {
        self.compact = compact
        self.width = width
    }

    /// Renders `entries`; when `loopStart` is set, the entries from that index on repeat
    /// forever and are marked as the loop.
    public func render(_ entries: [TimelineEntry], threads: [String], lanes: [Int]? = nil, loopStart: Int? = nil) -> String {
        let lanes = lanes ?? Array(threads.indices)
        let nameWidth = (lanes.map { threads[$0].count }.max() ?? 4) + 2
        var lines: [String] = []
        for (index, entry) in entries.enumerated() {
            if index == loopStart {
                lines.append(banner(" loop: the following steps repeat forever "))
            }
            let time = "[Time \(index + 1)]"
            if compact {
                lines.append("\(time.padded(to: 11)) \(threads[entry.thread].padded(to: nameWidth)){\(entry.text)}")
                continue
            }
            lines.append(" " + time + " " + String(repeating: "-", count: max(4, width - time.count - 2)))
            for thread in lanes {
                let text = thread == entry.thread ? entry.text : ""
                lines.append(" " + threads[thread].padded(to: nameWidth) + "{\(text)}")
            }
        }
        if let loopStart, loopStart < entries.count {
            lines.append(banner(" end of loop: back to [Time \(loopStart + 1)] "))
        }
        return lines.joined(separator: "\n")
    }

    private func banner(_ title: String) -> String {
        let side = max(2, (width - title.count) / 2)
        return " " + String(repeating: "=", count: side) + title + String(repeating: "=", count: side)
    }
}
