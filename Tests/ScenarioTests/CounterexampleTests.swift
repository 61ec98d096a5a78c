import ShootdownChecker
import ShootdownLitmus
@testable import ShootdownModel
import ShootdownReport
import Testing

@Suite("Counterexamples")
struct CounterexampleTests {
    func outcome(_ name: String) throws -> ScenarioOutcome {
        try ScenarioCheck.run(ScenarioLowering.load(contentsOf: BundledScenarios.root + "/Scenarios/seeds/\(name).litmus"))
    }

    @Test("the v6.2 livelock loops on the stale read-only IOTLB entry: fault, page request, spurious fix-up, retry")
    func livelock() throws {
        let outcome = try outcome("upgrade-livelock-v6.2")
        let lasso = try #require(outcome.result.eventualities.first?.counterexample)
        #expect(!lasso.cycle.isEmpty)
        let world = outcome.world
        let entries = Narration.narrate(lasso.cycle, from: lasso.stem.last, in: world)
        let text = entries.map(\.text).joined(separator: "\n")
        #expect(text.contains("IOTLB[x] = ro"))
        #expect(text.contains("permission fault, page request"))
        #expect(text.contains("unchanged (spurious fault)"))
        #expect(!text.contains("invalidate_secondary_tlbs") && !text.contains("invalidate_range"))
        // On every state of the loop the IOTLB holds the read-only entry while the PTE is writable.
        for state in lasso.cycleStates {
            #expect(world.lookup(.iotlb, page: 0, in: state)?.writable == false)
            #expect(world.pte(0, in: state).write && world.pte(0, in: state).dirty)
        }
        let rendered = SummaryRenderer().render(outcome)
        #expect(rendered.contains("loop: the following steps repeat forever"))
        #expect(rendered.contains("[Time 1]"))
    }

    @Test("skipping the notifier with BTM lets the device read a freed frame through its ATC")
    func staleATC() throws {
        let outcome = try outcome("munmap-atc-skip-notifier-with-btm")
        let violation = try #require(outcome.result.invariants.first { $0.name == "no-freed-frame-access" }?.counterexample)
        let entries = Narration.narrate(violation.actions, from: violation.states[0], in: outcome.world)
        #expect(entries.contains { $0.text.contains("free_pages_and_swap_cache") })
        #expect(entries.last?.text.contains("ATC hit") == true)
    }

    @Test("case B: deferring the COW notify to range_end lets the device read new B, then old A")
    func caseB() throws {
        let path = BundledScenarios.root + "/Scenarios/case-b/case-b-mp-defer-cow-notify-to-range-end.litmus"
        let outcome = try ScenarioCheck.run(ScenarioLowering.load(contentsOf: path))
        let witness = try #require(outcome.result.finals.first?.witness)
        let entries = Narration.narrate(witness.actions, from: witness.states[0], in: outcome.world)
        let device = entries.filter { outcome.world.threadNames[$0.thread] == "DEV0" }.map(\.text)
        #expect(device.count == 2)
        #expect(device.first?.contains("read rb = b = 1") == true)
        #expect(device.last?.contains("read ra = a = 0 (IOTLB hit)") == true)
        // The store to A precedes the device's reads, and the notification for A comes after them.
        let storeA = try #require(entries.firstIndex { $0.text.contains("write a = 1") })
        let readA = try #require(entries.firstIndex { $0.text.contains("read ra = a = 0") })
        let notifyA = try #require(entries.lastIndex { $0.text.contains("mmu_notifier_invalidate_range_end [SMMU: CMD_TLBI_NH_VA [a]]") })
        #expect(storeA < readA && readA < notifyA)
    }

    @Test("a fused speculative fill is narrated as the walker's own step, and the split path replays to the same state")
    func fusedFillNarration() throws {
        let path = BundledScenarios.root + "/Benchmarks/scenarios/cow-order-N2-b.litmus"
        var options = CheckOptions()
        options.reduction = .partialOrder
        let outcome = try ScenarioCheck.run(ScenarioLowering.load(contentsOf: path), options: options)
        let witness = try #require(outcome.result.finals.first?.witness)
        let world = outcome.world
        #expect(witness.actions.contains { $0.fills != 0 })
        let split = world.unfused(witness.actions)
        #expect(split.count > witness.actions.count && split.allSatisfy { $0.fills == 0 })
        let replayed = split.reduce(witness.states[0]) { world.successor(of: $0, via: $1) }
        #expect(replayed == witness.last)
        let entries = Narration.narrate(outcome.traces.first { $0.kind == .final }?.actions ?? [], from: witness.states[0], in: world)
        #expect(entries.contains { world.threadNames[$0.thread].hasPrefix("IOMMU[") && $0.text.contains("speculative walk fills") })
    }

    @Test("without partial-order reduction the walker fills on its own, and no step is fused")
    func unfusedWithoutReduction() throws {
        let path = BundledScenarios.root + "/Benchmarks/scenarios/cow-order-N2-b.litmus"
        var options = CheckOptions()
        options.reduction = .none
        let outcome = try ScenarioCheck.run(ScenarioLowering.load(contentsOf: path), options: options)
        let witness = try #require(outcome.result.finals.first?.witness)
        #expect(witness.actions.allSatisfy { $0.fills == 0 })
        #expect(witness.actions.contains { outcome.world.threadNames[Int($0.thread)].hasPrefix("IOMMU[") })
    }
}

@Suite("Merged registers")
struct MergedRegisterTests {
    static let source = """
        arm64 merged
        policy = v6.6
        iommu  = smmuv3 btm=off ats=off
        {
          page x: anon, value 0, pte rw dirty;
        }
         CPU0    | DEV0     ;
         *x = 1  | r0 = *x  ;
                 | r1 = *x  ;
        exists (DEV0:r0=1 /\\ DEV0:r1=0)
        eventually DEV0:r1=1
        """

    @Test("a register an eventually clause reads is never merged; the others are")
    func livenessRegistersStayExact() throws {
        let scenario = try ScenarioLowering.load(source: Self.source, file: "merged.litmus")
        var options = CheckOptions()
        options.reduction = .partialOrder
        options.symmetry = true
        options.fairness = .none
        let outcome = try ScenarioCheck.run(scenario, options: options, mergeRegisters: true)
        let plain = try ScenarioCheck.run(scenario, options: options)
        #expect(outcome.world.mergesRegisters)
        let classes = try #require(outcome.world.registerClasses)
        // Only r0 (register 0 of DEV0) is merged: r1 is read by the eventually clause.
        let merged = Set(classes.threads.flatMap { $0.positions.compactMap { $0 }.flatMap(\.fields) })
        let dev0 = try #require(outcome.world.threadNames.firstIndex(of: "DEV0"))
        #expect(merged == [outcome.world.layout.registers[dev0][0]])
        #expect(outcome.judgements.map(\.found) == plain.judgements.map(\.found))
    }
}
