/// Symmetry reduction: device threads with identical programs are interchangeable, together
/// with their ATCs and IOPF workers. A state's canonical form sorts each group of such devices
/// by their local state, so that symmetric states are stored once.
extension World {
    /// Groups (of two or more) of interchangeable device indices: same operations, same number
    /// of registers.
    static func symmetryGroups(_ configuration: ModelConfiguration, deviceThread: [Int]) -> [[Int]] {
        var groups: [[Int]] = []
        var assigned = Set<Int>()
        for device in deviceThread.indices where !assigned.contains(device) {
            let thread = configuration.threads[deviceThread[device]]
            let group = deviceThread.indices.filter { other in
                let candidate = configuration.threads[deviceThread[other]]
                return candidate.operations == thread.operations && candidate.registers.count == thread.registers.count
            }
            assigned.formUnion(group)
            if group.count > 1 { groups.append(group) }
        }
        return groups
    }

    /// Whether the world has interchangeable devices at all.
    public var hasSymmetry: Bool { !symmetryGroups.isEmpty }

    /// The fields that move with each device of each symmetry group under a permutation.
    static func symmetryFields(_ groups: [[Int]], layout: StateLayout, deviceThread: [Int], workerThread: [Int]) -> [[[BitField]]] {
        groups.map { group in
            group.map { device in
                let deviceFields = layout.threads[deviceThread[device]]
                let worker = layout.threads[workerThread[device]]
                var fields = [deviceFields.op, deviceFields.waiting] + layout.registers[deviceThread[device]]
                fields += [worker.busy, worker.requestPage, worker.requestWrite, worker.pc, worker.changed, worker.orig, worker.newFrame]
                if !layout.atc.isEmpty { fields += layout.atc[device] }
                return fields
            }
        }
    }

    /// The fields of each group of two side by side, flattened, and each group's range of
    /// them (empty for larger groups).
    static func symmetryPairs(_ fields: [[[BitField]]]) -> ([SymmetryPair], [Range<Int>]) {
        var pairs: [SymmetryPair] = []
        var ranges: [Range<Int>] = []
        for group in fields {
            let start = pairs.count
            if group.count == 2 {
                pairs += zip(group[0], group[1]).map { SymmetryPair(first: $0, second: $1) }
            }
            ranges.append(start ..< pairs.count)
        }
        return (pairs, ranges)
    }

    /// The canonical representative of `original`'s class: registers the final condition cannot
    /// tell apart merged (``RegisterClasses``), then, under permutations of interchangeable
    /// devices, devices ordered by their local state within each group.
    public func canonical(_ original: WorldState) -> WorldState {
        var state = original
        registerClasses?.apply(to: &state)
        var result = state
        for (groupIndex, group) in symmetryGroups.enumerated() {
            if group.count == 2 {
                // The common case, without allocating: compare field by field.
                let pairs = symmetryPairRanges[groupIndex]
                var swap = false
                for index in pairs {
                    let pair = symmetryPairs[index]
                    let x = state.get(pair.first), y = state.get(pair.second)
                    if x != y { swap = x > y; break }
                }
                guard swap else { continue }
                for index in pairs {
                    let pair = symmetryPairs[index]
                    result.set(pair.first, state.get(pair.second))
                    result.set(pair.second, state.get(pair.first))
                }
                let holder = Int(state.get(layout.ptl)) - 1
                if holder == workerThread[group[0]] { result.set(layout.ptl, UInt64(workerThread[group[1]] + 1)) }
                if holder == workerThread[group[1]] { result.set(layout.ptl, UInt64(workerThread[group[0]] + 1)) }
                continue
            }
            let fields = symmetryFields[groupIndex]
            let keys = fields.map { deviceFields in deviceFields.map { state.get($0) } }
            let order = group.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
            if order == Array(group.indices) { continue }
            // Device group[order[k]] moves to slot group[k].
            for (slot, source) in order.enumerated() {
                for (field, value) in zip(fields[slot], keys[source]) { result.set(field, value) }
            }
            // The PTL holder names a thread: follow the workers that moved.
            let holder = Int(state.get(layout.ptl)) - 1
            for (slot, source) in order.enumerated() where holder == workerThread[group[source]] {
                result.set(layout.ptl, UInt64(workerThread[group[slot]] + 1))
            }
        }
        return result
    }

    /// Whether a predicate keeps its meaning when interchangeable devices are swapped, so that
    /// symmetry reduction is sound for it.
    public func isSymmetric(_ predicate: StatePredicate) -> Bool {
        for group in symmetryGroups {
            for (a, b) in zip(group, group.dropFirst()) {
                let swap = [deviceThread[a]: deviceThread[b], deviceThread[b]: deviceThread[a]]
                if predicate.renamingThreads(swap).normalized != predicate.normalized { return false }
            }
        }
        return true
    }
}

extension StatePredicate {
    /// The predicate with thread indices renamed.
    func renamingThreads(_ mapping: [Int: Int]) -> StatePredicate {
        switch self {
        case let .register(thread, register, value): return .register(thread: mapping[thread] ?? thread, register: register, value: value)
        case let .done(thread): return .done(thread: mapping[thread] ?? thread)
        case .memory, .otherMM, .constant: return self
        case let .not(inner): return .not(inner.renamingThreads(mapping))
        case let .and(left, right): return .and(left.renamingThreads(mapping), right.renamingThreads(mapping))
        case let .or(left, right): return .or(left.renamingThreads(mapping), right.renamingThreads(mapping))
        }
    }

    /// A normal form up to the order of conjuncts and disjuncts, as text.
    var normalized: String {
        switch self {
        case let .register(thread, register, value): return "r(\(thread),\(register),\(value.map(String.init) ?? "fault"))"
        case let .done(thread): return "done(\(thread))"
        case let .memory(page, value): return "m(\(page),\(value))"
        case let .otherMM(page, value): return "o(\(page),\(value))"
        case let .constant(value): return "\(value)"
        case let .not(inner): return "~" + inner.normalized
        case .and: return "and(" + conjuncts.map(\.normalized).sorted().joined(separator: ",") + ")"
        case .or: return "or(" + disjuncts.map(\.normalized).sorted().joined(separator: ",") + ")"
        }
    }

    private var conjuncts: [StatePredicate] {
        if case let .and(left, right) = self { return left.conjuncts + right.conjuncts }
        return [self]
    }

    private var disjuncts: [StatePredicate] {
        if case let .or(left, right) = self { return left.disjuncts + right.disjuncts }
        return [self]
    }
}

/// One field of each of two interchangeable devices: swapped together by the canonical form.
struct SymmetryPair: Sendable {
    let first: BitField
    let second: BitField
}
