/// What a step did, in words and costs. The checker's hot path runs steps with a disabled log;
/// reports run them again with an enabled one to narrate a counterexample.
public struct StepLog: Sendable {
    /// Whether to record anything.
    public let enabled: Bool
    /// The kernel or hardware step taken, when it is a program step.
    public var step: Step?
    /// Program steps that ran silently together with it, in order: range calls that reach no
    /// subscriber, which no other thread can tell apart from the step before them.
    public var silentSteps: [Step] = []
    /// A one-line summary of what happened, e.g. `write x = 1 (TLB hit)`.
    public var summary: String = ""
    /// Effects worth showing, e.g. `IOTLB[x] invalidated`.
    public var effects: [String] = []
    /// Invalidations and other costs of the step.
    public var cost = CostCounters()

    public init(enabled: Bool) { self.enabled = enabled }

    /// A disabled log.
    public static var off: StepLog { StepLog(enabled: false) }

    @inline(__always)
    mutating func say(_ text: @autoclosure () -> String) {
        if enabled { summary = text() }
    }

    @inline(__always)
    mutating func effect(_ text: @autoclosure () -> String) {
        if enabled { effects.append(text()) }
    }

    @inline(__always)
    mutating func count(_ counter: WritableKeyPath<CostCounters, Int>, _ amount: Int = 1) {
        if enabled { cost[keyPath: counter] += amount }
    }
}
