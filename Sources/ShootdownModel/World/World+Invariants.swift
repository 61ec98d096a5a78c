import ShootdownChecker

/// The safety properties every scenario is checked against.
extension World {
    /// A built-in invariant, by name.
    public struct BuiltInInvariant: Sendable {
        public let name: String
        public let summary: String
    }

    /// The built-in invariants the model knows.
    public static let builtInInvariants: [BuiltInInvariant] = [
        BuiltInInvariant(name: "no-freed-frame-access",
                         summary: "no CPU or device access goes through a translation to a freed frame"),
        BuiltInInvariant(name: "frame-pool-sufficient",
                         summary: "the model's pool of frames never runs out (a modelling limit, not a kernel property)"),
    ]

    /// The built-in invariants as checker properties.
    public var invariants: [Invariant<WorldState>] {
        let freed = layout.freedFrameAccess
        let exhausted = layout.framePoolExhausted
        let flags: LocationSet = [locations.flags]
        return [
            Invariant("no-freed-frame-access", observes: flags) { !$0.flag(freed) },
            Invariant("frame-pool-sufficient", observes: flags) { !$0.flag(exhausted) },
        ]
    }
}
