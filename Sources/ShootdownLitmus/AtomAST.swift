/// The smallest tests a condition is built from.
public enum AtomAST: Sendable, Equatable {
    /// `THREAD:REG=VALUE` (`equals` true) or `THREAD:REG!=VALUE` (`equals` false).
    case register(thread: Located<String>, register: Located<String>, equals: Bool, value: Located<String>)
    /// `LOC=VALUE` (`equals` true) or `LOC!=VALUE` (`equals` false).
    case memory(location: Located<String>, equals: Bool, value: Located<String>)
    /// `NAME(ARG, …)`, such as `done(DEV0)` or `fault(DEV0, 1)`.
    case predicate(name: Located<String>, arguments: [Located<String>])
}
