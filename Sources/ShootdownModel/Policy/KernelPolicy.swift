/// A kernel version or patch, as data: the notifier era its code belongs to, the edits it makes
/// to the step programs, and the subscriber behaviour it implies.
public struct KernelPolicy: Sendable, Equatable {
    /// The name scenarios use (`v6.2`, `patch-v1`, …).
    public let name: String
    /// One line saying what the policy is.
    public let summary: String
    /// Which secondary-TLB callback the code calls, and from where.
    public let era: NotifierEra
    /// Edits applied to the era's programs.
    public let rewrites: [ProgramRewrite]
    /// A deliberately broken choice: an SMMU with BTM registers no MMU notifier at all, on the
    /// theory that it snoops every CPU TLBI. BTM never reaches a device's ATC.
    public let smmuSkipsNotifierWithBTM: Bool
    /// A deliberately broken choice: the IOMMU's `release` callback flushes its TLBs but leaves
    /// translation enabled, so the device may walk the page tables again after the
    /// subscription is unhashed.
    public let releaseKeepsTranslation: Bool

    public init(name: String, summary: String, era: NotifierEra, rewrites: [ProgramRewrite] = [],
                smmuSkipsNotifierWithBTM: Bool = false, releaseKeepsTranslation: Bool = false) {
        self.name = name
        self.summary = summary
        self.era = era
        self.rewrites = rewrites
        self.smmuSkipsNotifierWithBTM = smmuSkipsNotifierWithBTM
        self.releaseKeepsTranslation = releaseKeepsTranslation
    }
}

extension KernelPolicy {
    /// Every built-in policy.
    public static let all: [KernelPolicy] = [v6_2, patchV1, patchV1Reuse, patchV2, v6_6, smmuSkipNotifierWithBTM,
                                             deferCOWNotifyToRangeEnd, tlbbatchAddPendingNoNotify,
                                             reclaimFreeBeforeRangeEnd, ksmWrprotectOnlyEnd, patchV1UnderPTL,
                                             releaseKeepsTranslation, oomReapEndAfterEAGAIN, mremapFlushAfterUnlock]

    /// Looks a policy up by name.
    public static func named(_ name: String) -> KernelPolicy? { all.first { $0.name == name } }

    /// Linux v6.2: the `invalidate_range` era. arm64's `__ptep_set_access_flags` flushes the CPU
    /// TLB on an upgrade and tells no secondary TLB.
    public static let v6_2 = KernelPolicy(
        name: "v6.2",
        summary: "invalidate_range era; a permission upgrade flushes the CPU TLB only",
        era: .invalidateRange)

    /// The notification the v1 patch adds after the PTL is dropped: an empty
    /// start/end pair with `MMU_NOTIFY_PROTECTION_UPGRADE`, only when the PTE changed; the old
    /// era's `range_end` then calls `invalidate_range`.
    static func v1UpgradeNotification(in function: String) -> [Step] {
        [Step(.rangeStart(.protectionUpgrade), in: function, file: "mm/memory.c",
              call: "mmu_notifier_invalidate_range_start(PROTECTION_UPGRADE)", when: .changed),
         Step(.rangeEnd(onlyEnd: false), in: function, file: "mm/memory.c",
              call: "mmu_notifier_invalidate_range_end", when: .changed)]
    }

    /// "[PATCH] mmu_notifiers: Notify on pte permission upgrades" (2023-05-22): generic code,
    /// after `pte_unmap_unlock` in `handle_pte_fault` (and `insert_pfn`, `__wp_page_copy_user`,
    /// `hugetlb_fault`), when `ptep_set_access_flags` changed the PTE. The posted diff shows no
    /// hunk for `wp_page_reuse`; see ``patchV1Reuse`` for the variant that assumes one.
    public static let patchV1 = KernelPolicy(
        name: "patch-v1",
        summary: "v6.2 + empty range_start/end (PROTECTION_UPGRADE) after the PTL is dropped in handle_pte_fault",
        era: .invalidateRange,
        rewrites: [ProgramRewrite(afterSite: "handle_pte_fault.pte_unmap_unlock",
                                  steps: v1UpgradeNotification(in: "handle_pte_fault")),
                   ProgramRewrite(afterSite: "hugetlb_fault.spin_unlock",
                                  steps: v1UpgradeNotification(in: "hugetlb_fault"))])

    /// ``patchV1`` assuming it also covered `wp_page_reuse` (not visible in the posted diff;
    /// an inference kept as an explicit option rather than a silent choice).
    public static let patchV1Reuse = KernelPolicy(
        name: "patch-v1+reuse",
        summary: "patch-v1, also notifying after wp_page_reuse (assumed, not in the posted diff)",
        era: .invalidateRange,
        rewrites: patchV1.rewrites + [ProgramRewrite(afterSite: "wp_page_reuse.pte_unmap_unlock",
                                                     steps: v1UpgradeNotification(in: "wp_page_reuse"))])

