import Foundation
@testable import ShootdownReport
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    func reports() -> [ScenarioReport] {
        [ScenarioReport(ReportFixtures.livelock), ScenarioReport(ReportFixtures.caseB)]
    }

    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("the page is self-contained: no script, no external resource; one diagram per trace")
    func selfContained() {
        let reports = reports()
        let html = HTMLReport(results: reports).render()
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        for forbidden in ["<script", "http://", "https://", "src=", "href=\"//", "@import", "url("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(count("<svg ", in: html) == reports.map(\.traces.count).reduce(0, +))
        for report in reports {
            #expect(html.contains(report.scenario.name.htmlEscaped))
            for lane in report.traces.flatMap(\.lanes) { #expect(html.contains(">\(lane.name.htmlEscaped)</text>")) }
        }
    }

    @Test("text from scenarios is escaped")
    func escaping() {
        #expect("<a href=\"x\">&'</a>".htmlEscaped == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        var report = ScenarioReport(ReportFixtures.livelock)
        report.scenario.description = "<script>alert('x')</script> & more"
        report.traces[0].steps[0].effects = ["<b>bold</b>"]
        let html = HTMLReport(results: [report]).render()
        #expect(!html.contains("<script>") && !html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
        #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;"))
    }

    @Test("each PTL section is a bar; each notifier call is drawn in the notifier colour")
    func marks() {
        for report in reports() {
            for trace in report.traces {
                let svg = SVGTimeline().render(trace)
                let takes = trace.steps.filter { $0.category == .ptlTake }.count
                #expect(count("<title>PTL held by ", in: svg) == takes)
                let notifier = "stroke=\"\(StepStyle.notifier.stroke)\" stroke-width=\"\(StepStyle.notifier.strokeWidth)\""
                #expect(count(notifier, in: svg) == trace.steps.filter { $0.category == .notifier }.count)
                #expect(count("<g>", in: svg) == trace.steps.count)
            }
        }
        let caseB = reports()[1].traces.first { $0.kind == .final }
        #expect(caseB.map { $0.steps.contains { $0.category == .notifier } } == true)
        #expect(caseB.map { $0.steps.contains { $0.category == .ptlTake } } == true)
    }

    @Test("a loop is marked with its banners")
    func loop() throws {
        let trace = try #require(reports()[0].traces.first { $0.loopStart != nil })
        let svg = SVGTimeline().render(trace)
        #expect(svg.contains("loop: the following steps repeat forever"))
        #expect(svg.contains("end of loop: back to [Time \(trace.loopStart! + 1)]"))
    }

    @Test("boxes do not overlap and every line fits its box")
    func layout() {
        for trace in reports().flatMap(\.traces) {
            let layout = SVGTimelineLayout(trace)
            for (row, next) in zip(layout.rows, layout.rows.dropFirst()) {
                #expect(row.top + row.height <= next.top)
            }
            for row in layout.rows {
                let room = Double(layout.box(row.column).width - 2 * SVGTimelineLayout.textInset)
                for line in row.lines {
                    let advance = line.kind == .effect ? SVGTimelineLayout.effectAdvance : SVGTimelineLayout.labelAdvance
                    #expect(Double(line.text.count) * advance <= room, "\(line.text)")
                }
            }
            #expect(layout.laneWidths.allSatisfy { $0 >= 150 })
            #expect(layout.bodyBottom < layout.height)
        }
    }

    @Test("wrapping keeps every character, breaks at spaces or after underscores, and respects the width")
    func wrapping() {
        let text = "wp_page_copy: mmu_notifier_invalidate_range_start(CLEAR) (no subscriber affected)"
        for width in [8, 20, 31, 100] {
            let lines = TextWrapping.wrap(text, width: width)
            #expect(lines.allSatisfy { $0.count <= width })
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
        #expect(TextWrapping.wrap("", width: 10) == [""])
        #expect(TextWrapping.wrap("mmu_notifier_invalidate_range_end", width: 20) == ["mmu_notifier_", "invalidate_range_end"])
    }
}
