import ShootdownModel
import Testing
@testable import ShootdownLitmus

/// The `thp` and `hugetlb` page attributes, their errors, and the PMD/PUD snapshot bits.
@Suite struct HugeMappingTests {
    func lower(_ source: String) throws(LitmusError) -> Scenario {
        try ScenarioLowering.load(source: source, file: "t.litmus")
    }

    /// The first diagnostic lowering `source` reports: its location and message.
    func problem(_ source: String) -> (location: String, message: String)? {
        do throws(LitmusError) {
            _ = try lower(source)
            return nil
        } catch {
            return (error.diagnostics[0].location.description, error.diagnostics[0].message)
        }
    }

    func scenario(_ pages: String, threads: String = " CPU0   ;\n r = *a ;", condition: String = "exists (CPU0:r=1)") -> String {
        "arm64 t\nmirror = hmm\n{\n\(pages)\n}\n\(threads)\n\(condition)\n"
    }

    @Test func attributesLowerToHugeMappings() throws {
        let source = scenario("""
              page a: anon, thp, value 1, pte rw dirty;
              page b: anon, thp, value 2, pte rw dirty;
              page p: anon, value 5;
              page z0: anon, thp, vma ro, pte zero;
              page z1: anon, thp, vma ro, pte zero;
              page h0: anon, hugetlb, value 3, pte rw dirty;
              page h1: anon, hugetlb pmd, value 4, pte rw dirty;
              page g0: anon, hugetlb pud, pte ro;
              page g1: anon, hugetlb pud, pte ro;
            """)
        let pages = try lower(source).configuration.pages
        #expect(pages.map(\.huge) == [.transparent, .transparent, nil, .transparent, .transparent,
                                      .hugetlb(.pmd), .hugetlb(.pmd), .hugetlb(.pud), .hugetlb(.pud)])
        #expect(pages[3].mapping == .zeroPage && !pages[3].vmaWritable)
        #expect(try lower(source).world().stateBits > 0)
    }

    @Test func adjacentPagesOfOneKindFormOneMapping() throws {
        let mixed = scenario("  page a: anon, thp, pte rw dirty;\n  page z: anon, thp, vma ro, pte zero;")
        #expect(problem(mixed)?.message == "page 'z' shares one huge entry and VMA with page 'a': give it the same 'pte' and 'vma'")
    }

    @Test func misuseIsReportedWhereItIsWritten() {
        let none = problem(scenario("  page a: anon, thp, pte none;\n  page b: anon, thp, pte none;"))
        #expect(none?.location == "t.litmus:4:22")
        #expect(none?.message == "a 'thp' page starts mapped by its huge entry: 'pte ro', 'pte rw' or 'pte zero' (the huge zero page)")
        let zero = problem(scenario("  page a: anon, hugetlb, pte zero;"))
        #expect(zero?.message == "a hugetlb page has no huge zero page: its entry is 'pte ro' or 'pte rw'")
        #expect(zero?.location == "t.litmus:4:26")
        let both = problem(scenario("  page a: anon, thp, hugetlb;"))
        #expect(both?.message == "a page has one huge mapping, not both 'thp' and 'hugetlb'")
        #expect(both?.location == "t.litmus:4:22")
        let level = problem(scenario("  page a: anon, hugetlb pgd;"))
        #expect(level?.message == "'hugetlb' takes 'pmd' or 'pud', the level of its huge entry")
        #expect(level?.location == "t.litmus:4:25")
        let thpLevel = problem(scenario("  page a: anon, thp pud;"))
        #expect(thpLevel?.message == "'thp' takes nothing: a transparent huge page is mapped by a PMD")
        let file = problem(scenario("  page a: file, thp, value 1, pte ro;"))
        #expect(file?.message == "a 'thp' page is anonymous (MAP_PRIVATE | MAP_ANONYMOUS)")
        let cow = problem(scenario("  page a: anon, thp, cow, pte ro;"))
        #expect(cow?.message == "a 'thp' page is not cow, contig or PROT_NONE")
        let mismatch = problem(scenario("  page a: anon, thp, pte rw dirty;\n  page b: anon, thp, pte ro;"))
        #expect(mismatch?.message == "page 'b' shares one huge entry and VMA with page 'a': give it the same 'pte' and 'vma'")
        #expect(mismatch?.location == "t.litmus:5:22")
    }

    @Test func unsupportedUsesAreRefusedByTheModel() throws {
        let lone = try lower(scenario("  page a: anon, thp, value 1, pte rw dirty;"))
        #expect(throws: LitmusError.self) { try lone.world() }
        let store = try lower(scenario("  page a: anon, hugetlb, value 1, pte ro;\n  page b: anon, hugetlb, value 1, pte ro;",
                                       threads: " CPU0   ;\n *a = 2 ;", condition: "exists (a=2)"))
        do throws(LitmusError) {
            _ = try store.world()
            Issue.record("a store to a read-only huge entry must be refused")
        } catch {
            #expect(error.diagnostics[0].message.contains("write faults on a huge entry are not modelled"))
            #expect(error.diagnostics[0].location.description == "t.litmus:1:7")
        }
        let thpMprotect = try lower(scenario("  page a: anon, thp, pte rw dirty;\n  page b: anon, thp, pte rw dirty;",
                                             threads: " CPU0           ;\n mprotect(a, ro) ;", condition: "exists (a=0)"))
        #expect(throws: LitmusError.self) { try thpMprotect.world() }
    }

    @Test func snapshotBytesSpellTheMapOrder() throws {
        let source = scenario("  page a: anon, hugetlb pud, value 1, pte rw dirty;\n  page b: anon, hugetlb pud, value 1, pte rw dirty;",
                              threads: " MIR0            ;\n s = SNAPSHOT(a) ;",
                              condition: "exists (MIR0:s=WRITE|PUD \\/ MIR0:s=READ|PMD)")
        let predicate = try #require(try lower(source).final?.predicate)
        #expect(predicate == .or(.register(thread: 0, register: 0, value: 0x0A), .register(thread: 0, register: 0, value: 0x05)))
        #expect(SnapshotByte.describe(0x26) == "DEV_PRIVATE_LOCAL|WRITE|PMD")
        #expect(SnapshotByte.describe(0x09) == "READ|PUD")
    }
}
