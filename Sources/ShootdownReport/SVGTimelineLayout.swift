/// Where everything of a sequence diagram goes: one column per lane, one row per step, each
/// row as tall as its wrapped text.
struct SVGTimelineLayout {
    /// A line of text inside a step's box.
    struct Line {
        enum Kind {
            /// `function: call`, or what a user access did.
            case label
            /// What a kernel step did.
            case summary
            /// An effect, e.g. `IOTLB[a] invalidated`.
            case effect
        }

        var text: String
        var kind: Kind
    }

    /// One step's box.
    struct Row {
        var step: TraceReport.Step
        /// The lane's column.
        var column: Int
        var top: Int
        var height: Int
        var lines: [Line]
    }

    // Fonts are monospaced, so a line's width is its character count times the advance.
    static let labelFont = 11
    static let labelAdvance = 6.8
    static let labelLineHeight = 13
    static let effectFont = 10
    static let effectAdvance = 6.2
    static let effectLineHeight = 12
    /// Left margin holding the step numbers and the loop bracket.
    static let gutter = 60
    static let headerHeight = 44
    static let bannerHeight = 24
    static let rowGap = 5
    /// Space on the lane's left for the PTL bar, and on its right before the next lane.
    static let boxLeftInset = 18
    static let boxRightInset = 6
    static let textInset = 6
    static let boxPadding = 4

    /// Each column's width: lanes with longer text get more room.
    let laneWidths: [Int]
    /// Each column's left edge.
    private let laneLefts: [Int]
    /// The column of each thread that has a lane.
    let columnOfThread: [Int: Int]
    private(set) var rows: [Row] = []
    /// The top of the banner before the loop, when the execution ends in one.
    private(set) var loopBannerTop: Int?
    /// The top of the banner after the loop.
    private(set) var loopEndTop: Int?
    /// The bottom of the last row (or banner).
    private(set) var bodyBottom: Int

    /// Lays out `trace` for a drawing about `targetWidth` pixels wide.
    init(_ trace: TraceReport, targetWidth: Int = 1320) {
        var columns: [Int: Int] = [:]
        for (column, lane) in trace.lanes.enumerated() { columns[lane.thread] = column }
        columnOfThread = columns
        laneWidths = Self.widths(of: trace, columns: columns, available: targetWidth - Self.gutter)
        var lefts: [Int] = []
        var left = Self.gutter
        for width in laneWidths {
            lefts.append(left)
            left += width
        }
        laneLefts = lefts
        let boxText = laneWidths.map { $0 - Self.boxLeftInset - Self.boxRightInset - 2 * Self.textInset }
        var y = Self.headerHeight + 8
        for step in trace.steps {
            if step.time - 1 == trace.loopStart {
                loopBannerTop = y
                y += Self.bannerHeight
            }
            let room = Double(boxText[columns[step.thread] ?? 0])
            let lines = Self.lines(of: step, labelChars: Int(room / Self.labelAdvance),
                                   effectChars: Int(room / Self.effectAdvance))
            let textHeight = lines.reduce(0) { $0 + ($1.kind == .effect ? Self.effectLineHeight : Self.labelLineHeight) }
            // Two more pixels below, for descenders.
            let height = textHeight + 2 * Self.boxPadding + 2
            rows.append(Row(step: step, column: columns[step.thread] ?? 0, top: y, height: height, lines: lines))
            y += height + Self.rowGap
        }
        if trace.loopStart != nil {
            loopEndTop = y
            y += Self.bannerHeight
        }
        bodyBottom = y
    }

    /// The whole drawing's size.
    var width: Int { Self.gutter + laneWidths.reduce(0, +) + 8 }
    var height: Int { bodyBottom + 8 + Self.headerHeight }

    /// The left edge of a column.
    func laneX(_ column: Int) -> Int { laneLefts[column] }

    /// The left edge and width of a step's box in `column`.
    func box(_ column: Int) -> (x: Int, width: Int) {
        (laneX(column) + Self.boxLeftInset, laneWidths[column] - Self.boxLeftInset - Self.boxRightInset)
    }

    /// Shares `available` pixels among the lanes in proportion to the longest line each lane's
    /// steps would like (within bounds), so that busy lanes wrap less and idle ones stay narrow.
    private static func widths(of trace: TraceReport, columns: [Int: Int], available: Int) -> [Int] {
        let minimum = 150, maximum = 400
        let frame = Double(boxLeftInset + boxRightInset + 2 * textInset)
        var wanted = Array(repeating: 16.0 * labelAdvance + frame, count: max(trace.lanes.count, 1))
        for step in trace.steps {
            guard let column = columns[step.thread] else { continue }
            let label = [step.function.map { "\($0): \(step.call ?? "")" } ?? "", step.summary].map(\.count).max() ?? 0
            let effect = step.effects.map { Double($0.count + 2) * effectAdvance }.max() ?? 0
            let width = max(Double(min(label, 44)) * labelAdvance, min(effect, 44 * effectAdvance)) + frame
            wanted[column] = max(wanted[column], width)
        }
        let scale = Double(available) / wanted.reduce(0, +)
        return wanted.map { min(maximum, max(minimum, Int($0 * scale))) }
    }

    /// The text of a step's box: its label (`function: call`, or the access), what it did, and
    /// its effects, each wrapped to the box.
    private static func lines(of step: TraceReport.Step, labelChars: Int, effectChars: Int) -> [Line] {
        var lines: [Line] = []
        if let function = step.function, let call = step.call {
            lines += TextWrapping.wrap("\(function): \(call)", width: labelChars).map { Line(text: $0, kind: .label) }
            if !step.summary.isEmpty {
                lines += TextWrapping.wrap(step.summary, width: labelChars).map { Line(text: $0, kind: .summary) }
            }
        } else {
            lines += TextWrapping.wrap(step.summary, width: labelChars).map { Line(text: $0, kind: .label) }
        }
        for effect in step.effects {
            // A bullet on the first line, the rest indented under the text.
            let wrapped = TextWrapping.wrap(effect, width: effectChars - 2)
            lines += wrapped.enumerated().map { Line(text: ($0.offset == 0 ? "• " : "  ") + $0.element, kind: .effect) }
        }
        return lines
    }
}
