import Foundation
import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport
import Testing

/// A built-in program printed by `explain --as-path` and pasted into a scenario as a `path` runs
/// as the built-in operation does: same verdicts, same state counts (docs/PATHS.md).
@Suite("Pasted paths")
struct PastedPathTests {
    /// The bundled scenarios whose CPU threads run one built-in mm operation or munmap, without
    /// a variants block (a pasted program is one policy's).
    static var candidates: [String] {
        BundledScenarios.all.filter { path in
            guard let source = try? BundledScenarios.source(path), !source.contains("variants"),
                  let scenario = try? ScenarioLowering.load(source: source, file: path),
                  let operation = operation(in: scenario) else { return false }
            // The paste replaces the operation's text as `explain` spells it; the operation is its
            // thread's only one and the only built-in one in the scenario. (After an earlier fault
            // a built-in operation keeps that fault's dead `orig_pte`, which a path's entry
            // overwrites: the same behaviours, but more distinct terminal states.)
            let threads = scenario.configuration.threads.filter { thread in
                thread.operations.contains { if case .kernel = $0 { true } else if case .munmap = $0 { true } else { false } }
            }
            return source.contains(operation.text) && threads.count == 1 && threads[0].operations.count == 1
        }
    }

    /// The first built-in operation or munmap a thread of `scenario` runs, as written.
    static func operation(in scenario: Scenario) -> (text: String, program: (KernelPrograms) -> Program, page: String)? {
        let pages = scenario.configuration.pages.map(\.name)
        for thread in scenario.configuration.threads {
            for operation in thread.operations {
                switch operation {
                case let .kernel(kind, page, _):
                    return (kind.spelled(page: pages[page]), { $0.builtIn[kind.rawValue] }, pages[page])
                case let .munmap(page):
                    return ("munmap(\(pages[page]))", { $0.munmap }, pages[page])
                default:
                    continue
                }
            }
        }
        return nil
    }

    /// `source` with the program of its operation pasted as a path before the initial state, and
    /// the thread table running the path instead of the operation.
    static func pasted(_ source: String, file: String, edit: (String) -> String = { $0 }) throws -> String {
        let scenario = try ScenarioLowering.load(source: source, file: file)
        let (text, select, page) = try #require(operation(in: scenario))
        let configuration = scenario.configuration
        let programs = KernelPrograms(architecture: configuration.architecture, policy: configuration.policy)
        let program = select(programs)
        let written = try #require(PathWriter.paths(of: programs).first { $0.program.name == program.name }).text
        let name = PathWriter.name(for: program)
        var lines = source.components(separatedBy: "\n")
        let open = try #require(lines.firstIndex(of: "{"))
        let close = try #require(lines[open...].firstIndex(of: "}"))
        for index in (close + 1)..<lines.count {
            lines[index] = lines[index].replacingOccurrences(of: text, with: "\(name)(\(page))")
        }
        lines.insert(edit(written), at: open)
        return lines.joined(separator: "\n")
    }

    /// What a check found, without timings.
    static func findings(_ outcome: ScenarioOutcome) -> [String] {
        let statistics = outcome.result.statistics
        return ["states \(statistics.states), transitions \(statistics.transitions), terminal \(statistics.terminalStates)"]
            + outcome.judgements.map { "\($0.property) \($0.found)" }
            + outcome.result.finals.map { "final \($0.satisfied)/\($0.unsatisfied)" }
    }

    @Test("there are scenarios to paste into")
    func found() {
        #expect(Self.candidates.count >= 25)
    }

    @Test("a pasted built-in program runs as the built-in operation", arguments: candidates)
    func pastedRunsAsBuiltIn(file: String) throws {
        let source = try BundledScenarios.source(file)
        let pasted = try Self.pasted(source, file: file)
        // Unreduced, so that the counts compare the two programs' semantics, not how precise
        // their footprints are.
        var options = CheckOptions()
        options.reduction = .none
        options.symmetry = false
        let original = try ScenarioCheck.run(try ScenarioLowering.load(source: source, file: file), options: options)
        let copy = try ScenarioCheck.run(try ScenarioLowering.load(source: pasted, file: file), options: options)
        #expect(copy.scenario.configuration.threads.allSatisfy { thread in
            !thread.operations.contains { if case .kernel = $0 { true } else if case .munmap = $0 { true } else { false } }
        })
        #expect(Self.findings(copy) == Self.findings(original))
    }

    @Test("mprotect(x, ro) pasted without its gather flush leaves the device's writable entry")
    func editedPathIsChecked() throws {
        let file = BundledScenarios.root + "/Scenarios/kernel-paths/mprotect-downgrade-v6.6.litmus"
        let source = try BundledScenarios.source(file)
        let broken = try Self.pasted(source, file: file) { text in
            text.components(separatedBy: "\n").filter { !$0.contains("tlb_flush_mmu_tlbonly") && !$0.contains("notify_secondary") }
                .joined(separator: "\n")
        }
        #expect(broken.contains("path mprotect_ro(x) in \"mm/mprotect.c\" checked {"))
        #expect(!broken.contains("flush_gather_range"))
        let outcome = try ScenarioCheck.run(try ScenarioLowering.load(source: broken, file: file))
        #expect(outcome.result.invariants.first { $0.name == "secondary-bounded-after-return" }?.holds == false)
    }

    @Test("a mirror device's fault path pasted as a path is refused: a path runs on a CPU")
    func mirrorProgramIsRefused() throws {
        let programs = KernelPrograms(architecture: .arm64, policy: .v6_6, mirror: MirrorConfiguration(kind: .hmm))
        let mirror = try #require(programs.mirror)
        let text = PathWriter.render(mirror, name: "dmirror_fault")
        let source = "arm64 t\npolicy = v6.6\nmirror = hmm\n\(text)\n{\n  page x: anon, value 1, pte rw dirty;\n}\n"
            + " CPU0 | MIR0 ;\n dmirror_fault(x) | r0 = *x ;\nexists (MIR0:r0=1)\n"
        let scenario = try ScenarioLowering.load(source: source, file: "t.litmus")
        let error = #expect(throws: LitmusError.self) { try ScenarioCheck.run(scenario) }
        #expect(error?.description.contains(
            "path dmirror_fault has a mirror device's steps (its walk, snapshot, table or lock); only MIR… and VCPU… threads run them, and a path runs on a CPU"
        ) == true)
    }
}