    /// "[PATCH 2/2] arm64: Notify on pte permission upgrades" (2023-05-24): arm64's
    /// `__ptep_set_access_flags` calls `mmu_notifier_invalidate_range` for the page right after
    /// `flush_tlb_page`, under the PTL.
    public static let patchV2 = KernelPolicy(
        name: "patch-v2",
        summary: "v6.2 + arm64 __ptep_set_access_flags notifies secondary TLBs after flush_tlb_page, under the PTL",
        era: .invalidateRange,
        rewrites: [ProgramRewrite(
            afterSite: "__ptep_set_access_flags.flush_tlb_page",
            steps: [Step(.notifySecondary(.page), in: "__ptep_set_access_flags", file: "arch/arm64/mm/fault.c",
                         call: "mmu_notifier_invalidate_range")]),
                   // The contiguous-hugepage hunk, with the range exactly as posted: `pgsize + ncontig`
                   // where the flush covers `pgsize * ncontig` (KERNEL-FACTS §2.1).
                   ProgramRewrite(
            afterSite: "huge_ptep_set_access_flags.get_clear_contig_flush: flush_tlb_range(pgsize * ncontig)",
            steps: [Step(.notifySecondary(.contigSlip), in: "huge_ptep_set_access_flags", file: "arch/arm64/mm/hugetlbpage.c",
                         call: "mmu_notifier_invalidate_range(addr, addr + (pgsize + ncontig))")])])

    /// Linux v6.6 (commit 6bbd42e2df8f and the rename): every architecture TLB-flush primitive
    /// for a user mm calls `arch_invalidate_secondary_tlbs`; `range_end` no longer does.
    public static let v6_6 = KernelPolicy(
        name: "v6.6",
        summary: "arch_invalidate_secondary_tlbs from every CPU TLB-flush primitive",
        era: .archInvalidateSecondaryTLBs)

    /// A broken variant for the 2023 review question "can an SMMU with BTM skip registering a
    /// notifier?": v6.6 code, but the SMMU with BTM registers none, so nothing invalidates ATCs.
    public static let smmuSkipNotifierWithBTM = KernelPolicy(
        name: "smmu-skip-notifier-with-btm",
        summary: "v6.6, but an SMMU with BTM registers no notifier (BTM never reaches the ATC)",
        era: .archInvalidateSecondaryTLBs,
        smmuSkipsNotifierWithBTM: true)

    /// A broken variant for case B of `Documentation/mm/mmu_notifier.rst`: v6.2, but
    /// `wp_page_copy` clears and flushes without notifying under the PTL and leaves the
    /// secondary-TLB invalidation to `range_end`, after the new PTE is visible.
    public static let deferCOWNotifyToRangeEnd = KernelPolicy(
        name: "defer-cow-notify-to-range-end",
        summary: "v6.2, but wp_page_copy notifies secondary TLBs only at range_end (mmu_notifier.rst case B)",
        era: .invalidateRange,
        rewrites: [
            ProgramRewrite(site: "wp_page_copy.ptep_clear_flush_notify", edit: .replace(with: [
                Step(.clearFlush, in: "wp_page_copy", file: "mm/memory.c", call: "ptep_clear_flush"),
            ])),
            ProgramRewrite(site: "wp_page_copy.ptep_clear_flush_notify: mmu_notifier_invalidate_range", edit: .replace(with: [])),
            ProgramRewrite(site: "wp_page_copy.mmu_notifier_invalidate_range_only_end", edit: .replace(with: [
                Step(.rangeEnd(onlyEnd: false), in: "wp_page_copy", file: "mm/memory.c", call: "mmu_notifier_invalidate_range_end"),
            ])),
        ])

    /// A broken variant: v6.6, but `arch_tlbbatch_add_pending` does not notify, as x86's did
    /// before the 2023 series (KERNEL-FACTS §2.4, §3.3). Reclaim with a deferred flush then
    /// frees the page while an IOTLB may still map it: the reason for that series' x86 hunk.
    public static let tlbbatchAddPendingNoNotify = KernelPolicy(
        name: "tlbbatch-add-pending-no-notify",
        summary: "v6.6, but arch_tlbbatch_add_pending does not notify secondary TLBs (x86 before the series)",
        era: .archInvalidateSecondaryTLBs,
        rewrites: [ProgramRewrite(site: "arch_tlbbatch_add_pending.mmu_notifier_arch_invalidate_secondary_tlbs",
                                  edit: .replace(with: []))])

    /// A broken variant for case A of `Documentation/mm/mmu_notifier.rst`: v6.2, but
    /// `try_to_unmap_one` neither notifies under the PTL nor keeps the page until
    /// `range_end`: the page is freed right after the PTL is dropped, while a secondary TLB
    /// that only `range_end` would invalidate still maps it.
    public static let reclaimFreeBeforeRangeEnd = KernelPolicy(
        name: "reclaim-free-before-range-end",
        summary: "v6.2, but reclaim frees the page before range_end with no notify under the PTL (mmu_notifier.rst case A)",
        era: .invalidateRange,
        rewrites: [
            ProgramRewrite(site: "try_to_unmap_one.mmu_notifier_invalidate_range", edit: .replace(with: [])),
            ProgramRewrite(site: "try_to_unmap_one.page_vma_mapped_walk_done", edit: .replace(with: [
                Step(.unlockPTL, in: "try_to_unmap_one", file: "mm/rmap.c", call: "page_vma_mapped_walk_done"),
                Step(.freeGatheredPages, in: "try_to_unmap_one", file: "mm/rmap.c", call: "folio_put (last reference)"),
            ])),
            ProgramRewrite(site: "shrink_folio_list.pageout, free_unref_folios", edit: .replace(with: [])),
        ])

