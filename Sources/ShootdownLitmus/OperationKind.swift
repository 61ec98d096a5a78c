/// The forms an operation may take.
public enum OperationKind: Sendable, Equatable {
    /// `REG = *LOC`: read a location into a register.
    case read(register: Located<String>, location: Located<String>)
    /// `*LOC = INT` or `*LOC = REG`: write a value to a location.
    case write(location: Located<String>, value: Located<ValueAST>)
    /// `NAME(ARG, …)` or `REG = NAME(ARG, …)`: a call, optionally keeping its result in a register.
    case call(result: Located<String>?, name: Located<String>, arguments: [Located<String>])
}
