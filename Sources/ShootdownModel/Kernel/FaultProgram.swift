/// The page-fault path, `handle_mm_fault` → `handle_pte_fault` (mm/memory.c), for one page, as
/// run by a CPU on its own fault or by the IOPF worker on a device's page request.
///
/// Entry (`lock_mm_and_find_vma`, reading `vmf->orig_pte`) is part of the step that raised the
/// fault; the program starts with the choice of handler.
enum FaultProgram {
    /// With `deviceMemory`, `do_swap_page` also handles device-private entries
    /// (`migrate_to_ram`) and device-exclusive ones (`remove_device_exclusive_entry`); worlds
    /// without either leave those paths out. With `fileBacked`, a none PTE in a VMA that is not
    /// anonymous goes to `do_fault`; worlds whose VMAs are all anonymous leave it out.
    static func build(architecture: Architecture, era: NotifierEra, deviceMemory: Bool = false,
                      fileBacked: Bool = false) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        b.fileBacked = fileBacked
        let memory = "mm/memory.c"
        if architecture == .arm64 { b.jump(to: "hugetlb_fault", if: .contiguousHugePage) }
        b.jump(to: "do_swap_page", if: .origSwap)
        if deviceMemory {
            b.jump(to: "do_device_private", if: .origDevicePrivate)
            b.jump(to: "do_device_exclusive", if: .origDeviceExclusive)
        }
        b.jump(to: "migration_entry_wait", if: .origMigration)
        b.jump(to: "split_wait", if: .origSplitting)
        b.jump(to: "do_anonymous_page", if: .origNone)

        // handle_pte_fault: present PTE.
        b.step(.lockPTL, in: "handle_pte_fault", file: memory, call: "pte_offset_map_lock")
        b.jump(to: "unlock_and_retry", if: .pteChangedSinceEntry)
        b.jump(to: "do_wp_page", if: .writeToReadOnlyPTE)
        // Only the dirty (and young) bits change: the tail of handle_pte_fault.
        b.step(.setAccessFlags(makeWritable: false), in: "handle_pte_fault", file: memory, call: "ptep_set_access_flags")
        if architecture.rules.flushesOnUpgrade {
            b.jump(to: "tail_unlock", if: .notChanged)
            b.jump(to: "tail_unlock", if: .readFault)
            b.flush(.flushTLBPage, scope: .page, in: "__ptep_set_access_flags", file: "arch/arm64/mm/fault.c",
                    call: "flush_tlb_page")
        }
        // If nothing changed, flush_tlb_fix_spurious_fault runs: a no-op on arm64 (before
        // cb1fa2e99955) and on x86, so it is no step.
        b.label("tail_unlock")
        b.step(.unlockPTL, in: "handle_pte_fault", file: memory, call: "pte_unmap_unlock")
        b.ret()

        b.label("unlock_and_retry")
        b.step(.unlockPTL, in: "handle_pte_fault", file: memory, call: "pte_unmap_unlock (pte changed)")
        b.ret()

        // do_wp_page: write fault on a read-only PTE.
        b.label("do_wp_page")
        b.jump(to: "wp_page_copy", if: .frameNotExclusive)
        b.step(.setAccessFlags(makeWritable: true), in: "wp_page_reuse", file: memory, call: "ptep_set_access_flags")
        if architecture.rules.flushesOnUpgrade {
            b.jump(to: "reuse_unlock", if: .notChanged)
            b.flush(.flushTLBPage, scope: .page, in: "__ptep_set_access_flags", file: "arch/arm64/mm/fault.c",
                    call: "flush_tlb_page")
        }
        b.label("reuse_unlock")
        b.step(.unlockPTL, in: "wp_page_reuse", file: memory, call: "pte_unmap_unlock")
        b.ret()

