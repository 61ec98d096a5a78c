@testable import ShootdownChecker
import Testing

/// An integer whose hash is always the same.
struct Clash: Hashable {
    var value: Int
    static func == (lhs: Clash, rhs: Clash) -> Bool { lhs.value == rhs.value }
    func hash(into hasher: inout Hasher) { hasher.combine(42) }
}

@Suite("Internal building blocks")
struct InternalsTests {
    @Test func stateTableStoresInInsertionOrderAndGrows() {
        var table = StateTable<Int>(minimumCapacity: 4)
        let initialSlots = table.slotCount
        for value in 0 ..< 10_000 {
            let (index, inserted) = table.insert(value * 7)
            #expect(inserted && index == value)
        }
        #expect(table.slotCount > initialSlots)
        #expect(table.count == 10_000)
        #expect(Double(table.count) / Double(table.slotCount) <= 0.625)
        for value in stride(from: 0, to: 10_000, by: 37) {
            #expect(table.index(of: value * 7) == value)
            let (index, inserted) = table.insert(value * 7)
            #expect(!inserted && index == value)
        }
        #expect(table.index(of: 3) == nil)
        #expect(table.states[123] == 123 * 7)
    }

    @Test func stateTableSurvivesIdenticalHashes() {
        var table = StateTable<Clash>(minimumCapacity: 1)
        for value in 0 ..< 2_000 {
            #expect(table.insert(Clash(value: value)).inserted)
        }
        for value in 0 ..< 2_000 {
            #expect(table.index(of: Clash(value: value)) == value)
        }
        #expect(table.index(of: Clash(value: -1)) == nil)
        #expect(table.count == 2_000)
    }

    @Test func actorsAreCompactedInOrder() {
        let cases: [(actors: [Int], dense: [Int32])] = [
            ([7, -3, 7, 100_000], [1, 0, 1, 2]),
            ([Int(Int32.max), -3, Int(Int32.max), 100_000], [2, 0, 2, 1]),
        ]
        for (actors, dense) in cases {
            var graph = TransitionGraph()
            for (target, actor) in actors.enumerated() {
                graph.addEdge(to: target, actor: actor)
            }
            graph.finishState()
            graph.compactActors()
            #expect(graph.actorCount == 3)
            #expect(graph.edgeActor == dense)
            #expect(graph.edges(of: 0) == 0 ..< 4)
            #expect(graph.edges(of: 1).isEmpty)
            #expect(!graph.isTerminal(0))
            #expect(!graph.isTerminal(1))
        }
    }
}
