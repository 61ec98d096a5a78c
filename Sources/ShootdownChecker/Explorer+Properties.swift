extension Explorer {
    /// Evaluates the invariants on a newly stored state and reports progress.
    @inlinable
    mutating func admit(_ state: State, at index: Int) {
        if decidesEarly {
            for (number, final) in specification.finals.enumerated() {
                guard let violating = final.violatingValue, let settled = final.settled, settled(state) == violating else {
                    continue
                }
                if violating, finalWitness[number] < 0 { finalWitness[number] = index }
                if !violating, finalCounterexample[number] < 0 { finalCounterexample[number] = index }
                stoppedAtViolation = true
            }
        }
        if openInvariants > 0 {
            for (number, invariant) in specification.invariants.enumerated()
            where firstViolation[number] < 0 && !invariant.holds(state) {
                firstViolation[number] = index
                openInvariants -= 1
                if options.stopAtFirstViolation && !recordsGraph { stoppedAtViolation = true }
            }
        }
        if storedCount == nextProgress {
            reportProgress()
        }
    }

    /// Calls the progress callback and schedules the next call.
    @inlinable
    mutating func reportProgress() {
        nextProgress += options.progressInterval
        options.progress?(
            Progress(
                states: storedCount,
                transitions: transitions,
                depth: maxDepth,
                seconds: seconds(since: start, on: clock)
            )
        )
    }

    /// Evaluates the final predicates on a terminal state.
    @inlinable
    mutating func reachedTerminal(_ state: State, at index: Int) {
        terminalCount += 1
        for (number, final) in specification.finals.enumerated() {
            let value = final.holds(state)
            if options.stopAtFirstViolation && !recordsGraph && final.violatingValue == value { stoppedAtViolation = true }
            if value {
                finalSatisfied[number] += 1
                if finalWitness[number] < 0 {
                    finalWitness[number] = index
                }
            } else {
                finalUnsatisfied[number] += 1
                if finalCounterexample[number] < 0 {
                    finalCounterexample[number] = index
                }
            }
        }
    }
}
