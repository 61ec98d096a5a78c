import ShootdownChecker
import ShootdownLitmus
@testable import ShootdownModel
import Testing

/// Partial-order reduction trusts the model's footprints. These tests check them against the
/// model itself on every reachable state of small scenarios: steps declared independent must
/// commute and must not enable or disable each other, and a thread's future footprint must
/// cover every step it later takes.
@Suite("Footprints are sound")
struct FootprintSoundnessTests {
    static let caseB = """
    arm64 case-b-small
    policy = defer-cow-notify-to-range-end
    iommu = smmuv3 btm=off ats=off prefetch=on
    { page a: anon, cow, value 0, pte ro; page b: anon, cow, value 0, pte ro; }
     CPU0                             | CPUW   | DEV0    ;
     madvise(a, MADV_POPULATE_WRITE)  | *a = 1 | r0 = *b ;
                                      | *b = 1 | r1 = *a ;
    exists (DEV0:r0=1 /\\ DEV0:r1=0)
    """

    static var worlds: [(String, World)] {
        var result: [(String, World)] = []
        // Every bundled scenario but the benchmark family and the full case-B forms (the rest
        // are small enough to enumerate every state and pair of steps), each variant of a
        // matrix; `caseB` below stands for case B.
        for path in BundledScenarios.all where !path.contains("/Scenarios/case-b/") {
            guard let matrix = try? ScenarioLowering.loadMatrix(contentsOf: path) else { continue }
            for scenario in matrix.scenarios {
                if let world = try? World(scenario.configuration) { result.append((path, world)) }
            }
        }
        // The smallest benchmark scenarios: kernel paths and waiting accesses.
        for name in ["cow-order-N2", "cow-order-N2-b"] {
            let path = BundledScenarios.root + "/Benchmarks/scenarios/\(name).litmus"
            if let scenario = try? ScenarioLowering.load(contentsOf: path), let world = try? World(scenario.configuration) {
                result.append((path, world))
            }
        }
        if let scenario = try? ScenarioLowering.load(source: caseB, file: "case-b-small.litmus"),
           let world = try? World(scenario.configuration) {
            result.append(("case-b-small", world))
        }
        return result
    }

    /// Every reachable state, by a plain search.
    static func reachable(_ world: World, limit: Int = 200_000) -> [WorldState] {
        var seen = Set(world.initialStates)
        var queue = world.initialStates
        var index = 0
        var actions: [WorldAction] = []
        while index < queue.count && queue.count < limit {
            let state = queue[index]
            index += 1
            actions.removeAll(keepingCapacity: true)
            world.enabledActions(in: state, into: &actions)
            for action in actions {
                let next = world.successor(of: state, via: action)
                if seen.insert(next).inserted { queue.append(next) }
            }
        }
        return queue
    }

