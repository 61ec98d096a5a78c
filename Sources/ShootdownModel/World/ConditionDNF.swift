/// A ``StatePredicate`` in disjunctive normal form: an OR of conjunctions of literals. Used to
/// decide which register values a final condition can tell apart (``RegisterClasses``).
struct ConditionDNF: Sendable {
    /// What a literal tests: one register's value, or something else the register merging treats
    /// as opaque (memory, another address space's copy, a finished thread), named by its text.
    enum Atom: Hashable, Sendable {
        case register(thread: Int, register: Int, value: Int?)
        case opaque(String)
    }

    /// An atom or its negation.
    struct Literal: Hashable, Sendable {
        let atom: Atom
        let positive: Bool
    }

    /// The conjunctions; an empty conjunction is true, no conjunction at all is false.
    let disjuncts: [Set<Literal>]

    /// The normal form of `predicate`, or `nil` when it would have more than `limit`
    /// conjunctions.
    init?(_ predicate: StatePredicate, limit: Int = 4096) {
        guard let disjuncts = Self.normalForm(predicate, negated: false, limit: limit) else { return nil }
        self.disjuncts = disjuncts
    }

    private static func normalForm(_ predicate: StatePredicate, negated: Bool, limit: Int) -> [Set<Literal>]? {
        func literal(_ atom: Atom) -> [Set<Literal>] { [[Literal(atom: atom, positive: !negated)]] }
        switch predicate {
        case let .register(thread, register, value):
            return literal(.register(thread: thread, register: register, value: value))
        case .memory, .otherMM, .done:
            return literal(.opaque(predicate.normalized))
        case let .constant(value):
            return value != negated ? [[]] : []
        case let .not(inner):
            return normalForm(inner, negated: !negated, limit: limit)
        case let .and(left, right), let .or(left, right):
            guard let l = normalForm(left, negated: negated, limit: limit),
                  let r = normalForm(right, negated: negated, limit: limit) else { return nil }
            var isAnd = false
            if case .and = predicate { isAnd = true }
            // Negation turns a conjunction into a disjunction and back (De Morgan).
            if isAnd != negated {
                guard l.count * r.count <= limit else { return nil }
                return l.flatMap { a in r.compactMap { b in satisfiable(a.union(b)) } }
            }
            guard l.count + r.count <= limit else { return nil }
            return l + r
        }
    }

    /// The conjunction, or `nil` when it cannot hold: an atom both asserted and denied, or one
    /// register asserted to hold two values.
    private static func satisfiable(_ conjunction: Set<Literal>) -> Set<Literal>? {
        var asserted: [Int: [Int: Int?]] = [:]
        for literal in conjunction {
            if conjunction.contains(Literal(atom: literal.atom, positive: !literal.positive)) { return nil }
            guard literal.positive, case let .register(thread, register, value) = literal.atom else { continue }
            if let other = asserted[thread]?[register], other != value { return nil }
            asserted[thread, default: [:]][register] = value
        }
        return conjunction
    }
}
