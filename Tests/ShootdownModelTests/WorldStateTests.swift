import Testing
@testable import ShootdownModel

@Suite("Packed state")
struct WorldStateTests {
    @Test("fields round-trip and do not disturb their neighbours")
    func roundTrip() throws {
        var allocator = BitAllocator()
        let a = try allocator.allocate(3)
        let b = try allocator.allocate(61)
        let c = try allocator.allocate(5)
        #expect(a.word == 0 && b.word == 0 && c.word == 1)
        var state = WorldState()
        state.set(a, 5)
        state.set(b, (1 << 61) - 1)
        state.set(c, 17)
        #expect(state.get(a) == 5)
        #expect(state.get(b) == (1 << 61) - 1)
        #expect(state.get(c) == 17)
        state.set(a, 9)  // truncated to three bits
        #expect(state.get(a) == 1)
        #expect(state.get(b) == (1 << 61) - 1)
    }

    @Test("running out of bits is an error, not a trap")
    func overflow() {
        var allocator = BitAllocator()
        #expect(throws: ModelError.self) {
            for _ in 0..<20 { _ = try allocator.allocate(64) }
        }
    }

    @Test("PTE and cached-translation encodings round-trip")
    func encodings() {
        let entry = PageTableEntry(present: true, write: true, dirty: false, frame: 6)
        #expect(PageTableEntry(encoded: entry.encoded()) == entry)
        #expect(PageTableEntry(encoded: PageTableEntry.none.encoded()) == .none)
        let cached = CachedTranslation(frame: 3, writable: false)
        #expect(CachedTranslation.decode(CachedTranslation.encode(cached)) == cached)
        #expect(CachedTranslation.decode(CachedTranslation.encode(nil)) == nil)
    }

    @Test("arm64 treats a writable clean PTE as hardware read-only; x86 does not")
    func hardwareWritable() {
        let clean = PageTableEntry(present: true, write: true, dirty: false, frame: 1)
        #expect(!Architecture.arm64.rules.hardwareWritable(clean))
        #expect(Architecture.x86.rules.hardwareWritable(clean))
        var dirty = clean
        dirty.dirty = true
        #expect(Architecture.arm64.rules.hardwareWritable(dirty))
    }
}
