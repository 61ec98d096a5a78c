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

    @Test("extended PTE kinds round-trip, and the plain ones keep their encoding")
    func extendedEncodings() {
        let codec = PTECodec(kindBits: PTECodec.kindBits(devices: 2))
        let entries: [PageTableEntry] = [
            .none, PageTableEntry(present: true, write: false, dirty: true, frame: 5),
            .nonPresent(.swap, frame: 3), .nonPresent(.migration, frame: 4, write: true), .nonPresent(.splitting, frame: 0),
            .nonPresent(.protNone, frame: 2, dirty: true), .nonPresent(.deviceExclusive, frame: 7, write: true),
            .nonPresent(.devicePrivate(owner: 0), frame: 6), .nonPresent(.devicePrivate(owner: 1), frame: 9, write: true),
        ]
        for entry in entries { #expect(codec.decode(codec.encode(entry)) == entry, "\(entry)") }
        for entry in entries.prefix(5) { #expect(PTECodec(kindBits: 0).encode(entry) == entry.encoded()) }
        let mirror = MirrorEntry(frame: 5, tag: .atomic)
        #expect(MirrorEntry.decode(MirrorEntry.encode(mirror)) == mirror)
        #expect(MirrorEntry.decode(MirrorEntry.encode(nil)) == nil)
    }

    @Test("registers hold values, faults and error codes apart")
    func registerEncoding() throws {
        let world = try Fixtures.world(threads: [
            ThreadDeclaration(name: "MIR0", kind: .mirror, operations: [.dmirror(.snapshot, page: 0, result: 0)], registers: ["s"]),
        ], mirror: MirrorConfiguration(kind: .hmm))
        var state = world.initial
        for value in [0, 0xFF, nil] + DmirrorError.allCases.map(\.value) {
            world.setRegister(0, of: 0, to: value, in: &state)
            #expect(world.register(0, of: 0, in: state) == value)
        }
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
