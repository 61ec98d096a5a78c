/// A condition over the final state or the events of an execution.
///
/// `/\` binds tighter than `\/`, and `~` tighter than both; both binary operators group to
/// the left.
public indirect enum ExprAST: Sendable, Equatable {
    /// A single test, such as `DEV0:r0=1`, `x=2` or `done(DEV0)`.
    case atom(AtomAST)
    /// `~E`
    case not(ExprAST)
    /// `E /\ E`
    case and(ExprAST, ExprAST)
    /// `E \/ E`
    case or(ExprAST, ExprAST)
    /// `true` or `false`.
    case constant(Bool)
}
