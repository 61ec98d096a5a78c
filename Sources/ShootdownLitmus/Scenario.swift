import ShootdownModel

/// A scenario lowered from a `.litmus` file: the model configuration, the conditions to check
/// and the expectations written in the file.
public struct Scenario: Sendable {
    /// The name from the header line.
    public var name: String
    /// The file it came from.
    public var file: String
    /// The one-line description, if any.
    public var description: String?
    /// The machine, policy, memory and threads.
    public var configuration: ModelConfiguration
    /// The `exists` / `~exists` / `forall` clause.
    public var final: FinalCondition?
    /// The `eventually` clauses.
    public var eventualities: [LivenessCondition]
    /// What the file says the verdicts should be.
    public var expectations: Expectations
    /// The variant of a file with a variants block, such as `policy=v6.2 arch=arm64`; `nil` otherwise.
    public var variant: VariantLabel?
    /// Where the header line names the scenario: errors about the scenario as a whole, such as a
    /// model too large for a state, point there.
    public var location: SourceLocation?
    /// The text of the header line, quoted under such errors.
    public var headerLine: String?

    public init(name: String, file: String, description: String?, configuration: ModelConfiguration,
                final: FinalCondition?, eventualities: [LivenessCondition], expectations: Expectations,
                variant: VariantLabel? = nil, location: SourceLocation? = nil, headerLine: String? = nil) {
        self.name = name
        self.file = file
        self.description = description
        self.configuration = configuration
        self.final = final
        self.eventualities = eventualities
        self.expectations = expectations
        self.variant = variant
        self.location = location
        self.headerLine = headerLine
    }

    /// Builds the model of the scenario. A configuration the model cannot build (more state than a
    /// state holds) is reported at the scenario's name on its header line, with the variant.
    public func world() throws(LitmusError) -> World {
        do {
            return try World(configuration)
        } catch {
            throw self.error(error)
        }
    }

    /// The error for a configuration the model refuses, located at the header line.
    public func error(_ error: ModelError) -> LitmusError {
        let message = variant.map { "in the variant \($0): \(error.description)" } ?? error.description
        let location = location ?? SourceLocation(file: file, line: 1, column: 1)
        return LitmusError(Diagnostic(location: location, message: message, sourceLine: headerLine))
    }
}

/// A herd-style final condition over terminal states.
public struct FinalCondition: Sendable {
    public enum Quantifier: String, Sendable {
        case exists
        case notExists = "~exists"
        case forall
    }

    public var quantifier: Quantifier
    public var predicate: StatePredicate
    /// The condition as written.
    public var text: String

    public init(quantifier: Quantifier, predicate: StatePredicate, text: String) {
        self.quantifier = quantifier
        self.predicate = predicate
        self.text = text
    }
}

/// An `eventually` clause: on every weakly fair execution the predicate becomes true.
public struct LivenessCondition: Sendable {
    public var predicate: StatePredicate
    public var text: String
}

/// herd7's observation of a final condition's expression over the terminal states.
public enum Observation: String, Sendable, CaseIterable {
    case always = "Always"
    case sometimes = "Sometimes"
    case never = "Never"
}

/// The verdict a property can have.
public enum Verdict: String, Sendable, CaseIterable {
    case holds
    case violated
}

/// The expectations a scenario file states.
public struct Expectations: Sendable {
    /// `Result:` — the expected observation of the final condition.
    public var observation: Observation?
    /// `Expect: PROPERTY VERDICT` lines, by property name (`eventually` or an invariant name).
    /// Built-in invariants not named here are expected to hold.
    public var verdicts: [String: Verdict]

    public init(observation: Observation? = nil, verdicts: [String: Verdict] = [:]) {
        self.observation = observation
        self.verdicts = verdicts
    }
}