    @Test("independent steps commute and keep each other enabled")
    func commute() {
        var total = 0
        for (name, world) in Self.worlds {
            var actions: [WorldAction] = []
            var checked = 0
            for state in Self.reachable(world) {
                actions.removeAll(keepingCapacity: true)
                world.enabledActions(in: state, into: &actions)
                for a in actions {
                    for b in actions where a.thread < b.thread {
                        let fa = world.footprint(of: a, in: state)
                        let fb = world.footprint(of: b, in: state)
                        guard fa.isIndependent(of: fb) else { continue }
                        checked += 1
                        let sa = world.successor(of: state, via: a)
                        let sb = world.successor(of: state, via: b)
                        var afterA: [WorldAction] = []
                        var afterB: [WorldAction] = []
                        world.enabledActions(in: sa, into: &afterA)
                        world.enabledActions(in: sb, into: &afterB)
                        #expect(afterA.contains(b), "\(name): \(a) disables \(b)")
                        #expect(afterB.contains(a), "\(name): \(b) disables \(a)")
                        #expect(world.successor(of: sa, via: b) == world.successor(of: sb, via: a),
                                "\(name): \(a) and \(b) do not commute")
                    }
                }
            }
            total += checked
        }
        #expect(total > 0, "no independent pair to check in any world")
    }

    @Test("the bench scenarios are among the worlds checked")
    func benchIncluded() {
        #expect(Self.worlds.filter { $0.0.contains("/Benchmarks/scenarios/") }.count == 2)
    }

    @Test("a future computed while one thread stands still covers the others' steps and only shrinks")
    func futureWhileIdle() {
        for (name, world) in Self.worlds {
            var actions: [WorldAction] = []
            for state in Self.reachable(world, limit: 20_000) {
                actions.removeAll(keepingCapacity: true)
                world.enabledActions(in: state, into: &actions)
                for idle in world.roles.indices {
                    for thread in world.roles.indices where thread != idle && world.futureDependsOnIdle(thread) {
                        let future = world.futureFootprint(ofThread: thread, in: state, whileIdle: idle)
                        let covered = future.reads.union(future.writes)
                        for action in actions where Int(action.thread) == thread {
                            let step = world.footprint(of: action, in: state)
                            for index in 0..<128 where step.reads.union(step.writes).contains(index) {
                                if index == world.locations.flags || index >= world.locations.local(0) { continue }
                                #expect(covered.contains(index), "\(name): \(action) touches \(index) outside its future while \(idle) is idle")
                            }
                        }
                        let unusedFrames = (0..<world.frameCount).filter { world.frameState($0, in: state) == .unused }
                        let allowed = LocationSet(unusedFrames.map(world.locations.data))
                        for action in actions where Int(action.thread) == thread {
                            let changed = Self.changedLocations(world, from: state, to: world.successor(of: state, via: action))
                            for index in 0..<128 where changed.contains(index) && !allowed.contains(index) {
                                #expect(future.writes.contains(index),
                                        "\(name): \(action) changes \(index) outside its future's writes while \(idle) is idle")
                            }
                        }
                        for action in actions where Int(action.thread) != idle {
                            let next = world.successor(of: state, via: action)
                            let after = world.futureFootprint(ofThread: thread, in: next, whileIdle: idle)
                            for index in 0..<128 where after.reads.contains(index) || after.writes.contains(index) {
                                #expect(covered.contains(index) || allowed.contains(index),
                                        "\(name): \(action) grows thread \(thread)'s future (\(idle) idle) with \(index)")
                                if after.writes.contains(index) {
                                    #expect(future.writes.contains(index) || allowed.contains(index),
                                            "\(name): \(action) grows thread \(thread)'s future writes (\(idle) idle) with \(index)")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("a world that claims no cycle makes progress on every transition")
    func progress() {
        var acyclic = 0
        for (name, world) in Self.worlds where world.isAcyclic {
            acyclic += 1
            var actions: [WorldAction] = []
            for state in Self.reachable(world) {
                actions.removeAll(keepingCapacity: true)
                world.enabledActions(in: state, into: &actions)
                for action in actions {
                    let next = world.successor(of: state, via: action)
                    #expect(world.progressMeasure(of: next) > world.progressMeasure(of: state), "\(name): \(action) makes no progress")
                }
            }
        }
        #expect(acyclic >= 2)
    }

    @Test("a thread's future footprint covers its steps and only shrinks")
    func future() {
        for (name, world) in Self.worlds {
            var actions: [WorldAction] = []
            for state in Self.reachable(world) {
                actions.removeAll(keepingCapacity: true)
                world.enabledActions(in: state, into: &actions)
                for action in actions {
                    let thread = Int(action.thread)
                    let future = world.futureFootprint(ofThread: thread, in: state)
                    let step = world.footprint(of: action, in: state)
                    let covered = future.reads.union(future.writes)
                    let touched = step.reads.union(step.writes)
                    // A thread's own progress, and the sticky violation flags (setting them
                    // commutes, and no guard reads them), are not part of futures.
                    var local = LocationSet()
                    local.insert(world.locations.local(thread))
                    local.insert(world.locations.flags)
                    for index in 0..<128 where touched.contains(index) && !local.contains(index) {
                        if case .device = world.roles[thread], index >= world.locations.local(0) { continue }
                        if case .iopfWorker = world.roles[thread], index >= world.locations.local(0) { continue }
                        #expect(covered.contains(index), "\(name): \(action) touches \(index) outside its future")
                    }
                    let next = world.successor(of: state, via: action)
                    // What the step changes must be among the future's writes, or a candidate
                    // that reads it would look independent. A frame unused before the step, or
                    // after it (allocated, never mapped, and given back), is read by no one else.
                    let unused = LocationSet((0..<world.frameCount).filter {
                        world.frameState($0, in: state) == .unused || world.frameState($0, in: next) == .unused
                    }.map(world.locations.data))
                    let changed = Self.changedLocations(world, from: state, to: next)
                    for index in 0..<128 where changed.contains(index) && !unused.contains(index) {
                        #expect(future.writes.contains(index), "\(name): \(action) changes \(index) outside its future's writes")
                    }
                    for other in world.roles.indices {
                        let before = world.futureFootprint(ofThread: other, in: state)
                        let after = world.futureFootprint(ofThread: other, in: next)
                        // A future may gain only frames that were unused before: no step can
                        // touch such a frame until its owner has allocated and mapped it.
                        let unusedFrames = (0..<world.frameCount).filter { world.frameState($0, in: state) == .unused }
                        let allowed = LocationSet(unusedFrames.map(world.locations.data))
                        for index in 0..<128 where after.reads.contains(index) || after.writes.contains(index) {
                            #expect(before.reads.contains(index) || before.writes.contains(index) || allowed.contains(index),
                                    "\(name): \(action) grows thread \(other)'s future with \(index)")
                            if after.writes.contains(index) {
                                #expect(before.writes.contains(index) || allowed.contains(index),
                                        "\(name): \(action) grows thread \(other)'s future writes with \(index)")
                            }
                        }
                    }
                }
            }
        }
    }

    /// The shared locations whose contents differ between `state` and `next`: PTEs, frames
    /// (state or value) and IOTLB entries.
    static func changedLocations(_ world: World, from state: WorldState, to next: WorldState) -> LocationSet {
        var changed = LocationSet()
        for page in world.configuration.pages.indices where world.pte(page, in: state) != world.pte(page, in: next) {
            changed.insert(world.locations.pte(page))
        }
        for frame in 0..<world.frameCount
        where world.frameState(frame, in: state) != world.frameState(frame, in: next)
            || world.frameValue(frame, in: state) != world.frameValue(frame, in: next) {
            changed.insert(world.locations.data(frame))
        }
        for (page, field) in world.layout.iotlb.enumerated() where state.get(field) != next.get(field) {
            changed.insert(world.locations.iotlb(page))
        }
        return changed
    }
}
