/// Migration of one anonymous page (mm/migrate.c `migrate_pages` → mm/rmap.c
/// `try_to_migrate_one`, `migrate_folio`, `remove_migration_ptes`).
///
/// Under the PTL the PTE is cleared and flushed (`ptep_clear_flush`: the new era notifies from
/// the flush; the old era only at `range_end`) and replaced by a migration entry; faults on it
/// wait. The contents are then copied to the new frame, the migration entry is replaced by the
/// new PTE with the same permission, and the old page is freed (KERNEL-FACTS §2.5).
enum MigrationProgram {
    static func build(architecture: Architecture, era: NotifierEra) -> [Instruction] {
        var b = ProgramBuilder(architecture: architecture, era: era)
        let rmap = "mm/rmap.c", migrate = "mm/migrate.c"
        b.step(.rangeStart(.clear), in: "try_to_migrate_one", file: rmap, call: "mmu_notifier_invalidate_range_start(CLEAR)")
        b.step(.lockPTL, in: "try_to_migrate_one", file: rmap, call: "page_vma_mapped_walk")
        b.jump(to: "not_mapped", if: .notMappingOrigFrame)
        b.flush(.clearFlush, scope: .page, in: "try_to_migrate_one", file: rmap, call: "ptep_clear_flush")
        b.step(.installMigrationEntry, in: "try_to_migrate_one", file: rmap, call: "set_pte_at(migration entry)")
        b.step(.unlockPTL, in: "try_to_migrate_one", file: rmap, call: "page_vma_mapped_walk_done")
        b.step(.rangeEnd(onlyEnd: false), in: "try_to_migrate_one", file: rmap, call: "mmu_notifier_invalidate_range_end")
        b.step(.allocCopy, in: "migrate_folio", file: migrate, call: "folio_mc_copy")
        b.removeMigrationPTE()
        b.step(.freeGatheredPages, in: "migrate_folio_done", file: migrate, call: "folio_put(src)")
        b.ret()
        b.label("not_mapped")
        b.step(.unlockPTL, in: "try_to_migrate_one", file: rmap, call: "page_vma_mapped_walk_done")
        b.step(.rangeEnd(onlyEnd: false), in: "try_to_migrate_one", file: rmap, call: "mmu_notifier_invalidate_range_end")
        b.ret()
        return b.source
    }
}
