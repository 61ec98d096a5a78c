/// The colours a diagram gives each kind of step, and the legend that explains them.
struct StepStyle {
    var fill: String
    var stroke: String
    var strokeWidth: Double

    /// The style of a step of `category` on a lane of `role` (see ``TraceReport/Lane/role``).
    static func of(_ category: StepCategory, role: String) -> StepStyle {
        switch category {
        case .access: return role == "device" ? deviceAccess : cpuAccess
        case .kernel: return kernel
        case .ptlTake, .ptlDrop: return ptl
        case .notifier: return notifier
        case .helper: return helper
        }
    }

    static let cpuAccess = StepStyle(fill: "#ededed", stroke: "#7f7f7f", strokeWidth: 1)
    static let deviceAccess = StepStyle(fill: "#dbe8f6", stroke: "#2e75b6", strokeWidth: 1.2)
    static let kernel = StepStyle(fill: "#ffffff", stroke: "#8c8c8c", strokeWidth: 1)
    static let ptl = StepStyle(fill: "#fce4d2", stroke: "#c55a11", strokeWidth: 1.2)
    static let notifier = StepStyle(fill: "#eedcf7", stroke: "#7030a0", strokeWidth: 2.2)
    static let helper = StepStyle(fill: "#e3f0da", stroke: "#548235", strokeWidth: 1)
    /// The bar drawn on a lane while its thread holds the PTL.
    static let ptlBar = StepStyle(fill: "#f4b183", stroke: "#c55a11", strokeWidth: 1)

    /// The legend of the diagrams, as HTML.
    static var legendHTML: String {
        let items: [(StepStyle, String)] = [
            (cpuAccess, "CPU access"), (deviceAccess, "device access (DMA)"), (kernel, "kernel step"),
            (ptl, "PTL taken / dropped"), (ptlBar, "bar: PTL held"),
            (notifier, "notifier call: range_start / range_end / invalidate_range / arch_invalidate_secondary_tlbs"),
            (helper, "IOPF worker entry / IOMMU speculative walk"),
        ]
        let spans = items.map { style, text in
            "<span><span class=\"swatch\" style=\"background:\(style.fill);border-color:\(style.stroke)\"></span>"
                + text.htmlEscaped + "</span>"
        }
        return "<div class=\"legend\">" + spans.joined() + "</div>"
    }
}
