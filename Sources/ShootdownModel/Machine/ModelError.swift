/// Why a configuration cannot be turned into a model.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The scenario needs more state bits than a ``WorldState`` holds.
    case stateTooLarge(bitsNeeded: Int, capacity: Int)
    /// The configuration names something the model does not support.
    case unsupported(String)

    public var description: String {
        switch self {
        case let .stateTooLarge(needed, capacity):
            return "the scenario needs at least \(needed) bits of state, more than the \(capacity) a state holds; use fewer pages, threads or values"
        case let .unsupported(what):
            return what
        }
    }
}
