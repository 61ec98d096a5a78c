import ShootdownChecker
import Testing
@testable import ShootdownModel

/// mremap moving a page's VMA and entry to another page (``MremapProgram``).
@Suite("mremap")
struct MremapStepTests {
    static let pages = [PageDeclaration(name: "x", mapping: .present(write: true, dirty: true), value: 1),
                        PageDeclaration(name: "y", mapping: .none, unmapped: true)]

    static func world(_ operations: [Operation], policy: KernelPolicy = .v6_6, registers: [String] = [],
                      prefilled: [PrefilledTranslation] = [], more: [ThreadDeclaration] = []) throws -> World {
        try Fixtures.world(policy: policy, iommu: IOMMUConfiguration(kind: .smmuv3, btm: false), pages: pages,
                           prefilled: prefilled, threads: [Fixtures.cpu(operations, registers: registers)] + more)
    }

    /// Steps thread 0 until it has no operation left, returning the labels of its kernel steps.
    static func run(_ world: World, _ state: inout WorldState) -> [String] {
        var labels: [String] = []
        while !world.isDone(0, in: state), world.choiceCount(of: 0, in: state) > 0 {
            let (next, log) = world.step(0, state)
            if let step = log.step { labels.append(step.label) }
            state = next
        }
        return labels
    }

    @Test("the present entry moves as it is, the old page's TLBs are flushed under the PTLs, the old VMA goes")
    func movesThePresentEntry() throws {
        let world = try Self.world([.kernel(.mremap, page: 0, target: 1)],
                                   prefilled: [PrefilledTranslation(cache: .iotlb, page: 0, writable: true)])
        var state = world.initial
        let before = world.pte(0, in: state)
        let labels = Self.run(world, &state)
        #expect(labels == ["do_mremap: mmap_write_lock_killable", "copy_vma_and_data: copy_vma(new_addr)",
                           "move_ptes: pte_offset_map_lock(old), spin_lock_nested(new)",
                           "move_ptes: get_and_clear_full_ptes(old_addr)", "move_ptes: set_ptes(new_addr)",
                           "move_ptes: flush_tlb_range(old range) if force_flush",
                           "__flush_tlb_range_nosync: mmu_notifier_arch_invalidate_secondary_tlbs",
                           "move_ptes: pte_unmap_unlock", "unmap_source_vma: do_vmi_munmap(old range)",
                           "do_mremap: mmap_write_unlock"])
        #expect(world.pte(1, in: state) == before)
        #expect(world.pte(0, in: state) == .none)
        #expect(world.iotlbEntry(0, state) == nil)
        #expect(world.vmaAllows(1, write: true, in: state))
        #expect(!world.vmaAllows(0, write: false, in: state))
        #expect(world.memoryValue(page: 1, in: state) == 1)
    }

    @Test("MREMAP_DONTUNMAP keeps the old VMA, empty: a read there maps the zero page")
    func dontUnmapKeepsAnEmptyVMA() throws {
        let world = try Self.world([.kernel(.mremapDontUnmap, page: 0, target: 1), .read(page: 0, register: 0),
                                    .read(page: 1, register: 1)], registers: ["d", "c"])
        var state = world.initial
        _ = Self.run(world, &state)
        #expect(world.register(0, of: 0, in: state) == 0)
        #expect(world.register(1, of: 0, in: state) == 1)
        #expect(world.vmaAllows(0, write: true, in: state))
    }

    @Test("a swap entry keeps its meaning at the new page: the fault there reads the page back")
    func movesASwapEntry() throws {
        let world = try Self.world([.kernel(.reclaimUnbatched, page: 0), .kernel(.mremap, page: 0, target: 1),
                                    .read(page: 1, register: 0), .read(page: 0, register: 1)], registers: ["c", "d"])
        var state = world.initial
        _ = Self.run(world, &state)
        #expect(world.register(0, of: 0, in: state) == 1)
        #expect(world.register(1, of: 0, in: state) == nil)  // no VMA at x: the read faults
        #expect(world.pte(1, in: state).present)
        #expect(!state.flag(world.layout.framePoolExhausted))
    }

    @Test("without a VMA at the old page nothing moves (vma_lookup: -EFAULT)")
    func missingVMAMovesNothing() throws {
        let world = try Self.world([.munmap(page: 0), .kernel(.mremap, page: 0, target: 1)])
        var state = world.initial
        let labels = Self.run(world, &state)
        #expect(!labels.contains("move_ptes: set_ptes(new_addr)"))
        #expect(!world.vmaAllows(1, write: false, in: state))
        #expect(world.pte(1, in: state) == .none)
    }

    @Test("the old era leaves the IOTLB entry of the old page to range_end, after the PTLs are dropped")
    func oldEraNotifiesAtRangeEnd() throws {
        let world = try Self.world([.kernel(.mremap, page: 0, target: 1)], policy: .v6_2,
                                   prefilled: [PrefilledTranslation(cache: .iotlb, page: 0, writable: true)])
        var state = world.initial
        while world.step(0, state).1.step?.kind != .unlockPTL { state = world.step(0, state).0 }
        state = world.step(0, state).0
        #expect(world.iotlbEntry(0, state) != nil)
        let (ended, log) = world.step(0, state)
        #expect(log.step?.kind == .rangeEnd(onlyEnd: false))
        #expect(world.iotlbEntry(0, ended) == nil)
    }

    @Test("the page's frames follow its entry: the new page may map them, and faults there allocate for them")
    func framesFollowTheEntry() throws {
        let reader = ThreadDeclaration(name: "CPU1", kind: .cpu, operations: [.read(page: 1, register: 0)], registers: ["c"])
        let world = try Self.world([.kernel(.reclaim, page: 0), .kernel(.mremap, page: 0, target: 1)], more: [reader])
        #expect(Set(world.framesOfPage[0]).isSubset(of: Set(world.framesOfPage[1])))
        // The swap entry reclaim leaves at x may be read back at y: CPU1 owns a frame for it.
        #expect(world.ownFrames[1][1].count == 1)
        #expect(world.configuration.moveSources(of: 1) == [1, 0])
    }

    @Test("the moving steps declare both pages in their footprints")
    func footprintsNameBothPages() throws {
        let world = try Self.world([.kernel(.mremap, page: 0, target: 1)])
        var state = world.initial
        var seen: Set<String> = []
        while !world.isDone(0, in: state) {
            let footprint = world.footprint(of: WorldAction(thread: 0), in: state)
            let (next, log) = world.step(0, state)
            switch log.step?.kind {
            case .copyVMA?, .setMovedPTE?:
                #expect(footprint.writes.contains(world.locations.pte(1)))
                #expect(footprint.reads.contains(world.locations.pte(0)))
                seen.insert("\(log.step!.kind)")
            case .takeMovedPTE?, .unmapSourceVMA?:
                #expect(footprint.writes.contains(world.locations.pte(0)))
                seen.insert("\(log.step!.kind)")
            default:
                break
            }
            state = next
        }
        #expect(seen.count == 4)
        // Until mremap returns, its future reaches both pages.
        let future = world.futureFootprint(of: 0, in: world.initial)
        #expect(future.writes.contains(world.locations.pte(0)) && future.writes.contains(world.locations.pte(1)))
    }
}