    /// A broken variant: v6.2, but `write_protect_page` ends with `range_only_end`, so a
    /// device keeps a writable entry past KSM's content comparison and its store can be lost
    /// when `replace_page` maps the stable page (the deferral KERNEL-FACTS §2.7 relies on is
    /// the notification at `range_end`).
    public static let ksmWrprotectOnlyEnd = KernelPolicy(
        name: "ksm-wrprotect-only-end",
        summary: "v6.2, but KSM's write_protect_page ends with range_only_end (no secondary invalidation)",
        era: .invalidateRange,
        rewrites: [ProgramRewrite(site: "write_protect_page.mmu_notifier_invalidate_range_end", edit: .replace(with: [
            Step(.rangeEnd(onlyEnd: true), in: "write_protect_page", file: "mm/ksm.c",
                 call: "mmu_notifier_invalidate_range_only_end"),
        ]))])

    /// A broken variant of ``patchV1Reuse``: the empty `range_start/end` pair placed right after
    /// `ptep_set_access_flags`, before the PTL is dropped. Range subscribers' callbacks may sleep,
    /// so this calls them in atomic context — the reason the v1 patch notified only after
    /// `pte_unmap_unlock`.
    public static let patchV1UnderPTL = KernelPolicy(
        name: "patch-v1-under-ptl",
        summary: "patch-v1+reuse, but the PROTECTION_UPGRADE range_start/end run under the PTL (sleeping in atomic context)",
        era: .invalidateRange,
        rewrites: [ProgramRewrite(afterSite: "handle_pte_fault.ptep_set_access_flags",
                                  steps: v1UpgradeNotification(in: "handle_pte_fault")),
                   ProgramRewrite(afterSite: "wp_page_reuse.ptep_set_access_flags",
                                  steps: v1UpgradeNotification(in: "wp_page_reuse"))])

    /// A broken variant: v6.6, but the SVA binding's `release` only flushes the IOTLB and ATCs
    /// and leaves the context descriptor translating. `exit_mmap` unhashes the subscription
    /// before it unmaps, so nothing invalidates what the device walks after `release`
    /// (KERNEL-FACTS §1.3, §4.1: the driver disables translation with EPD0 for this reason).
    public static let releaseKeepsTranslation = KernelPolicy(
        name: "release-keeps-translation",
        summary: "v6.6, but the IOMMU's release flushes its TLBs and leaves translation enabled",
        era: .archInvalidateSecondaryTLBs,
        releaseKeepsTranslation: true)

    /// A broken variant: v6.6, but the OOM reaper calls `range_end` for a range whose
    /// non-blocking `range_start` returned `-EAGAIN` — the core has already unwound the
    /// subscribers it started, so their counts go out of balance (KERNEL-FACTS §1.4, I7).
    public static let oomReapEndAfterEAGAIN = KernelPolicy(
        name: "oom-reap-end-after-eagain",
        summary: "v6.6, but the OOM reaper calls range_end after range_start_nonblock returned -EAGAIN",
        era: .archInvalidateSecondaryTLBs,
        rewrites: [ProgramRewrite(afterSite: "__oom_reap_task_mm.tlb_finish_mmu (range skipped)", steps: [
            Step(.rangeEnd(onlyEnd: false), in: "__oom_reap_task_mm", file: "mm/oom_kill.c",
                 call: "mmu_notifier_invalidate_range_end (after -EAGAIN)"),
        ])])

    /// A broken variant: v6.6, but `move_ptes` drops the page-table locks before the flush of the
    /// old address, as mremap did before commit eb66ae030829 ("mremap: properly flush TLB
    /// before releasing the page", v4.20). The moved page is then reachable through the new
    /// address, where reclaim can unmap and free it, while a CPU TLB or an IOTLB still maps the
    /// old address to it (the flush, and in this era the notification it carries, comes too
    /// late).
    public static let mremapFlushAfterUnlock = KernelPolicy(
        name: "mremap-flush-after-unlock",
        summary: "v6.6, but move_ptes flushes the old address (and notifies) after dropping the PTLs (mremap before v4.20)",
        era: .archInvalidateSecondaryTLBs,
        rewrites: [ProgramRewrite(afterSite: "move_ptes.set_ptes(new_addr)", steps: [
            Step(.unlockPTL, in: "move_ptes", file: "mm/mremap.c", call: "pte_unmap_unlock (before the flush)"),
        ]),
                   ProgramRewrite(site: "move_ptes.pte_unmap_unlock", edit: .replace(with: []))])
}