        // wp_page_copy: do_wp_page drops the PTL first.
        b.label("wp_page_copy")
        b.step(.unlockPTL, in: "do_wp_page", file: memory, call: "pte_unmap_unlock")
        b.step(.allocCopy, in: "wp_page_copy", file: memory, call: "__wp_page_copy_user")
        b.step(.rangeStart(.clear), in: "wp_page_copy", file: memory, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "wp_page_copy", file: memory, call: "pte_offset_map_lock")
        b.jump(to: "copy_lost_race", if: .pteChangedSinceEntry)
        if era == .invalidateRange {
            b.step(.clearFlush, in: "wp_page_copy", file: memory, call: "ptep_clear_flush_notify")
            b.oldEraNotify(.page, in: "wp_page_copy", file: memory, call: "ptep_clear_flush_notify: mmu_notifier_invalidate_range")
        } else {
            b.flush(.clearFlush, scope: .page, in: "wp_page_copy", file: memory, call: "ptep_clear_flush")
        }
        b.step(.installNewPage, in: "wp_page_copy", file: memory,
               call: era == .invalidateRange ? "set_pte_at_notify" : "set_pte_at")
        b.step(.unlockPTL, in: "wp_page_copy", file: memory, call: "pte_unmap_unlock")
        b.step(.rangeEnd(onlyEnd: era == .invalidateRange), in: "wp_page_copy", file: memory,
               call: era == .invalidateRange ? "mmu_notifier_invalidate_range_only_end" : "mmu_notifier_invalidate_range_end")
        // The old page keeps the other address space's reference: no free here.
        b.ret()

        b.label("copy_lost_race")
        b.step(.unlockPTL, in: "wp_page_copy", file: memory, call: "pte_unmap_unlock (pte changed)")
        b.step(.rangeEnd(onlyEnd: era == .invalidateRange), in: "wp_page_copy", file: memory,
               call: era == .invalidateRange ? "mmu_notifier_invalidate_range_only_end" : "mmu_notifier_invalidate_range_end")
        b.step(.freeNewPage, in: "wp_page_copy", file: memory, call: "folio_put(new_folio)")
        b.ret()

        // do_anonymous_page: none PTE.
        b.label("do_anonymous_page")
        if fileBacked { b.jump(to: "do_fault", if: .vmaNotAnonymous) }
        b.jump(to: "anon_lock", if: .readFault)
        b.step(.allocZeroed, in: "do_anonymous_page", file: memory, call: "alloc_anon_folio")
        b.label("anon_lock")
        b.step(.lockPTL, in: "do_anonymous_page", file: memory, call: "pte_offset_map_lock")
        b.jump(to: "anon_lost_race", if: .pteNotNone)
        b.jump(to: "anon_zero", if: .readFault)
        b.step(.installNewPage, in: "do_anonymous_page", file: memory, call: "set_pte_at")
        b.step(.unlockPTL, in: "do_anonymous_page", file: memory, call: "pte_unmap_unlock")
        b.ret()
        b.label("anon_zero")
        b.step(.installZeroPage, in: "do_anonymous_page", file: memory, call: "set_pte_at(zero page)")
        b.step(.unlockPTL, in: "do_anonymous_page", file: memory, call: "pte_unmap_unlock")
        b.ret()
        // do_swap_page: a migration entry makes the fault wait for the migration to end, then
        // the access retries; a swap entry reads the page back into a new frame.
        b.label("migration_entry_wait")
        b.step(.migrationEntryWait, in: "migration_entry_wait", file: "mm/migrate.c", call: "migration_entry_wait_on_locked")
        b.ret()
        b.label("split_wait")
        b.step(.migrationEntryWait, in: "__handle_mm_fault", file: memory, call: "pmd_lock (PMD being split)")
        b.ret()
        b.label("do_swap_page")
        b.step(.allocCopy, in: "do_swap_page", file: memory, call: "swapin_readahead")
        b.step(.lockPTL, in: "do_swap_page", file: memory, call: "pte_offset_map_lock")
        b.jump(to: "swap_lost_race", if: .pteChangedSinceEntry)
        b.step(.installNewPage, in: "do_swap_page", file: memory, call: "set_pte_at")
        b.step(.unlockPTL, in: "do_swap_page", file: memory, call: "pte_unmap_unlock")
        b.ret()
        b.label("swap_lost_race")
        b.step(.unlockPTL, in: "do_swap_page", file: memory, call: "pte_unmap_unlock (pte changed)")
        b.step(.freeNewPage, in: "do_swap_page", file: memory, call: "folio_put")
        b.ret()

        if architecture == .arm64 { hugetlbFault(into: &b) }
        if fileBacked { doFault(into: &b) }

        b.label("anon_lost_race")
        b.step(.unlockPTL, in: "do_anonymous_page", file: memory, call: "pte_unmap_unlock (pte not none)")
        b.step(.freeNewPage, in: "do_anonymous_page", file: memory, call: "folio_put", when: .writeFault)
        b.ret()

