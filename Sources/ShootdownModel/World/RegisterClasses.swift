/// Register merging: states that differ only in values of registers that nothing but the final
/// condition reads, and that the condition cannot tell apart, are the same state to the checker.
///
/// A register is *settled* once its thread has passed every operation that may write it. For
/// each thread and operation position, every valuation of the settled registers (each value
/// reduced to the condition's own constants for that register, or "another value") is mapped to
/// the condition's residue: the disjuncts the valuation leaves alive, each cut to its literals on
/// everything still open, without those a smaller alive one implies. Valuations with the same
/// residue are interchangeable in every future, so a state's settled registers are replaced by
/// the least valuation of their class. The residue at a later position depends only on the
/// residue at an earlier one and the registers settled in between, so the classes are kept by
/// every step, and the checker's paths lift back to real executions as under symmetry.
///
/// This is what a hand-written Promela model does when it keeps one "seen the new value" bit in
/// place of every value read (`../shared/anchors/spin/cow_order.pml`). The verdicts are those of
/// the unmerged exploration; terminal-state counts then count classes.
struct RegisterClasses: Sendable {
    /// One thread's classes.
    struct ThreadTable: Sendable {
        /// The field holding the thread's operation index.
        let operationField: BitField
        /// `[operation index]`: the table at that position, if any register is settled there.
        let positions: [PositionTable?]
    }

    /// The classes at one position of one thread.
    struct PositionTable: Sendable {
        /// The settled registers' fields, first (most significant) first.
        let fields: [BitField]
        /// `[register][raw value]`: the index of the value's class of constants.
        let domainIndex: [[UInt8]]
        /// `[register][domain index]`: the raw value standing for that class of constants.
        let domainRaw: [[UInt64]]
        /// `[register]`: the mixed-radix weight of its domain index.
        let strides: [Int]
        /// `[valuation index]`: the least valuation index of its class.
        let canonical: [UInt32]
    }

    let threads: [ThreadTable]

    /// Most valuations tabled for one thread; a thread with more keeps its registers exact.
    static let tableLimit = 1 << 20
    /// Most disjuncts on one thread's registers that the residues can track.
    static let disjunctLimit = 64

    /// Replaces each thread's settled registers by the least valuation of their class.
    @inline(__always)
    func apply(to state: inout WorldState) {
        for thread in threads {
            let position = Int(state.get(thread.operationField))
            guard position < thread.positions.count, let table = thread.positions[position] else { continue }
            var index = 0
            var rewrite = false
            for (slot, field) in table.fields.enumerated() {
                let raw = state.get(field)
                let domain = Int(table.domainIndex[slot][Int(raw)])
                if table.domainRaw[slot][domain] != raw { rewrite = true }
                index += domain * table.strides[slot]
            }
            let least = Int(table.canonical[index])
            guard rewrite || least != index else { continue }
            var rest = least
            for (slot, field) in table.fields.enumerated() {
                let domain = rest / table.strides[slot]
                rest %= table.strides[slot]
                state.set(field, table.domainRaw[slot][domain])
            }
        }
    }
}

extension RegisterClasses {
    /// The classes for `condition` in a world, or `nil` when no thread has a settled register to
    /// merge. Registers that `exact` predicates read (liveness conditions) are never merged.
    init?(condition: StatePredicate, exact: [StatePredicate], configuration: ModelConfiguration,
          layout: StateLayout, rawValue: (Int?) -> UInt64?) {
        guard let dnf = ConditionDNF(condition) else { return nil }
        var kept = Set<[Int]>()
        for predicate in exact {
            guard let other = ConditionDNF(predicate) else { return nil }
            for case let .register(thread, register, _) in other.disjuncts.flatMap({ $0.map(\.atom) }) {
                kept.insert([thread, register])
            }
        }
        var tables: [ThreadTable] = []
        for (thread, declaration) in configuration.threads.enumerated() where !declaration.registers.isEmpty {
            let merged = declaration.registers.indices.filter { !kept.contains([thread, $0]) }
            let builder = RegisterClassBuilder(thread: thread, registers: merged, dnf: dnf,
                                               settleAt: Self.settlePositions(declaration),
                                               fields: layout.registers[thread], rawValue: rawValue)
            guard let positions = builder.positions(count: declaration.operations.count + 1) else { continue }
            tables.append(ThreadTable(operationField: layout.opFields[thread], positions: positions))
        }
        guard !tables.isEmpty else { return nil }
        threads = tables
    }

    /// `[register]`: the operation index from which no operation of the thread writes it again
    /// (one past its last writer: a `READ`, a dmirror command's result or fault count, a
    /// `gup_test` result).
    static func settlePositions(_ thread: ThreadDeclaration) -> [Int] {
        var settle = Array(repeating: 0, count: thread.registers.count)
        for (index, operation) in thread.operations.enumerated() {
            var written: [Int] = []
            switch operation {
            case let .read(_, register): written.append(register)
            case let .dmirror(_, _, result?): written.append(result)
            case let .gupTest(test, _): if let result = test.result { written.append(result) }
            default: break
            }
            if let faults = thread.faultCounters[index] { written.append(faults) }
            for register in written { settle[register] = index + 1 }
        }
        return settle
    }
}

extension World {
    /// The register classes that `configuration.canonicalForm` asks for, if any register merges.
    static func registerClasses(_ configuration: ModelConfiguration, layout: StateLayout, faultValue: Int) -> RegisterClasses? {
        guard let condition = configuration.canonicalForm.registerCondition else { return nil }
        return RegisterClasses(condition: condition, exact: configuration.canonicalForm.exactRegisterConditions,
                               configuration: configuration, layout: layout) { value in
            // The raw encoding ``setRegister(_:of:to:in:)`` stores; `nil` for a value no register holds.
            guard let value else { return UInt64(faultValue) }
            if let error = DmirrorError(value: value) {
                return UInt64(faultValue + 1 + DmirrorError.allCases.firstIndex(of: error)!)
            }
            return (0 ..< faultValue).contains(value) ? UInt64(value) : nil
        }
    }

    /// Whether states whose registers the final condition cannot tell apart are merged.
    public var mergesRegisters: Bool { registerClasses != nil }
}
