import ShootdownModel
import Testing
@testable import ShootdownLitmus

/// `mremap(x, y)` and `mremap(x, y, MREMAP_DONTUNMAP)`: lowering, and the errors for pages the
/// model cannot move, each at its file:line:column.
@Suite struct MremapTests {
    /// A scenario whose initial state is `pages` and whose thread table is `table`.
    static func source(pages: String = "page x: anon, value 1, pte rw dirty; page y: anon, unmapped;", _ table: String) -> String {
        """
        arm64 t
        mirror = hmm
        { \(pages) }
        \(table)
        exists (x=1)
        """
    }

    func lower(_ source: String) throws(LitmusError) -> Scenario {
        try ScenarioLowering.load(source: source, file: "t.litmus")
    }

    /// The first diagnostic lowering `source` reports: `line:column: message`.
    func diagnostic(_ source: String) -> String? {
        do throws(LitmusError) {
            _ = try lower(source)
            return nil
        } catch {
            guard let first = error.diagnostics.first else { return nil }
            return "\(first.location.line):\(first.location.column): \(first.message)"
        }
    }

    @Test func bothFormsLowerToMovesWithTheirTarget() throws {
        let pages = "page x: anon, value 1, pte rw dirty; page y: anon, unmapped; page z: anon, unmapped;"
        let scenario = try lower(Self.source(pages: pages, " CPU0 ;\n mremap(x, y) ;\n mremap(y, z, MREMAP_DONTUNMAP) ;"))
        #expect(scenario.configuration.threads[0].operations == [.kernel(.mremap, page: 0, target: 1),
                                                                  .kernel(.mremapDontUnmap, page: 1, target: 2)])
    }

    @Test func theTargetIsKeptWithTheOperation() throws {
        let scenario = try lower(Self.source(" CPU0 ;\n mremap(x, y, MREMAP_DONTUNMAP) ;\n c = *y ;"))
        let operations = scenario.configuration.threads[0].operations
        #expect(operations.first == .kernel(.mremapDontUnmap, page: 0, target: 1))
        #expect(operations.first?.moveTarget == 1 && operations.first?.page == 0)
        #expect(KernelOperation.mremapDontUnmap.spelled(page: "x", target: "y") == "mremap(x, y, MREMAP_DONTUNMAP)")
        #expect(KernelOperation.mremap.spelled(page: "x", target: "y") == "mremap(x, y)")
    }

    @Test func wrongArgumentsAreReportedWhereTheyAre() {
        #expect(diagnostic(Self.source(" CPU0 ;\n mremap(x) ;")) ==
            "5:2: mremap takes the page, its new page and optionally MREMAP_DONTUNMAP, e.g. mremap(x, y) or mremap(x, y, MREMAP_DONTUNMAP)")
        #expect(diagnostic(Self.source(" CPU0 ;\n mremap(x, y, MREMAP_DONTUNMAPP) ;")) ==
            "5:15: unknown mremap flag 'MREMAP_DONTUNMAPP' (known: MREMAP_DONTUNMAP; MREMAP_MAYMOVE | MREMAP_FIXED are implied)")
        #expect(diagnostic(Self.source(" CPU0 ;\n mremap(x, w) ;"))?.hasPrefix("5:12: unknown page 'w'") == true)
        #expect(diagnostic(Self.source(" CPU0 ;\n mremap(x, x) ;")) ==
            "5:12: mremap moves a page to another one: the new page must differ from 'x'")
    }

    @Test func theNewPageMustHaveNoVMA() {
        let mapped = Self.source(pages: "page x: anon, value 1, pte rw dirty; page y: anon, pte none;", " CPU0 ;\n mremap(x, y) ;")
        #expect(diagnostic(mapped)?.hasPrefix("5:12: mremap moves to a page with no VMA") == true)
    }

    @Test func onlyAnonymousPagesMove() {
        let file = Self.source(pages: "page x: file, value 1; page y: anon, unmapped;", " CPU0 ;\n mremap(x, y) ;")
        #expect(diagnostic(file) == "5:9: mremap moves an anonymous page; 'x' is not anonymous")
    }

    @Test func aPageIsMovedToOnce() {
        let twice = Self.source(pages: "page x: anon, value 1, pte rw dirty; page z: anon, value 2, pte rw dirty; page y: anon, unmapped;",
                                " CPU0         | CPU1         ;\n mremap(x, y) | mremap(z, y) ;")
        #expect(diagnostic(twice) == "5:27: page 'y' is already the new page of another mremap; a page is moved to once")
    }

    @Test func rmapOperationsOfOtherThreadsAreRefused() {
        let migrate = Self.source(" CPU0         | CPU1       ;\n mremap(x, y) | migrate(y) ;")
        #expect(diagnostic(migrate)?.hasPrefix("5:2: mremap moves 'x' to 'y' while thread CPU1 runs migrate(y)") == true)
        let release = Self.source(" CPU0         | MIR0                  ;\n mremap(x, y) | m = MIGRATE_TO_DEV(x) ;\n              | RELEASE()             ;")
        #expect(diagnostic(release)?.hasPrefix("5:2: mremap moves 'x' to 'y' while thread MIR0 runs") == true)
        // In the same thread the operations run one after the other: allowed.
        #expect(diagnostic(Self.source(" CPU0 ;\n migrate(x) ;\n mremap(x, y) ;\n migrate(y) ;")) == nil)
        // Reclaim and mkclean finish their PTE work under one PTL hold: allowed beside mremap.
        #expect(diagnostic(Self.source(" CPU0         | CPU1       ;\n mremap(x, y) | reclaim(y) ;")) == nil)
    }

    @Test func onlyCPUThreadsCallIt() {
        #expect(diagnostic(Self.source(" DEV0 ;\n mremap(x, y) ;")) == "5:2: only CPU threads call mremap")
    }
}
