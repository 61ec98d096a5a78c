/// A scenario file lowered variant by variant: one ``Scenario`` for each combination of the
/// values of its `variants` block that the model accepts.
public struct ScenarioMatrix: Sendable {
    /// The name from the header line.
    public var name: String
    /// The file it came from.
    public var file: String
    /// The axes' keys, in block order; empty for a file without a variants block.
    public var axes: [String]
    /// One scenario per variant, the first axis varying slowest. A file without a variants block
    /// gives one scenario with no label.
    public var scenarios: [Scenario]
    /// The combinations the model rejects (an SMMUv3 on x86, BTM on VT-d), with the reason.
    public var skipped: [SkippedVariant]

    public init(name: String, file: String, axes: [String], scenarios: [Scenario], skipped: [SkippedVariant] = []) {
        self.name = name
        self.file = file
        self.axes = axes
        self.scenarios = scenarios
        self.skipped = skipped
    }

    /// Whether the file declares variants.
    public var isMatrix: Bool { !axes.isEmpty }
}

/// A combination of axis values left out because the model rejects it.
public struct SkippedVariant: Sendable, Equatable {
    /// The combination.
    public var variant: VariantLabel
    /// Why the model rejects it.
    public var reason: String

    public init(variant: VariantLabel, reason: String) {
        self.variant = variant
        self.reason = reason
    }
}

/// The values one variant takes on each axis that applies to it, in axis order, such as
/// `policy=v6.2 arch=arm64 btm=off`.
public struct VariantLabel: Sendable, Hashable, CustomStringConvertible {
    /// One axis's value.
    public struct Choice: Sendable, Hashable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The values, in axis order.
    public var choices: [Choice]

    public init(_ choices: [Choice]) {
        self.choices = choices
    }

    /// The value on axis `key`, or `nil` when the axis does not apply.
    public func value(of key: String) -> String? {
        choices.first { $0.key == key }?.value
    }

    /// `key=value` pairs separated by spaces.
    public var description: String {
        choices.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
