/// Rendezvous (``Operation/rendezvous``): the phases of a sequential test spread over threads.
extension World {
    /// `[thread]`: the operation indices of the thread's rendezvous, in order.
    func rendezvousPositions(_ thread: Int) -> [Int] {
        guard thread < configuration.threads.count else { return [] }
        return configuration.threads[thread].operations.indices.filter { configuration.threads[thread].operations[$0] == .rendezvous }
    }

    /// Whether the thread's current rendezvous may be passed: every other thread with a
    /// rendezvous of the same rank has reached it.
    func rendezvousReached(_ thread: Int, in state: WorldState) -> Bool {
        let index = operationIndex(thread, in: state)
        guard let rank = rendezvousPositions(thread).firstIndex(of: index) else { return true }
        for other in configuration.threads.indices where other != thread {
            let positions = rendezvousPositions(other)
            if positions.count > rank && operationIndex(other, in: state) < positions[rank] { return false }
        }
        return true
    }

    /// Passes the rendezvous.
    func passRendezvous(_ thread: Int, _ state: WorldState, log: inout StepLog) -> WorldState {
        var next = state
        advance(thread, in: &next)
        log.say("rendezvous \(rendezvousPositions(thread).firstIndex(of: operationIndex(thread, in: state)).map { $0 + 1 } ?? 0)")
        return next
    }

    /// The threads a rendezvous of `thread` waits for (every other thread with a rendezvous).
    func rendezvousPartners(of thread: Int) -> [Int] {
        guard !rendezvousPositions(thread).isEmpty else { return [] }
        return configuration.threads.indices.filter { $0 != thread && !rendezvousPositions($0).isEmpty }
    }
}
