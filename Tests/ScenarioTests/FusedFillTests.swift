import ShootdownChecker
import ShootdownLitmus
@testable import ShootdownModel
import Testing

/// Fused speculative fills examine, after each pending fill, only the threads the fill can
/// affect. These tests compare the fused actions offered in every reachable state with those of
/// the plain definition, which examines every thread after every fill.
@Suite("Fused fills")
struct FusedFillTests {
    /// Every world of ``FootprintSoundnessTests`` that has speculative walkers, with fusion on.
    static var fusedWorlds: [(String, World)] {
        FootprintSoundnessTests.worlds.compactMap { name, world in
            guard !world.prefetchers.isEmpty, world.configuration.tlbCapacity == nil else { return nil }
            var configuration = world.configuration
            configuration.fusedSpeculativeFills = true
            guard let fused = try? World(configuration), fused.fusesSpeculativeFills else { return nil }
            return (name, fused)
        }
    }

    /// The fused actions by their definition: for each pending fill, every non-walker thread's
    /// steps in the filled state that depend on it, each also with every subset of further
    /// (higher-page) fills it depends on and that keeps it enabled.
    static func definedFusedActions(_ world: World, in state: WorldState) -> [WorldAction] {
        var actions: [WorldAction] = []
        var log = StepLog.off
        let pending = world.prefetchers.filter { world.isPrefetchCandidate($0.page, in: state) }
        let fillFootprints = pending.map { world.stepFootprint(of: WorldAction(thread: $0.thread), in: state) }
        for (index, walker) in pending.enumerated() {
            let filled = world.prefetch(page: walker.page, state, log: &log)
            for thread in world.roles.indices {
                if case .iommuPrefetcher = world.roles[thread] { continue }
                for choice in 0 ..< world.choiceCount(of: thread, in: filled) {
                    let step = WorldAction(thread: thread, choice: choice)
                    let footprint = world.stepFootprint(of: step, in: filled)
                    guard !footprint.isIndependent(of: fillFootprints[index]) else { continue }
                    let further = pending.indices.filter { $0 > index && !footprint.isIndependent(of: fillFootprints[$0]) }
                    for subset in 0 ..< (1 << further.count) {
                        var fills: UInt64 = 1 << UInt64(walker.page)
                        var before = filled
                        for (bit, other) in further.enumerated() where subset & (1 << bit) != 0 {
                            fills |= 1 << UInt64(pending[other].page)
                            before = world.prefetch(page: pending[other].page, before, log: &log)
                        }
                        if subset != 0 && world.choiceCount(of: thread, in: before) <= choice { continue }
                        actions.append(WorldAction(thread: thread, choice: choice, fills: fills))
                    }
                }
            }
        }
        return actions
    }

    @Test("only the threads a fill can affect are examined, and no fused step is lost")
    func sameActionsAsDefinition() {
        let worlds = Self.fusedWorlds
        #expect(!worlds.isEmpty)
        var statesWithFills = 0
        for (name, world) in worlds {
            var actions: [WorldAction] = []
            for state in FootprintSoundnessTests.reachable(world, limit: 50_000) {
                actions.removeAll(keepingCapacity: true)
                world.enabledActions(in: state, into: &actions)
                let offered = actions.filter { $0.fills != 0 }
                let defined = Self.definedFusedActions(world, in: state)
                if !defined.isEmpty { statesWithFills += 1 }
                #expect(offered == defined, "\(name): fused actions differ from their definition")
                if offered != defined { return }
            }
        }
        #expect(statesWithFills > 0)
    }

    @Test("footprints given with the enabled actions are those footprint(of:in:) gives")
    func givenFootprints() {
        var given = 0
        for (name, world) in Self.fusedWorlds {
            var actions: [WorldAction] = []
            var footprints: [Footprint] = []
            for state in FootprintSoundnessTests.reachable(world, limit: 50_000) {
                actions.removeAll(keepingCapacity: true)
                footprints.removeAll(keepingCapacity: true)
                world.enabledActions(in: state, into: &actions, footprints: &footprints)
                guard !footprints.isEmpty else { continue }
                given += 1
                #expect(footprints.count == actions.count, "\(name): \(footprints.count) footprints for \(actions.count) actions")
                guard footprints.count == actions.count else { return }
                for (action, footprint) in zip(actions, footprints) where footprint != world.footprint(of: action, in: state) {
                    Issue.record("\(name): the footprint given for \(action) differs from footprint(of:in:)")
                    return
                }
            }
        }
        #expect(given > 0)
    }
}
