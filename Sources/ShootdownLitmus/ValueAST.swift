/// The value a write stores.
public enum ValueAST: Sendable, Hashable, CustomStringConvertible {
    /// An integer literal.
    case integer(Int)
    /// The contents of a register of the writing thread.
    case register(String)

    /// The value as written: the integer in decimal or the register's name.
    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .register(let name): name
        }
    }
}
