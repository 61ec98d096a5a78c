/// Where a program holds the page-table lock.
extension Program {
    /// `[op]`: whether a thread holds the PTL right after running instruction `op`, on every
    /// path that reaches it. A skipped optional step leaves the lock as it was; jumps and
    /// `ret` are never "run" in this sense and read `false`.
    public var holdsPTLAfter: [Bool] {
        // Bit 0: the lock may be free; bit 1: it may be held.
        let free: UInt8 = 1, held: UInt8 = 2
        var before = Array(repeating: UInt8(0), count: ops.count)
        var after = Array(repeating: UInt8(0), count: ops.count)
        var pending: [(Int, UInt8)] = [(0, free)]
        while let (index, incoming) = pending.popLast() {
            guard index < ops.count, before[index] | incoming != before[index] else { continue }
            before[index] |= incoming
            let state = before[index]
            switch ops[index] {
            case .ret:
                continue
            case let .jump(target, condition):
                pending.append((target, state))
                if condition != .always { pending.append((index + 1, state)) }
            case let .step(step):
                var out: UInt8
                switch step.kind {
                case .lockPTL: out = held
                case .unlockPTL: out = free
                default: out = state
                }
                if step.condition != nil { out |= state }
                after[index] = out
                pending.append((index + 1, out))
            }
        }
        return after.map { $0 == held }
    }
}

extension KernelPrograms {
    /// Whether the PTL is held right after every step at `site` (`function.call`) in every
    /// program; `nil` when no program has a step there.
    public func holdsPTL(afterSite site: String) -> Bool? {
        var found = false
        for program in all {
            let holds = program.holdsPTLAfter
            for (index, op) in program.ops.enumerated() {
                guard case let .step(step) = op, step.site == site else { continue }
                if !holds[index] { return false }
                found = true
            }
        }
        return found ? true : nil
    }

    /// The steps that follow a step at `site` in some program (by instruction order), one per
    /// site, in the order first found.
    public func steps(following site: String) -> [Step] {
        var seen: Set<String> = []
        var result: [Step] = []
        for program in all {
            let steps = program.steps
            guard let first = steps.firstIndex(where: { $0.site == site }) else { continue }
            for step in steps[(first + 1)...] where seen.insert(step.site).inserted { result.append(step) }
        }
        return result
    }
}

/// How many of a program's paths run a given step.
extension Program {
    /// The paths from the program's start to a `ret` (a jump back, a retry, also ends one), and how
    /// many of them run a step at `site`. A conditional step splits a path in two: one that runs
    /// it and one that skips it.
    public func paths(through site: String) -> (through: Int, total: Int) {
        var memo: [Int: (through: Int, total: Int)] = [:]
        func count(_ index: Int) -> (through: Int, total: Int) {
            guard index < ops.count else { return (0, 1) }
            if let known = memo[index] { return known }
            let result: (through: Int, total: Int)
            switch ops[index] {
            case .ret:
                result = (0, 1)
            case let .jump(target, condition):
                let taken = target <= index ? (through: 0, total: 1) : count(target)
                if condition == .always {
                    result = taken
                } else {
                    let next = count(index + 1)
                    result = (taken.through + next.through, taken.total + next.total)
                }
            case let .step(step):
                let next = count(index + 1)
                let ran = step.site == site ? (through: next.total, total: next.total) : next
                result = step.condition == nil ? ran : (ran.through + next.through, ran.total + next.total)
            }
            memo[index] = result
            return result
        }
        return count(0)
    }
}

/// How many paths of the programs that have a site run a step there: a static measure of how
/// often code placed at the site runs.
public struct SitePaths: Sendable, Equatable {
    /// Paths that run a step at the site, over every program that has one.
    public var through: Int
    /// Every path of those programs.
    public var total: Int
    /// Those programs' names, e.g. `handle_mm_fault`.
    public var programs: [String]
}

extension KernelPrograms {
    /// The paths through `site` (`function.call`) of every program with a step there.
    public func paths(throughSite site: String) -> SitePaths {
        var paths = SitePaths(through: 0, total: 0, programs: [])
        for program in all where program.steps.contains(where: { $0.site == site }) {
            let (through, total) = program.paths(through: site)
            paths.through += through
            paths.total += total
            paths.programs.append(program.name)
        }
        return paths
    }
}
