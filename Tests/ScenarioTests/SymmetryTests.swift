import ShootdownChecker
import ShootdownLitmus
@testable import ShootdownModel
import Testing

/// Symmetry reduction stores one state per class of states that differ only by a permutation
/// of interchangeable devices. That is sound only if permuting is an automorphism of the
/// model: a state and its canonical form must have the same successors, up to canonical form.
@Suite("Symmetry of interchangeable devices")
struct SymmetryTests {
    static let twoDevices = """
    arm64 two-devices
    policy = v6.6
    iommu = smmuv3 btm=off ats=on
    { page a: anon, cow, value 0, pte ro; page b: anon, value 0, pte rw clean; atc DEV1 a: ro; }
     CPU0    | DEV0    | DEV1    ;
     *a = 1  | r0 = *a | r0 = *a ;
     *b = 1  | *b = 2  | *b = 2  ;
    exists (DEV0:r0=1 \\/ DEV1:r0=1)
    """

    func world() throws -> (World, Scenario) {
        let scenario = try ScenarioLowering.load(source: Self.twoDevices, file: "two-devices.litmus")
        return (try World(scenario.configuration), scenario)
    }

    func canonicalSuccessors(_ world: World, _ state: WorldState) -> Set<WorldState> {
        var actions: [WorldAction] = []
        world.enabledActions(in: state, into: &actions)
        return Set(actions.map { world.canonical(world.successor(of: state, via: $0)) })
    }

    @Test("the devices form one group and the condition is symmetric")
    func groups() throws {
        let (world, scenario) = try world()
        #expect(world.symmetryGroups == [[0, 1]])
        #expect(world.isSymmetric(scenario.final!.predicate))
        #expect(!world.isSymmetric(.register(thread: 1, register: 0, value: 1)))
    }

    @Test("a state and its canonical form have the same canonical successors")
    func automorphism() throws {
        let (world, _) = try world()
        let states = FootprintSoundnessTests.reachable(world)
        var moved = 0
        for state in states {
            let canonical = world.canonical(state)
            #expect(world.canonical(canonical) == canonical)
            if canonical != state { moved += 1 }
            #expect(canonicalSuccessors(world, state) == canonicalSuccessors(world, canonical))
        }
        #expect(moved > 0, "no state was permuted: the test would prove nothing")
        let classes = Set(states.map(world.canonical))
        #expect(classes.count < states.count)
    }
}
