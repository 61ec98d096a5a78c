import ShootdownChecker

/// A condition on a machine state: the model-level form of a litmus final or liveness
/// condition.
public indirect enum StatePredicate: Sendable, Equatable {
    /// Register `register` of thread `thread` holds `value` (`nil`: the access faulted).
    case register(thread: Int, register: Int, value: Int?)
    /// The value visible at a page equals `value` (false when the page is unmapped).
    case memory(page: Int, value: Int)
    /// Thread `thread` has completed every operation.
    case done(thread: Int)
    /// The copy of a page that another address space maps holds `value`: the frame of the page
    /// shared with the other process (a `cow` page's frame, or the frame a fork shared), the
    /// lowest such frame if there are several; false when there is none.
    case otherMM(page: Int, value: Int)
    case not(StatePredicate)
    case and(StatePredicate, StatePredicate)
    case or(StatePredicate, StatePredicate)
    case constant(Bool)
}

extension World {
    /// Evaluates a predicate on a state.
    public func evaluate(_ predicate: StatePredicate, in state: WorldState) -> Bool {
        switch predicate {
        case let .register(thread, register, value): return self.register(register, of: thread, in: state) == value
        case let .memory(page, value): return memoryValue(page: page, in: state) == value
        case let .otherMM(page, value): return otherMMValue(page: page, in: state) == value
        case let .done(thread): return isDone(thread, in: state)
        case let .not(inner): return !evaluate(inner, in: state)
        case let .and(left, right): return evaluate(left, in: state) && evaluate(right, in: state)
        case let .or(left, right): return evaluate(left, in: state) || evaluate(right, in: state)
        case let .constant(value): return value
        }
    }
}

extension World {
    /// The value the predicate will have in every state reachable from `state`, when this state
    /// already fixes it, else `nil`: a finished thread's registers never change again, nor
    /// does memory once every declared thread has finished (three-valued evaluation).
    public func settledValue(of predicate: StatePredicate, in state: WorldState) -> Bool? {
        switch predicate {
        case let .register(thread, _, _), let .done(thread):
            return isDone(thread, in: state) ? evaluate(predicate, in: state) : nil
        case .memory, .otherMM:
            return configuration.threads.indices.allSatisfy { isDone($0, in: state) } ? evaluate(predicate, in: state) : nil
        case let .not(inner):
            return settledValue(of: inner, in: state).map { !$0 }
        case let .and(left, right):
            let l = settledValue(of: left, in: state), r = settledValue(of: right, in: state)
            if l == false || r == false { return false }
            return l == true && r == true ? true : nil
        case let .or(left, right):
            let l = settledValue(of: left, in: state), r = settledValue(of: right, in: state)
            if l == true || r == true { return true }
            return l == false && r == false ? false : nil
        case let .constant(value):
            return value
        }
    }

    /// The shared locations a predicate reads, so that partial-order reduction keeps every
    /// step that can change its truth.
    public func observedLocations(of predicate: StatePredicate) -> LocationSet {
        var set = LocationSet()
        func visit(_ predicate: StatePredicate) {
            switch predicate {
            case let .register(thread, _, _): set.insert(locations.local(thread))
            case let .done(thread): set.insert(locations.local(thread))
            case let .memory(page, _), let .otherMM(page, _):
                set.insert(locations.pte(page))
                set.insert(framesOfPage[page].map(locations.data))
            case let .not(inner): visit(inner)
            case let .and(left, right), let .or(left, right):
                visit(left)
                visit(right)
            case .constant: break
            }
        }
        visit(predicate)
        return set
    }
}
