import ShootdownModel

/// One execution that refutes a property, step by step.
public struct TraceReport: Codable, Sendable, Equatable {
    /// A thread of the execution: a CPU or device thread of the scenario, or a helper (an IOPF
    /// worker, an IOMMU walker).
    public struct Lane: Codable, Sendable, Equatable {
        /// The thread's index, as ``Step/thread`` gives it.
        public var thread: Int
        /// Its name: `CPU0`, `DEV0`, `IOPF(DEV0)`, `IOMMU[a]`, …
        public var name: String
        /// `cpu`, `device`, `iopf-worker` or `iommu-walker`.
        public var role: String
    }

    /// One atomic step.
    public struct Step: Codable, Sendable, Equatable {
        /// 1-based position, as the text timeline's `[Time N]`.
        public var time: Int
        /// The index of the thread that moved.
        public var thread: Int
        /// The name of its lane.
        public var lane: String
        /// The kernel function the step models, for a kernel program step.
        public var function: String?
        /// The call or statement inside ``function``.
        public var call: String?
        /// `file:function`, the kernel source the step stands for.
        public var citation: String?
        /// What happened in one line (may be empty for a kernel step).
        public var summary: String
        /// Effects, e.g. `IOTLB[a] invalidated`, `TLBI a on every CPU`.
        public var effects: [String]
        /// `access`, `kernel`, `ptl-take`, `ptl-drop`, `notifier` or `helper`.
        public var category: StepCategory
        /// The whole step in one line, as the text timeline prints it.
        public var text: String
    }

    /// `invariant`, `liveness`, `final` or `witness`.
    public var kind: OutcomeTrace.Kind
    /// The invariant's name, or the condition as written.
    public var property: String
    /// A one-line heading.
    public var title: String
    /// The lanes, in column order.
    public var lanes: [Lane]
    /// The steps, in order.
    public var steps: [Step]
    /// When present, the 0-based index into ``steps`` from which the steps repeat forever.
    public var loopStart: Int?
    /// What the steps cost, every counter by name.
    public var cost: CostCounters
}
