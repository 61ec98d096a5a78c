import ShootdownChecker
import Testing

@Suite("Location sets and footprints")
struct LocationSetTests {
    @Test func insertAndContains() {
        var set = LocationSet()
        #expect(set.isEmpty)
        set.insert(0)
        set.insert(63)
        set.insert(64)
        set.insert(127)
        #expect(!set.isEmpty)
        #expect(set.count == 4)
        for index in [0, 63, 64, 127] {
            #expect(set.contains(index))
        }
        for index in [1, 62, 65, 126] {
            #expect(!set.contains(index))
        }
    }

    @Test func largeIndicesAreFolded() {
        let set = LocationSet([130, 256 + 64])
        #expect(set.contains(2))
        #expect(set.contains(130))
        #expect(set.contains(64))
        #expect(!set.contains(3))
        #expect(set.count == 2)
        #expect(set.intersects([2]))
    }

    @Test func unionAndIntersection() {
        let low: LocationSet = [1, 2]
        let high: LocationSet = [70, 100]
        #expect(!low.intersects(high))
        #expect(low.union(high) == [1, 2, 70, 100])
        #expect(low.union(high).intersects(high))
        #expect(LocationSet.all.count == LocationSet.capacity)
        #expect(LocationSet.all.intersects([99]))
        #expect(!LocationSet().intersects(.all))
        var grown = low
        grown.formUnion(high)
        #expect(grown == low.union(high))
    }

    @Test func independence() {
        let readX = Footprint(actor: 0, reads: [0])
        let readXOther = Footprint(actor: 1, reads: [0])
        let writeX = Footprint(actor: 1, writes: [0])
        let writeY = Footprint(actor: 1, writes: [1])
        let writeXY = Footprint(actor: 2, reads: [5], writes: [0, 1])
        #expect(readX.isIndependent(of: readXOther))
        #expect(!readX.isIndependent(of: writeX))
        #expect(!writeX.isIndependent(of: readX))
        #expect(readX.isIndependent(of: writeY))
        #expect(!writeY.isIndependent(of: writeXY))
        #expect(!writeXY.isIndependent(of: writeX))
        // Same actor: never independent, even with disjoint locations.
        #expect(!Footprint(actor: 3, reads: [1]).isIndependent(of: Footprint(actor: 3, reads: [2])))
        #expect(Footprint(actor: 3).isIndependent(of: Footprint(actor: 4)))
    }

    @Test("inserting a bit mask at an offset equals inserting each location", arguments: [0, 1, 3, 37, 63, 64, 65, 100, 127, 128, 200])
    func insertBits(offset: Int) {
        for bits: UInt64 in [0, 1, 0b1011, 0xFFFF, 0x8000_0000_0000_0001, .max] {
            var fast = LocationSet()
            fast.insert(bits: bits, at: offset)
            var slow = LocationSet()
            for bit in 0..<64 where bits & (1 << UInt64(bit)) != 0 { slow.insert(offset + bit) }
            #expect(fast == slow, "bits \(bits) at \(offset)")
        }
    }

    @Test("reading the bits at an offset agrees with contains", arguments: [0, 1, 3, 37, 63, 64, 65, 100, 127, 128, 200, -1])
    func readBits(offset: Int) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 50 {
            let set = LocationSet((0 ..< 128).filter { _ in Bool.random(using: &generator) })
            var expected: UInt64 = 0
            for bit in 0 ..< 64 where set.contains(offset + bit) { expected |= 1 << UInt64(bit) }
            #expect(set.bits(at: offset) == expected, "offset \(offset)")
        }
    }
}
