import Testing
@testable import ShootdownModel

@Suite("Repair candidates are policy rewrites at the offending path's sites")
struct RepairCandidateTests {
    let programs = KernelPrograms(architecture: .arm64, policy: .v6_2)

    func site(_ site: String, in program: Program) -> Int? {
        program.ops.firstIndex { if case let .step(step) = $0 { return step.site == site } else { return false } }
    }

    @Test("The PTL is held after the steps between pte_offset_map_lock and pte_unmap_unlock, and only there")
    func ptlAnalysis() throws {
        #expect(programs.holdsPTL(afterSite: "handle_pte_fault.pte_offset_map_lock") == true)
        #expect(programs.holdsPTL(afterSite: "__ptep_set_access_flags.flush_tlb_page") == true)
        #expect(programs.holdsPTL(afterSite: "wp_page_copy.ptep_clear_flush_notify") == true)
        #expect(programs.holdsPTL(afterSite: "handle_pte_fault.pte_unmap_unlock") == false)
        #expect(programs.holdsPTL(afterSite: "wp_page_copy.mmu_notifier_invalidate_range_only_end") == false)
        #expect(programs.holdsPTL(afterSite: "no_such_function.no_such_call") == nil)
    }

    @Test("Path counts: a conditional step splits a path, a site runs on a subset of the paths")
    func pathCounts() {
        let flush = programs.paths(throughSite: "__ptep_set_access_flags.flush_tlb_page")
        let lock = programs.paths(throughSite: "handle_pte_fault.pte_offset_map_lock")
        #expect(flush.programs == ["handle_mm_fault"])
        #expect(flush.total == lock.total)
        #expect(0 < flush.through && flush.through < lock.through && lock.through < lock.total)
    }

    @Test("One insertion per distinct site, each right after it, with the era's call for the page")
    func everySite() throws {
        let steps = programs.fault.steps
        let placements = RepairCandidates.placements(offending: steps + steps, programs: programs, era: .invalidateRange)
        let inserted = placements.filter { !$0.movesNotification }
        #expect(Set(inserted.map(\.anchor.site)) == Set(steps.map(\.site)))
        #expect(inserted.count == Set(steps.map(\.site)).count)
        for placement in inserted {
            #expect(placement.notification.kind == .notifySecondary(.page))
            #expect(placement.notification.call == "mmu_notifier_invalidate_range")
            #expect(placement.notification.condition == placement.anchor.condition)
            #expect(placement.rewrites == [ProgramRewrite(afterSite: placement.anchor.site, steps: [placement.notification])])
        }
        let newEra = RepairCandidates.placements(offending: steps, programs: programs, era: .archInvalidateSecondaryTLBs)
        #expect(newEra.allSatisfy { $0.notification.call == "mmu_notifier_arch_invalidate_secondary_tlbs" })
    }

    @Test("The placement after arm64's flush_tlb_page is patch-v2's rewrite, under the PTL")
    func patchV2() throws {
        let steps = programs.fault.steps
        let placement = try #require(RepairCandidates.placements(offending: steps, programs: programs, era: .invalidateRange)
            .first { $0.anchor.site == "__ptep_set_access_flags.flush_tlb_page" })
        // patch-v2's page-size hunk (its other hunk is for contiguous hugepages).
        let pageHunk = KernelPolicy.patchV2.rewrites.filter { $0.site == "__ptep_set_access_flags.flush_tlb_page" }
        #expect(placement.rewrites == pageHunk)
        #expect(placement.underPTL)
        let repaired = KernelPrograms(architecture: .arm64, policy: KernelPolicy.v6_2.repaired(by: [placement]))
        let patched = KernelPrograms(architecture: .arm64, policy: KernelPolicy(
            name: "patch-v2-page", summary: "", era: .invalidateRange, rewrites: pageHunk))
        #expect(repaired.fault.steps == patched.fault.steps)
    }

    @Test("A notifying range_end after the PTL is dropped gives moves: a notify under the PTL, range_end made only_end")
    func moves() throws {
        let policy = KernelPolicy.deferCOWNotifyToRangeEnd
        let programs = KernelPrograms(architecture: .arm64, policy: policy)
        let steps = programs.fault.steps
        let moves = RepairCandidates.placements(offending: steps, programs: programs, era: policy.era)
            .filter(\.movesNotification)
        #expect(!moves.isEmpty)
        for move in moves {
            #expect(move.underPTL && move.anchor.function == "wp_page_copy")
            #expect(move.kind == .moveUnderPTL(from: Step(.rangeEnd(onlyEnd: false), in: "wp_page_copy", file: "mm/memory.c",
                                                          call: "mmu_notifier_invalidate_range_end")))
        }
        let clear = try #require(moves.first { $0.anchor.site == "wp_page_copy.ptep_clear_flush" })
        let repaired = KernelPrograms(architecture: .arm64, policy: policy.repaired(by: [clear])).fault.steps
        let index = try #require(repaired.firstIndex { $0.site == "wp_page_copy.ptep_clear_flush" })
        #expect(repaired[index + 1].kind == .notifySecondary(.page))
        #expect(!repaired.contains { $0.kind == .rangeEnd(onlyEnd: false) && $0.function == "wp_page_copy" })
        #expect(repaired.contains { $0.kind == .rangeEnd(onlyEnd: true) && $0.function == "wp_page_copy" })
    }
}
