/// How ``Checker`` remembers the states it has visited.
public enum Storage: Sendable, Hashable {
    /// Every state is stored in full: exact, and every path is read back from the store.
    case exact
    /// Only a fingerprint of each visited state is stored, 62 bits of its 64-bit hash in seven
    /// bytes (with its parent and the position of the action reaching it), and full states only
    /// for the breadth-first frontier.
    ///
    /// Two distinct states with the same fingerprint are merged, so the second one and what only
    /// it leads to are skipped: with `n` states the probability that this happens at all is about
    /// `n² / 2⁶³` (5×10⁷ states: about 3×10⁻⁴), reported as
    /// ``Statistics/collisionProbability``. The fingerprint digests what the state's
    /// `hash(into:)` feeds, so it must feed everything `==` compares. Violations found are always
    /// real. Liveness needs the transition graph over stored states, so a specification with
    /// eventualities is checked with exact storage.
    case fingerprint
}