        // do_swap_page on a device-private entry (migrate_to_ram) or a device-exclusive one.
        if deviceMemory {
            b.label("do_device_private")
            MigrateVMAProgram.migrateToRAM(into: &b)
            b.label("do_device_exclusive")
            DeviceExclusiveProgram.removeExclusive(into: &b)
        }
        return b.source
    }

    /// `do_fault` (mm/memory.c) on a none PTE of a private mapping that is not anonymous: a read
    /// fault maps the page `__do_fault` found (`do_read_fault`: the page-cache page, read-only
    /// as a private mapping's `vm_page_prot` has it); a write fault copies that page into a new
    /// anonymous one before taking the PTL (`do_cow_fault`: `copy_user_highpage`) and maps the
    /// copy writable and dirty. Both end in `finish_fault`, which backs off if the PTE is no
    /// longer none. No notifier is involved: a none PTE has nothing cached (KERNEL-FACTS §2.1).
    private static func doFault(into b: inout ProgramBuilder) {
        let memory = "mm/memory.c"
        b.label("do_fault")
        b.jump(to: "do_read_fault", if: .readFault)
        b.step(.allocCopy, in: "do_cow_fault", file: memory, call: "__do_fault, copy_user_highpage")
        b.step(.lockPTL, in: "finish_fault", file: memory, call: "pte_offset_map_lock")
        b.jump(to: "cow_fault_lost_race", if: .pteNotNone)
        b.step(.installNewPage, in: "finish_fault", file: memory, call: "set_pte_range")
        b.step(.unlockPTL, in: "finish_fault", file: memory, call: "pte_unmap_unlock")
        b.ret()
        b.label("cow_fault_lost_race")
        b.step(.unlockPTL, in: "finish_fault", file: memory, call: "pte_unmap_unlock (pte not none)")
        b.step(.freeNewPage, in: "do_cow_fault", file: memory, call: "folio_put(cow_page)")
        b.ret()
        b.label("do_read_fault")
        b.step(.lockPTL, in: "finish_fault", file: memory, call: "pte_offset_map_lock")
        b.jump(to: "read_fault_lost_race", if: .pteNotNone)
        b.step(.installPageCachePage, in: "finish_fault", file: memory, call: "set_pte_range (read-only)")
        b.step(.unlockPTL, in: "finish_fault", file: memory, call: "pte_unmap_unlock")
        b.ret()
        b.label("read_fault_lost_race")
        b.step(.unlockPTL, in: "finish_fault", file: memory, call: "pte_unmap_unlock (pte not none)")
        b.ret()
    }

    /// `hugetlb_fault` on a present arm64 contiguous hugetlb mapping (mm/hugetlb.c): the write
    /// fault's `huge_ptep_set_access_flags` (through `hugetlb_wp`'s reuse for a read-only
    /// exclusive page) breaks every entry of the group, flushes `pgsize * ncontig`, and makes
    /// them again dirty (and writable); nothing changes on a spurious fault
    /// (arch/arm64/mm/hugetlbpage.c, KERNEL-FACTS §2.10). Faults that would allocate or copy a
    /// huge page are not modelled.
    private static func hugetlbFault(into b: inout ProgramBuilder) {
        let hugetlb = "mm/hugetlb.c", arm = "arch/arm64/mm/hugetlbpage.c"
        b.label("hugetlb_fault")
        b.step(.lockPTL, in: "hugetlb_fault", file: hugetlb, call: "huge_pte_lock")
        b.jump(to: "hugetlb_changed", if: .pteChangedSinceEntry)
        b.step(.contigBreak, in: "huge_ptep_set_access_flags", file: arm, call: "get_clear_contig_flush: clear")
        b.jump(to: "hugetlb_unlock", if: .notChanged)
        b.flush(.flushContigRange, scope: .contigRange, in: "huge_ptep_set_access_flags", file: arm,
                call: "get_clear_contig_flush: flush_tlb_range(pgsize * ncontig)")
        b.step(.contigMake, in: "huge_ptep_set_access_flags", file: arm, call: "set_pte_at (every contiguous entry)")
        b.label("hugetlb_unlock")
        b.step(.unlockPTL, in: "hugetlb_fault", file: hugetlb, call: "spin_unlock")
        b.ret()
        b.label("hugetlb_changed")
        b.step(.unlockPTL, in: "hugetlb_fault", file: hugetlb, call: "spin_unlock (pte changed)")
        b.ret()
    }
}
