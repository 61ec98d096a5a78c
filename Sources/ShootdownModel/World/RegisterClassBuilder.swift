/// Builds one thread's ``RegisterClasses`` tables: at each operation position, the classes of
/// valuations of the registers settled there that leave the final condition the same residue.
struct RegisterClassBuilder {
    typealias Literal = ConditionDNF.Literal

    /// The thread whose registers are merged.
    let thread: Int
    /// The registers that may be merged (none that a liveness condition reads).
    let registers: [Int]
    /// The condition's disjuncts that test one of those registers.
    let disjuncts: [Set<Literal>]
    /// `[register]`: the position from which it is settled.
    let settleAt: [Int]
    /// `[register]`: its field.
    let fields: [BitField]
    /// `[register]`: the raw values the condition names for it, ascending, and the raw value
    /// standing for every other (`nil` when no other value fits the field).
    let named: [[UInt64]]
    let other: [UInt64?]
    /// `[register]`: the raw value each named constant is, by the literal's value.
    let rawOf: [[Int?: UInt64]]

    init(thread: Int, registers: [Int], dnf: ConditionDNF, settleAt: [Int], fields: [BitField],
         rawValue: (Int?) -> UInt64?) {
        self.thread = thread
        self.registers = registers
        self.settleAt = settleAt
        self.fields = fields
        let mine = Set(registers)
        disjuncts = dnf.disjuncts.filter { conjunction in
            conjunction.contains { literal in
                if case let .register(t, r, _) = literal.atom { return t == thread && mine.contains(r) }
                return false
            }
        }
        var named = Array(repeating: [UInt64](), count: fields.count)
        var rawOf = Array(repeating: [Int?: UInt64](), count: fields.count)
        for literal in disjuncts.flatMap({ $0 }) {
            guard case let .register(t, r, value) = literal.atom, t == thread, let raw = rawValue(value) else { continue }
            rawOf[r][value] = raw
            if !named[r].contains(raw) { named[r].append(raw) }
        }
        self.named = named.map { $0.sorted() }
        self.rawOf = rawOf
        other = fields.indices.map { register in
            let taken = Set(named[register])
            return (0 ... fields[register].mask).first { !taken.contains($0) }
        }
    }

    /// The tables for positions `0 ..< count`, or `nil` when the thread has nothing to merge or
    /// too much to table.
    func positions(count: Int) -> [RegisterClasses.PositionTable?]? {
        guard disjuncts.count <= RegisterClasses.disjunctLimit else { return nil }
        var tables: [RegisterClasses.PositionTable?] = []
        var total = 0
        for position in 0 ..< count {
            let settled = registers.filter { settleAt[$0] <= position }
            guard !settled.isEmpty else {
                tables.append(nil)
                continue
            }
            let size = settled.reduce(1) { $0 * domain($1).count }
            total += size
            guard total <= RegisterClasses.tableLimit else { return nil }
            tables.append(table(settled: settled, size: size))
        }
        return tables.contains { $0 != nil } ? tables : nil
    }

    /// The raw values standing for each class of constants of `register`.
    private func domain(_ register: Int) -> [UInt64] {
        named[register] + (other[register].map { [$0] } ?? [])
    }

    /// Whether `literal` holds when `register` holds `raw` (the literal tests that register).
    private func holds(_ literal: Literal, register: Int, raw: UInt64) -> Bool {
        guard case let .register(_, _, value) = literal.atom else { return true }
        let equal = rawOf[register][value] == raw
        return equal == literal.positive
    }

    private func isSettledLiteral(_ literal: Literal, settled: Set<Int>) -> Int? {
        if case let .register(t, r, _) = literal.atom, t == thread, settled.contains(r) { return r }
        return nil
    }

    private func table(settled: [Int], size: Int) -> RegisterClasses.PositionTable {
        let settledSet = Set(settled)
        let domains = settled.map(domain)
        // Which disjuncts each value of each settled register leaves alive.
        let alive: [[UInt64]] = zip(settled, domains).map { register, values in
            values.map { raw in
                var mask: UInt64 = 0
                for (index, conjunction) in disjuncts.enumerated()
                where conjunction.allSatisfy({ isSettledLiteral($0, settled: settledSet) != register || holds($0, register: register, raw: raw) }) {
                    mask |= 1 << UInt64(index)
                }
                return mask
            }
        }
        // Each disjunct's residue: its literals on what is still open.
        let residues = disjuncts.map { $0.filter { isSettledLiteral($0, settled: settledSet) == nil } }
        let representative = residues.indices.map { index in residues.firstIndex(of: residues[index])! }
        let impliedBySmaller: [UInt64] = residues.map { residue in
            var mask: UInt64 = 0
            for (other, smaller) in residues.enumerated() where smaller.count < residue.count && smaller.isSubset(of: residue) {
                mask |= 1 << UInt64(other)
            }
            return mask
        }
        var strides = Array(repeating: 1, count: settled.count)
        for slot in settled.indices.dropLast().reversed() { strides[slot] = strides[slot + 1] * domains[slot + 1].count }
        var first: [UInt64: UInt32] = [:]
        var canonical = [UInt32](repeating: 0, count: size)
        for index in 0 ..< size {
            var live = UInt64.max
            var rest = index
            for slot in settled.indices {
                live &= alive[slot][rest / strides[slot]]
                rest %= strides[slot]
            }
            var residue: UInt64 = 0
            for disjunct in disjuncts.indices where live & (1 << UInt64(disjunct)) != 0 && live & impliedBySmaller[disjunct] == 0 {
                residue |= 1 << UInt64(representative[disjunct])
            }
            if let least = first[residue] {
                canonical[index] = least
            } else {
                first[residue] = UInt32(index)
                canonical[index] = UInt32(index)
            }
        }
        let domainIndex: [[UInt8]] = zip(settled, domains).map { register, values in
            (0 ... fields[register].mask).map { raw in
                UInt8(values.firstIndex(of: raw) ?? (values.count - 1))
            }
        }
        return RegisterClasses.PositionTable(fields: settled.map { fields[$0] }, domainIndex: domainIndex,
                                             domainRaw: domains, strides: strides, canonical: canonical)
    }
}
