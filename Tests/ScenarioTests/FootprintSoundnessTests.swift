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
        // The seeds, the range-subscriber scenarios and the HMM selftest replays (small enough
        // to enumerate every state and pair of steps).
        for path in BundledScenarios.all
        where path.contains("/Scenarios/seeds/") || path.contains("/Scenarios/hmm/") || path.contains("/Scenarios/notifier/") {
            if let scenario = try? ScenarioLowering.load(contentsOf: path), let world = try? World(scenario.configuration) {
                result.append((path, world))
            }
        }
        // The smallest benchmark scenarios: kernel paths and waiting accesses.
        for name in ["cow-order-N2", "cow-order-N2-b"] {
            let path = BundledScenarios.root + "/Scenarios/bench/\(name).litmus"
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
            // The range-subscriber and HMM scenarios are mostly sequential (rendezvous), with no
            // independent pair; the seeds and bench scenarios must have some.
            let sequential = name.contains("/Scenarios/hmm/") || name.contains("/Scenarios/notifier/")
            #expect(checked > 0 || name.contains("x86") || sequential, "\(name): no independent pair to check")
        }
    }

    @Test("the bench scenarios are among the worlds checked")
    func benchIncluded() {
        #expect(Self.worlds.filter { $0.0.contains("/bench/") }.count == 2)
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
                        for action in actions where Int(action.thread) != idle {
                            let next = world.successor(of: state, via: action)
                            let after = world.futureFootprint(ofThread: thread, in: next, whileIdle: idle)
                            for index in 0..<128 where after.reads.contains(index) || after.writes.contains(index) {
                                #expect(covered.contains(index) || allowed.contains(index),
                                        "\(name): \(action) grows thread \(thread)'s future (\(idle) idle) with \(index)")
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
                        }
                    }
                }
            }
        }
    }
}
