/// Draws an execution as an SVG sequence diagram: one vertical lane per thread (CPU and device
/// threads, IOPF workers, IOMMU walkers), time going down, each step a box on its lane labelled
/// `function: call` with its effects in small type; a bar on a lane while its thread holds the
/// PTL; notifier calls in their own colour; a livelock's loop between two banners.
public struct SVGTimeline: Sendable {
    public init() {}

    /// The diagram of `trace`, as an `<svg>` element to put inline in an HTML page.
    public func render(_ trace: TraceReport) -> String {
        let layout = SVGTimelineLayout(trace)
        var svg: [String] = []
        svg.append("<svg width=\"\(layout.width)\" height=\"\(layout.height)\" viewBox=\"0 0 \(layout.width) \(layout.height)\""
                   + " role=\"img\" aria-label=\"\(trace.title.htmlEscaped)\">")
        svg += lanes(trace, layout)
        svg += ptlBars(trace, layout)
        svg += loopMarks(trace, layout)
        for row in layout.rows { svg += step(row, role: trace.lanes[row.column].role, layout) }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// Lane backgrounds, lifelines, and the lane names at the top and the bottom.
    private func lanes(_ trace: TraceReport, _ layout: SVGTimelineLayout) -> [String] {
        var svg: [String] = []
        let bottomHeader = layout.height - SVGTimelineLayout.headerHeight
        for (column, lane) in trace.lanes.enumerated() {
            let x = layout.laneX(column)
            let laneWidth = layout.laneWidths[column]
            let lifeline = x + SVGTimelineLayout.boxLeftInset / 2
            svg.append("<rect x=\"\(x)\" y=\"0\" width=\"\(laneWidth)\" height=\"\(layout.height)\" fill=\"\(column % 2 == 0 ? "#fafafa" : "#f1f1f1")\"/>")
            svg.append("<line x1=\"\(lifeline)\" y1=\"\(SVGTimelineLayout.headerHeight)\" x2=\"\(lifeline)\" y2=\"\(bottomHeader)\" stroke=\"#9a9a9a\" stroke-dasharray=\"4 3\"/>")
            for top in [2, bottomHeader + 4] {
                svg.append("<rect x=\"\(x + 4)\" y=\"\(top)\" width=\"\(laneWidth - 8)\" height=\"\(SVGTimelineLayout.headerHeight - 8)\" rx=\"5\" fill=\"#3b4a5a\"/>")
                svg.append("<text x=\"\(x + laneWidth / 2)\" y=\"\(top + 16)\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" fill=\"#ffffff\">\(lane.name.htmlEscaped)</text>")
                svg.append("<text x=\"\(x + laneWidth / 2)\" y=\"\(top + 30)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#d9e1ea\">\(Self.roleTitle(lane.role).htmlEscaped)</text>")
            }
        }
        return svg
    }

    /// A bar on each lane from the step that takes the PTL to the step that drops it (or to the
    /// end, if the execution ends with it held).
    private func ptlBars(_ trace: TraceReport, _ layout: SVGTimelineLayout) -> [String] {
        var svg: [String] = []
        var taken: [Int: SVGTimelineLayout.Row] = [:]
        func bar(from start: SVGTimelineLayout.Row, to bottom: Int, until: String) {
            let x = layout.laneX(start.column) + SVGTimelineLayout.boxLeftInset / 2 - 4
            let style = StepStyle.ptlBar
            let title = "PTL held by \(start.step.lane) from [Time \(start.step.time)] \(until)"
            svg.append("<rect x=\"\(x)\" y=\"\(start.top)\" width=\"8\" height=\"\(bottom - start.top)\" fill=\"\(style.fill)\" stroke=\"\(style.stroke)\"><title>\(title.htmlEscaped)</title></rect>")
        }
        for row in layout.rows {
            switch row.step.category {
            case .ptlTake: taken[row.step.thread] = row
            case .ptlDrop:
                if let start = taken.removeValue(forKey: row.step.thread) {
                    bar(from: start, to: row.top + row.height, until: "to [Time \(row.step.time)]")
                }
            default: break
            }
        }
        for start in taken.values.sorted(by: { $0.top < $1.top }) {
            bar(from: start, to: layout.bodyBottom, until: "to the end")
        }
        return svg
    }

    /// The banners around a livelock's loop and a bracket beside it.
    private func loopMarks(_ trace: TraceReport, _ layout: SVGTimelineLayout) -> [String] {
        guard let loopStart = trace.loopStart, let top = layout.loopBannerTop, let end = layout.loopEndTop else { return [] }
        var svg: [String] = []
        let left = SVGTimelineLayout.gutter
        let right = layout.width - 8
        let banners = [(top, "loop: the following steps repeat forever"), (end, "end of loop: back to [Time \(loopStart + 1)]")]
        for (y, text) in banners {
            let middle = y + SVGTimelineLayout.bannerHeight / 2
            svg.append("<line x1=\"\(left)\" y1=\"\(middle)\" x2=\"\(right)\" y2=\"\(middle)\" stroke=\"#b00020\" stroke-width=\"1.5\" stroke-dasharray=\"8 4\"/>")
            let textWidth = text.count * 7 + 16
            let center = (left + right) / 2
            svg.append("<rect x=\"\(center - textWidth / 2)\" y=\"\(middle - 9)\" width=\"\(textWidth)\" height=\"18\" rx=\"3\" fill=\"#ffffff\" stroke=\"#b00020\"/>")
            svg.append("<text x=\"\(center)\" y=\"\(middle + 4)\" text-anchor=\"middle\" font-size=\"11.5\" fill=\"#b00020\">\(text.htmlEscaped)</text>")
        }
        // The bracket: down the gutter from the first step of the loop to its last, arrow back up.
        let first = top + SVGTimelineLayout.bannerHeight
        svg.append("<path d=\"M 18 \(end) L 8 \(end) L 8 \(first) L 18 \(first)\" fill=\"none\" stroke=\"#b00020\" stroke-width=\"2\"/>")
        svg.append("<path d=\"M 18 \(first) l -6 -4 l 0 8 z\" fill=\"#b00020\"/>")
        return svg
    }

    /// One step: its number in the gutter, a tick from the lifeline, and the box with its text.
    private func step(_ row: SVGTimelineLayout.Row, role: String, _ layout: SVGTimelineLayout) -> [String] {
        let style = StepStyle.of(row.step.category, role: role)
        let (x, width) = layout.box(row.column)
        let lifeline = layout.laneX(row.column) + SVGTimelineLayout.boxLeftInset / 2
        var title = "[Time \(row.step.time)] \(row.step.lane): \(row.step.text)"
        if let citation = row.step.citation { title += "\n" + citation }
        var svg = ["<g>", "<title>\(title.htmlEscaped)</title>"]
        svg.append("<text x=\"\(SVGTimelineLayout.gutter - 8)\" y=\"\(row.top + 15)\" text-anchor=\"end\" font-size=\"11\" fill=\"#595959\">\(row.step.time)</text>")
        svg.append("<line x1=\"\(lifeline + 4)\" y1=\"\(row.top + 10)\" x2=\"\(x)\" y2=\"\(row.top + 10)\" stroke=\"\(style.stroke)\"/>")
        svg.append("<rect x=\"\(x)\" y=\"\(row.top)\" width=\"\(width)\" height=\"\(row.height)\" rx=\"4\" fill=\"\(style.fill)\" stroke=\"\(style.stroke)\" stroke-width=\"\(style.strokeWidth)\"/>")
        var baseline = row.top + SVGTimelineLayout.boxPadding
        for line in row.lines {
            let attributes: String
            switch line.kind {
            case .label:
                baseline += SVGTimelineLayout.labelLineHeight
                attributes = "font-size=\"\(SVGTimelineLayout.labelFont)\" font-weight=\"bold\" fill=\"#1f1f1f\""
            case .summary:
                baseline += SVGTimelineLayout.labelLineHeight
                attributes = "font-size=\"\(SVGTimelineLayout.labelFont)\" fill=\"#333333\""
            case .effect:
                baseline += SVGTimelineLayout.effectLineHeight
                attributes = "font-size=\"\(SVGTimelineLayout.effectFont)\" fill=\"#8a3b12\""
            }
            svg.append("<text x=\"\(x + SVGTimelineLayout.textInset)\" y=\"\(baseline - 3)\" \(attributes)>\(line.text.htmlEscaped)</text>")
        }
        svg.append("</g>")
        return svg
    }

    private static func roleTitle(_ role: String) -> String {
        switch role {
        case "cpu": return "CPU thread"
        case "device": return "device (DMA)"
        case "iopf-worker": return "IOPF worker (kernel)"
        case "iommu-walker": return "IOMMU speculative walker"
        default: return role
        }
    }
}
