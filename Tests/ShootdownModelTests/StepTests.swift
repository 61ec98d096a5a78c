import Testing
@testable import ShootdownModel

@Suite("Kernel and hardware steps")
struct StepTests {
    @Test("an arm64 CPU write to a writable clean PTE faults and runs the handle_pte_fault tail")
    func cpuUpgrade() throws {
        let world = try Fixtures.world(policy: .v6_2, threads: [Fixtures.cpu([.write(page: 0, value: 1)])])
        var state = world.initial
        let (faulted, log) = world.step(0, state)
        #expect(log.summary.contains("faults"))
        #expect(world.threadPC(0, in: faulted) != 0)
        state = faulted
        let labels = world.runKernel(0, &state)
        #expect(labels == ["handle_pte_fault: pte_offset_map_lock", "handle_pte_fault: ptep_set_access_flags",
                           "__ptep_set_access_flags: flush_tlb_page", "handle_pte_fault: pte_unmap_unlock"])
        #expect(world.pte(0, in: state).dirty)
        // Back in user context: the retried write now hits through a walk.
        let (done, _) = world.step(0, state)
        #expect(world.memoryValue(page: 0, in: done) == 1)
        #expect(world.isDone(0, in: done))
    }

    @Test("x86: the walker writes through a writable clean PTE and sets dirty itself")
    func x86Dirty() throws {
        let world = try Fixtures.world(.x86, iommu: IOMMUConfiguration(kind: .vtd),
                                       threads: [Fixtures.cpu([.write(page: 0, value: 3)])])
        let (next, _) = world.step(0, world.initial)
        #expect(world.isDone(0, in: next))
        #expect(world.pte(0, in: next).dirty)
        #expect(world.memoryValue(page: 0, in: next) == 3)
    }

    @Test("a flush drops the page from every CPU TLB; only BTM makes the SMMU drop its IOTLB entry")
    func flushAndBTM() throws {
        for btm in [false, true] {
            let world = try Fixtures.world(policy: .v6_2, iommu: IOMMUConfiguration(kind: .smmuv3, btm: btm),
                                           prefilled: [PrefilledTranslation(cache: .iotlb, page: 0, writable: false),
                                                       PrefilledTranslation(cache: .cpuTLB(thread: 1), page: 0, writable: false)],
                                           threads: [Fixtures.cpu([.write(page: 0, value: 1)]), Fixtures.cpu([], name: "CPU1")])
            var state = world.initial
            state = world.step(0, state).0
            _ = world.runKernel(0, &state)
            #expect(world.lookup(.cpuTLB(cpu: 1), page: 0, in: state) == nil)
            #expect((world.iotlbEntry(0, state) == nil) == btm)
        }
    }

    @Test("v6.6's notification invalidates the IOTLB without BTM and the ATC always")
    func notify() throws {
        for btm in [false, true] {
            let world = try Fixtures.world(policy: .v6_6, iommu: IOMMUConfiguration(kind: .smmuv3, btm: btm, ats: true),
                                           prefilled: [PrefilledTranslation(cache: .iotlb, page: 0, writable: false),
                                                       PrefilledTranslation(cache: .atc(thread: 1), page: 0, writable: false)],
                                           threads: [Fixtures.cpu([.write(page: 0, value: 1)]), Fixtures.device([])])
            var state = world.step(0, world.initial).0
            let labels = world.runKernel(0, &state)
            #expect(labels.contains("__flush_tlb_page_nosync: mmu_notifier_arch_invalidate_secondary_tlbs"))
            #expect(world.iotlbEntry(0, state) == nil)
            #expect(world.lookup(.atc(device: 0), page: 0, in: state) == nil)
        }
    }

    @Test("an SMMU permission fault keeps the read-only entry; a VT-d one drops it")
    func permissionFault() throws {
        let cases: [(Architecture, IOMMUConfiguration, Bool)] = [
            (.arm64, IOMMUConfiguration(kind: .smmuv3), true),
            (.x86, IOMMUConfiguration(kind: .vtd), false),
        ]
        for (arch, iommu, keeps) in cases {
            let world = try Fixtures.world(arch, policy: .v6_2, iommu: iommu,
                                           pages: [PageDeclaration(name: "x", mapping: .present(write: false, dirty: false))],
                                           prefilled: [PrefilledTranslation(cache: .iotlb, page: 0, writable: false)],
                                           threads: [Fixtures.device([.write(page: 0, value: 2)])])
            let (next, log) = world.step(0, world.initial)
            #expect(log.cost.pageRequests == 1)
            #expect((world.iotlbEntry(0, next) != nil) == keeps)
            #expect(world.choiceCount(of: 0, in: next) == 0, "the device waits for the page response")
            #expect(world.choiceCount(of: 1, in: next) == 1, "the IOPF worker has work")
        }
    }

    @Test("munmap frees the frame only at the end, after clearing the PTE and flushing")
    func munmap() throws {
        let world = try Fixtures.world(policy: .v6_6, iommu: IOMMUConfiguration(kind: .smmuv3, ats: true),
                                       pages: [PageDeclaration(name: "x", mapping: .present(write: true, dirty: true), value: 1)],
                                       prefilled: [PrefilledTranslation(cache: .atc(thread: 1), page: 0, writable: true)],
                                       threads: [Fixtures.cpu([.munmap(page: 0)]), Fixtures.device([.read(page: 0, register: 0)], registers: ["r0"])])
        var state = world.initial
        var labels: [String] = []
        while !world.isDone(0, in: state) {
            let (next, log) = world.step(0, state)
            if let step = log.step { labels.append(step.label) }
            if !world.isDone(0, in: next) {
                #expect(world.frameState(1, in: next) == .allocated, "freed before the end: \(labels)")
            }
            state = next
        }
        #expect(labels.last == "tlb_flush_mmu_free: free_pages_and_swap_cache")
        #expect(world.frameState(1, in: state) == .freed)
        #expect(world.lookup(.atc(device: 0), page: 0, in: state) == nil)
        #expect(!world.pte(0, in: state).present)
    }

    @Test("reading through a stale ATC entry after the frame is freed sets the violation")
    func staleATC() throws {
        let world = try Fixtures.world(policy: .smmuSkipNotifierWithBTM,
                                       iommu: IOMMUConfiguration(kind: .smmuv3, btm: true, ats: true),
                                       pages: [PageDeclaration(name: "x", mapping: .present(write: true, dirty: true), value: 1)],
                                       prefilled: [PrefilledTranslation(cache: .atc(thread: 1), page: 0, writable: true)],
                                       threads: [Fixtures.cpu([.munmap(page: 0)]), Fixtures.device([.read(page: 0, register: 0)], registers: ["r0"])])
        #expect(!world.notifierRegistered)
        var state = world.initial
        while !world.isDone(0, in: state) { state = world.step(0, state).0 }
        let (read, _) = world.step(1, state)
        #expect(world.register(0, of: 1, in: read) == 1)
        #expect(world.invariants[0].holds(state))
        #expect(!world.invariants[0].holds(read))
    }

    @Test("a fill into a full TLB offers one alternative per victim")
    func capacity() throws {
        let pages = ["x", "y", "z"].map { PageDeclaration(name: $0, mapping: .present(write: true, dirty: true)) }
        let world = try Fixtures.world(pages: pages,
                                       prefilled: [PrefilledTranslation(cache: .iotlb, page: 0, writable: true),
                                                   PrefilledTranslation(cache: .iotlb, page: 1, writable: true)],
                                       threads: [Fixtures.device([.read(page: 2, register: 0)], registers: ["r0"])],
                                       capacity: 2)
        #expect(world.choiceCount(of: 0, in: world.initial) == 2)
        var actions: [WorldAction] = []
        world.enabledActions(in: world.initial, into: &actions)
        let outcomes = actions.map { world.successor(of: world.initial, via: $0) }
        #expect(outcomes.allSatisfy { world.iotlbEntry(2, $0) != nil })
        #expect(world.iotlbEntry(0, outcomes[0]) == nil && world.iotlbEntry(1, outcomes[0]) != nil)
        #expect(world.iotlbEntry(1, outcomes[1]) == nil && world.iotlbEntry(0, outcomes[1]) != nil)
    }

    @Test("a COW write copies the page: clear, notify and install under one PTL hold")
    func cowCopy() throws {
        let world = try Fixtures.world(policy: .v6_6, iommu: IOMMUConfiguration(kind: .smmuv3, ats: true),
                                       pages: [PageDeclaration(name: "x", mapping: .present(write: false, dirty: false), cowShared: true, value: 4)],
                                       prefilled: [PrefilledTranslation(cache: .atc(thread: 1), page: 0, writable: false)],
                                       threads: [Fixtures.cpu([.write(page: 0, value: 5)]), Fixtures.device([])])
        var state = world.step(0, world.initial).0
        let labels = world.runKernel(0, &state)
        // range_start and range_end reach no subscriber here, so they run with the step before them.
        #expect(labels == ["handle_pte_fault: pte_offset_map_lock", "do_wp_page: pte_unmap_unlock", "wp_page_copy: __wp_page_copy_user",
                           "wp_page_copy: pte_offset_map_lock",
                           "wp_page_copy: ptep_clear_flush", "__flush_tlb_page_nosync: mmu_notifier_arch_invalidate_secondary_tlbs",
                           "wp_page_copy: set_pte_at", "wp_page_copy: pte_unmap_unlock"])
        let entry = world.pte(0, in: state)
        #expect(entry.frame != 1 && entry.write && entry.dirty)
        #expect(world.frameValue(entry.frame, in: state) == 4, "the copy carries the old contents")
        #expect(world.frameState(1, in: state) == .allocated, "the other process still maps the old page")
        #expect(world.lookup(.atc(device: 0), page: 0, in: state) == nil)
    }

    @Test("configurations the model does not support are refused")
    func validation() {
        #expect(throws: ModelError.self) {
            _ = try Fixtures.world(.x86, iommu: IOMMUConfiguration(kind: .smmuv3), threads: [Fixtures.cpu([])])
        }
        #expect(throws: ModelError.self) {
            _ = try Fixtures.world(threads: [Fixtures.device([.munmap(page: 0)])])
        }
    }
}
