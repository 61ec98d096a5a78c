import ShootdownChecker
import ShootdownLitmus
@testable import ShootdownModel
import Testing

/// A helper thread explores with a replica of the world. The replica must behave exactly as the
/// world, and share none of the arrays the hot paths read: reading a shared array from two
/// threads retains it from both, so both write its reference count.
@Suite("World replicas")
struct ReplicaTests {
    static let scenario = BundledScenarios.root + "/Scenarios/seeds/munmap-atc-v6.6.litmus"

    /// The first element's address of a non-empty array (empty arrays share one empty buffer).
    func buffer<Element>(_ array: [Element]) -> UnsafeRawPointer? {
        array.isEmpty ? nil : array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test("a replica's configuration arrays are its own")
    func ownArrays() throws {
        let world = try World(ScenarioLowering.load(contentsOf: Self.scenario).configuration)
        let replica = world.replica()
        let original = world.configuration
        let copy = replica.configuration
        #expect(!original.threads.isEmpty && !original.pages.isEmpty && !original.prefilled.isEmpty)
        #expect(buffer(original.threads) != buffer(copy.threads))
        #expect(buffer(original.pages) != buffer(copy.pages))
        #expect(buffer(original.prefilled) != buffer(copy.prefilled))
        for (thread, copied) in zip(original.threads, copy.threads) where !thread.operations.isEmpty {
            #expect(buffer(thread.operations) != buffer(copied.operations))
            #expect(thread.operations == copied.operations)
        }
        #expect(original.pages == copy.pages)
        #expect(original.prefilled == copy.prefilled)
    }

    @Test("a replica has the same actions and successors in every reachable state")
    func sameBehaviour() throws {
        let world = try World(ScenarioLowering.load(contentsOf: Self.scenario).configuration)
        let replica = world.replica()
        var seen: Set<WorldState> = []
        var queue = world.initialStates
        #expect(queue == replica.initialStates)
        while let state = queue.popLast() {
            guard seen.insert(state).inserted else { continue }
            var actions: [WorldAction] = []
            var replicaActions: [WorldAction] = []
            world.enabledActions(in: state, into: &actions)
            replica.enabledActions(in: state, into: &replicaActions)
            #expect(actions == replicaActions)
            for action in actions {
                let next = world.successor(of: state, via: action)
                #expect(next == replica.successor(of: state, via: action))
                queue.append(next)
            }
        }
        #expect(seen.count > 30)
    }
}
