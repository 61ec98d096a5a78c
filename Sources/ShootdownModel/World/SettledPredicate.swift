/// A ``StatePredicate`` prepared for three-valued evaluation on every state a search stores
/// (``World/settledValue(of:in:)`` gives the same answers): the predicate is flattened into
/// postfix code once, and each evaluation first reads which of the threads it depends on are
/// done. A literal on a thread's registers or completion is fixed once that thread is done; a
/// literal on memory once every thread is. When none of those threads is done and the predicate
/// has no constant, no literal is fixed and neither is the predicate, which is the common case
/// early in a search, and is answered without reading anything else.
public struct SettledPredicate: Sendable {
    /// One instruction of the postfix code.
    enum Instruction: Sendable {
        /// Push a literal's value, fixed when the threads in `needs` are done.
        case literal(StatePredicate, needs: UInt64)
        /// Push "not fixed": a literal on a thread the world does not have, which is never done.
        case neverFixed
        case not
        case and
        case or
        case constant(Bool)
    }

    /// The world whose states are evaluated (at most ``World/maximumThreads``, 64, threads).
    let world: World
    /// The predicate in postfix order.
    let code: [Instruction]
    /// The threads whose completion some literal depends on, one bit each.
    let watched: UInt64
    /// Whether the code holds a constant, which can fix the predicate while nothing is done.
    let hasConstant: Bool

    /// `predicate` prepared for evaluation on the states of `world`.
    public init(_ predicate: StatePredicate, in world: World) {
        self.world = world
        let threadCount = world.configuration.threads.count
        let every: UInt64 = threadCount >= 64 ? ~0 : (1 << UInt64(threadCount)) - 1
        var code: [Instruction] = []
        var watched: UInt64 = 0
        var hasConstant = false
        func emit(_ predicate: StatePredicate) {
            switch predicate {
            case let .register(thread, _, _), let .done(thread):
                if thread >= 0 && thread < threadCount {
                    code.append(.literal(predicate, needs: 1 << UInt64(thread)))
                    watched |= 1 << UInt64(thread)
                } else {
                    code.append(.neverFixed)
                }
            case .memory, .otherMM:
                code.append(.literal(predicate, needs: every))
                watched |= every
                // With no threads at all, memory is fixed from the start.
                hasConstant = hasConstant || every == 0
            case let .not(inner):
                emit(inner)
                code.append(.not)
            case let .and(left, right):
                emit(left)
                emit(right)
                code.append(.and)
            case let .or(left, right):
                emit(left)
                emit(right)
                code.append(.or)
            case let .constant(value):
                code.append(.constant(value))
                hasConstant = true
            }
        }
        emit(predicate)
        self.code = code
        self.watched = watched
        self.hasConstant = hasConstant
    }

    /// The value the predicate will have in every state reachable from `state`, when `state`
    /// already fixes it, else `nil`.
    public func value(in state: WorldState) -> Bool? {
        var done: UInt64 = 0
        var rest = watched
        while rest != 0 {
            let thread = rest.trailingZeroBitCount
            rest &= rest - 1
            if world.isDone(thread, in: state) {
                done |= 1 << UInt64(thread)
            }
        }
        if done == 0 && !hasConstant {
            return nil
        }
        return evaluate(in: state, done: done)
    }

    /// Runs the code with `done` the watched threads that are done. Values on the stack are
    /// 0 (false), 1 (true) and 2 (not fixed yet).
    func evaluate(in state: WorldState, done: UInt64) -> Bool? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: code.count) { stack in
            var top = 0
            for instruction in code {
                switch instruction {
                case let .literal(literal, needs):
                    stack[top] = done & needs == needs ? (world.evaluate(literal, in: state) ? 1 : 0) : 2
                    top += 1
                case .neverFixed:
                    stack[top] = 2
                    top += 1
                case .not:
                    let value = stack[top - 1]
                    stack[top - 1] = value == 2 ? 2 : 1 - value
                case .and:
                    top -= 1
                    let left = stack[top - 1], right = stack[top]
                    stack[top - 1] = left == 0 || right == 0 ? 0 : (left == 1 && right == 1 ? 1 : 2)
                case .or:
                    top -= 1
                    let left = stack[top - 1], right = stack[top]
                    stack[top - 1] = left == 1 || right == 1 ? 1 : (left == 0 && right == 0 ? 0 : 2)
                case let .constant(value):
                    stack[top] = value ? 1 : 0
                    top += 1
                }
            }
            let value = stack[0]
            return value == 2 ? nil : value == 1
        }
    }
}
