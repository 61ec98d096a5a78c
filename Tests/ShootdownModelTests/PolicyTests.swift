import Testing
@testable import ShootdownModel

@Suite("Policies rewrite the step programs")
struct PolicyTests {
    func steps(_ policy: KernelPolicy, _ arch: Architecture = .arm64) -> [Step] {
        KernelPrograms(architecture: arch, policy: policy).fault.steps
    }

    /// The step that follows the first step at `site`.
    func after(_ site: String, in steps: [Step]) -> Step? {
        guard let index = steps.firstIndex(where: { $0.site == site }), index + 1 < steps.count else { return nil }
        return steps[index + 1]
    }

    @Test("v6.2: the arm64 upgrade flushes the CPU TLB and notifies nobody")
    func v62() {
        let program = steps(.v6_2)
        #expect(after("__ptep_set_access_flags.flush_tlb_page", in: program)?.kind == .unlockPTL)
    }

    @Test("v6.6: the flush primitive itself calls arch_invalidate_secondary_tlbs")
    func v66() {
        let next = after("__ptep_set_access_flags.flush_tlb_page", in: steps(.v6_6))
        #expect(next?.kind == .notifySecondary(.page))
        #expect(next?.function == "__flush_tlb_page_nosync")
        #expect(next?.call == "mmu_notifier_arch_invalidate_secondary_tlbs")
    }

    @Test("patch-v2: arm64 __ptep_set_access_flags calls invalidate_range under the PTL")
    func v2() {
        let next = after("__ptep_set_access_flags.flush_tlb_page", in: steps(.patchV2))
        #expect(next?.kind == .notifySecondary(.page))
        #expect(next?.call == "mmu_notifier_invalidate_range")
    }

    @Test("patch-v1: an empty PROTECTION_UPGRADE start/end after the unlock, only when the PTE changed")
    func v1() {
        let program = steps(.patchV1)
        let next = after("handle_pte_fault.pte_unmap_unlock", in: program)
        #expect(next?.kind == .rangeStart(.protectionUpgrade))
        #expect(next?.condition == .changed)
        #expect(after("wp_page_reuse.pte_unmap_unlock", in: program) == nil
                || after("wp_page_reuse.pte_unmap_unlock", in: program)?.function != "wp_page_reuse")
        let reuse = after("wp_page_reuse.pte_unmap_unlock", in: steps(.patchV1Reuse))
        #expect(reuse?.kind == .rangeStart(.protectionUpgrade))
    }

    @Test("x86 never flushes on an upgrade, in either era")
    func x86() {
        for policy in [KernelPolicy.v6_2, .v6_6] {
            #expect(!steps(policy, .x86).contains { $0.kind == .flushTLBPage })
        }
    }

    @Test("the old era's wp_page_copy notifies under the PTL and ends with only_end")
    func cowOld() {
        let program = steps(.v6_2)
        #expect(after("wp_page_copy.ptep_clear_flush_notify", in: program)?.kind == .notifySecondary(.page))
        #expect(program.contains { $0.kind == .rangeEnd(onlyEnd: true) && $0.function == "wp_page_copy" })
    }

    @Test("munmap frees the page only after the gather flush and a notification, in both eras")
    func munmap() {
        for policy in [KernelPolicy.v6_2, .v6_6] {
            let program = KernelPrograms(architecture: .arm64, policy: policy).munmap.steps
            let flush = program.firstIndex { $0.kind == .flushGatherRange }!
            let notify = program.lastIndex { $0.kind == .notifySecondary(.gather) }!
            let free = program.firstIndex { $0.kind == .freeGatheredPages }!
            #expect(flush < notify && notify < free)
        }
    }

    @Test("every built-in policy is found by name")
    func names() {
        for policy in KernelPolicy.all { #expect(KernelPolicy.named(policy.name) == policy) }
        #expect(KernelPolicy.named("v9.9") == nil)
    }
}

@Suite("Notifier registration")
struct RegistrationTests {
    @Test("the new era refuses a subscriber with both secondary-TLB and start/end callbacks")
    func einval() {
        let both = NotifierOps(invalidateRangeStart: true, invalidateRangeEnd: true, secondaryTLB: true)
        #expect(NotifierRegistration.register(both, era: .archInvalidateSecondaryTLBs) == .invalid)
        #expect(NotifierRegistration.register(both, era: .invalidateRange) == .registered)
        #expect(NotifierRegistration.register(.secondaryTLBSubscriber, era: .archInvalidateSecondaryTLBs) == .registered)
        let rangeOnly = NotifierOps(invalidateRangeStart: true, invalidateRangeEnd: true)
        #expect(NotifierRegistration.register(rangeOnly, era: .archInvalidateSecondaryTLBs) == .registered)
    }
}
