import ShootdownChecker
import Testing
@testable import ShootdownModel

@Suite("Huge mappings: map order, hugetlb mprotect, THP splits")
struct HugeMappingTests {
    static func pages(_ huge: HugeMapping, _ mapping: PageDeclaration.Mapping = .present(write: true, dirty: true),
                      writable: Bool = true) -> [PageDeclaration] {
        ["h0", "h1"].enumerated().map { index, name in
            var page = PageDeclaration(name: name, vmaWritable: writable, mapping: mapping, value: index + 1)
            page.huge = huge
            return page
        }
    }

    static func mirror(_ operations: [Operation], registers: [String]) -> ThreadDeclaration {
        ThreadDeclaration(name: "MIR0", kind: .mirror, operations: operations, registers: registers)
    }

    /// Runs `thread` alone until it has nothing left to do.
    func run(_ world: World, _ thread: Int, _ state: inout WorldState) {
        while !world.isDone(thread, in: state) && world.choiceCount(of: thread, in: state) > 0 {
            state = world.step(thread, state).0
        }
    }

    @Test("SNAPSHOT reports a hugetlb page's map order; mprotect changes the whole huge page and notifies over it")
    func hugetlbSnapshotAndMprotect() throws {
        for level in HugeMappingLevel.allCases {
          for policy in [KernelPolicy.v6_2, .v6_6] {
            // The new era's flush_hugetlb_tlb_range notifies; the old era's range_end does.
            let world = try Fixtures.world(policy: policy, pages: Self.pages(.hugetlb(level)),
                                           prefilled: [PrefilledTranslation(cache: .iotlb, page: 1, writable: true)],
                                           threads: [Fixtures.cpu([.rendezvous, .kernel(.mprotectReadOnly, page: 0)]),
                                                     Self.mirror([.dmirror(.snapshot, page: 1, result: 0), .rendezvous,
                                                                  .rendezvous], registers: ["s"]),
                                                     Fixtures.device([.read(page: 1, register: 0)], registers: ["r"])],
                                           mirror: MirrorConfiguration(kind: .hmm))
            var state = world.initial
            #expect(world.iotlbEntry(1, state) != nil)
            run(world, 1, &state)
            #expect(world.register(0, of: 1, in: state) == SnapshotByte.write | SnapshotByte.order(level))
            run(world, 0, &state)
            #expect(!world.pte(0, in: state).write && !world.pte(1, in: state).write)
            #expect(!world.vmaAllows(1, write: true, in: state))
            // flush_hugetlb_tlb_range notified the whole huge page: page 1's IOTLB entry is gone.
            #expect(world.iotlbEntry(1, state) == nil)
            #expect(world.snapshotByte(1, page: 1, in: state) == SnapshotByte.read | SnapshotByte.order(level))
          }
        }
    }

    @Test("the huge zero page is not the zero pfn: READ|PMD; after its split the zero page: ZERO|READ")
    func hugeZeroPage() throws {
        let world = try Fixtures.world(pages: Self.pages(.transparent, .zeroPage, writable: false),
                                       threads: [Fixtures.cpu([.kernel(.splitHugePMD, page: 1)]),
                                                 Self.mirror([], registers: [])],
                                       mirror: MirrorConfiguration(kind: .hmm))
        var state = world.initial
        #expect(world.snapshotByte(1, page: 0, in: state) == SnapshotByte.read | SnapshotByte.pmd)
        #expect(world.pte(0, in: state).frame == world.hugeZeroFrame)
        run(world, 0, &state)
        for page in 0..<2 {
            #expect(world.pte(page, in: state) == PageTableEntry(present: true, write: false, dirty: false, frame: World.zeroFrame))
            #expect(world.snapshotByte(1, page: page, in: state) == SnapshotByte.zero | SnapshotByte.read)
        }
        #expect(!world.mappedByHugeEntry(0, in: state))
    }

    @Test("split_huge_pmd of one page splits the whole THP; only the new era's flush notifies its range")
    func splitNotifiesTheWholeRange() throws {
        for policy in [KernelPolicy.v6_2, .v6_6] {
            let world = try Fixtures.world(policy: policy, pages: Self.pages(.transparent),
                                           prefilled: [PrefilledTranslation(cache: .iotlb, page: 1, writable: true)],
                                           threads: [Fixtures.cpu([.kernel(.splitHugePMD, page: 0)]),
                                                     Fixtures.device([.read(page: 1, register: 0)], registers: ["r"])])
            var state = world.initial
            #expect(world.iotlbEntry(1, state) != nil)
            run(world, 0, &state)
            #expect(!world.mappedByHugeEntry(1, in: state))
            #expect(world.pte(1, in: state) == PageTableEntry(present: true, write: true, dirty: true, frame: world.initialFrame[1]!))
            #expect((world.iotlbEntry(1, state) == nil) == (policy == .v6_6))
        }
    }

    @Test("MIGRATE_TO_DEV of a page of a THP splits the folio first: the other page stays in RAM, PTE-mapped")
    func migrationSplitsTheTHP() throws {
        let world = try Fixtures.world(pages: Self.pages(.transparent),
                                       threads: [Fixtures.cpu([]),
                                                 Self.mirror([.dmirror(.migrateToDevice, page: 0, result: 0),
                                                              .dmirror(.snapshot, page: 0, result: 1),
                                                              .dmirror(.snapshot, page: 1, result: 2)],
                                                             registers: ["m", "s0", "s1"])],
                                       mirror: MirrorConfiguration(kind: .hmm))
        var state = world.initial
        run(world, 1, &state)
        #expect(world.register(0, of: 1, in: state) == 1)
        #expect(world.register(1, of: 1, in: state) == SnapshotByte.devicePrivateLocal | SnapshotByte.write)
        #expect(world.register(2, of: 1, in: state) == SnapshotByte.write)
        #expect(!world.mappedByHugeEntry(1, in: state))
    }

    @Test("a step at one page of a huge mapping touches every page's PTE (the entry and its huge bit)")
    func footprintsCoverTheMapping() throws {
        let world = try Fixtures.world(pages: Self.pages(.transparent) + [PageDeclaration(name: "y", mapping: .present(write: true, dirty: true))],
                                       threads: [Fixtures.cpu([.kernel(.splitHugePMD, page: 0)])])
        var reads = LocationSet(), writes = LocationSet()
        world.insertStepLocations(.mapSubpages, page: 0, reads: &reads, writes: &writes)
        #expect(writes.contains(world.locations.pte(0)) && writes.contains(world.locations.pte(1)))
        #expect(!writes.contains(world.locations.pte(2)))
        reads = LocationSet()
        writes = LocationSet()
        world.insertStepLocations(.flushHugeRange, page: 1, reads: &reads, writes: &writes)
        #expect(writes.contains(world.locations.cpuTLB(0)))
    }
}
