/// Which infinite paths count as counterexamples to an ``Eventually`` property.
public enum Fairness: Sendable {
    /// Every infinite path counts, even one that starves an actor forever.
    case none
    /// Weak fairness per actor: an infinite path counts only if every actor that is enabled
    /// continuously from some point on eventually takes a step (as SPIN's `-f`).
    case weak
}

/// How ``Checker`` runs.
public struct CheckOptions: Sendable {
    /// The fairness assumption for liveness properties.
    public var fairness: Fairness
    /// When set, exploration stops instead of storing more than this many states, and the result
    /// is marked incomplete. Independently of this, a run never stores more than `Int32.max`
    /// states (parent links are 32-bit).
    public var stateLimit: Int?
    /// `progress` is called each time the number of stored states reaches a multiple of this;
    /// values below 1 disable the calls.
    public var progressInterval: Int
    /// Called every `progressInterval` new states, on the thread running the check.
    public var progress: (@Sendable (Progress) -> Void)?

    /// Options with the given settings; every parameter has the default described on its property.
    public init(
        fairness: Fairness = .weak,
        stateLimit: Int? = nil,
        progressInterval: Int = 1 << 18,
        progress: (@Sendable (Progress) -> Void)? = nil
    ) {
        self.fairness = fairness
        self.stateLimit = stateLimit
        self.progressInterval = progressInterval
        self.progress = progress
    }
}
