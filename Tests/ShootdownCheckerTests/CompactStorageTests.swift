@testable import ShootdownChecker
import Testing

@Suite("Compact parent links and frontiers")
struct CompactStorageTests {
    @Test func parentLinksReadBack() {
        var links = ParentLinks()
        var parents: [Int] = []
        var generator = SplitMix(seed: 11)
        var parent = 0
        for link in 0 ..< 300_000 {
            let draw = generator.next()
            if link % 50_000 == 49_999 {
                parent += 100_000 // a long run of childless states
            } else if draw % 4 == 0 {
                parent += Int(draw >> 60)
            }
            // Now and then a smaller parent, as the cycle proviso's late successors have.
            let value = draw % 997 == 0 ? parent / 2 : parent
            links.append(parent: value)
            parents.append(value)
        }
        #expect(links.count == parents.count)
        for link in stride(from: 0, to: parents.count, by: 7) {
            #expect(links.parent(of: link) == parents[link])
        }
        #expect(links.parent(of: parents.count - 1) == parents.last)
        // About two bits a link (one per link, one per step of the parent), plus the index.
        #expect(links.words.count * 64 <= parents.count + parent + 64)
    }

    struct Padded: Hashable {
        var small: UInt8
        var large: UInt64
        var flag: Bool
    }

    /// Frontier blocks give back the states appended, coded or not, block by block.
    @Test func frontierRoundTrips() {
        var generator = SplitMix(seed: 5)
        var wide: [WideCounters.State] = []
        var state = WideCounters.State()
        for _ in 0 ..< 1000 {
            state.words[Int(generator.next() % 16)] ^= generator.next() >> (generator.next() % 64)
            wide.append(state)
        }
        expectRoundTrip(wide, coded: true)
        expectRoundTrip((0 ..< 500).map { Padded(small: UInt8($0 % 256), large: UInt64($0) << 40, flag: $0 % 3 == 0) }, coded: true)
        expectRoundTrip((0 ..< 300).map { "state \($0)" }, coded: false)
    }

    func expectRoundTrip<State: Hashable>(_ states: [State], coded: Bool) {
        var frontier = Frontier<State>()
        #expect((frontier.codec != nil) == coded)
        for state in states {
            frontier.append(state)
        }
        frontier.seal()
        #expect(frontier.count == states.count)
        #expect(frontier.blocks.count == (states.count + 63) / 64)
        var decoded: [State] = []
        var buffer: [State] = []
        var words: [UInt64] = []
        for block in frontier.blocks {
            block.decode(with: frontier.codec, into: &buffer, words: &words)
            decoded += buffer
        }
        #expect(decoded == states)
        #expect(frontier.state(at: states.count - 1) == states.last)
        let before = frontier.allocatedBytes
        frontier.release(block: 0)
        #expect(frontier.allocatedBytes < before)
    }
}
