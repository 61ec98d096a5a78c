import ShootdownModel
import Testing
@testable import ShootdownLitmus

/// The `path` language: labels, jumps, raw steps, and the round trip through
/// `explain --as-path` (``PathWriter``).
@Suite struct PathTests {
    /// A scenario holding `path` and a thread that runs `name(x)`.
    static func scenario(_ path: String, runs name: String) -> String {
        "arm64 t\n\(path)\n{\n  page x: anon, value 1, pte rw dirty;\n}\n CPU0 ;\n \(name)(x) ;\n"
    }

    /// The one path `source` declares, lowered.
    static func lowered(_ path: String, runs name: String) throws -> KernelPath {
        let scenario = try ScenarioLowering.load(source: scenario(path, runs: name), file: "t.litmus")
        return try #require(scenario.configuration.paths.first)
    }

    /// The first diagnostic of lowering the scenario around `path`.
    static func problem(_ path: String, runs name: String = "p") -> Diagnostic? {
        do throws(LitmusError) {
            _ = try ScenarioLowering.load(source: scenario(path, runs: name), file: "t.litmus")
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    // MARK: - Syntax

    @Test func straightLinePathsAreUnchanged() throws {
        let path = try Self.lowered("""
            path cow(x) {
              wp_page_copy: __wp_page_copy_user(x);
              pte_offset_map_lock(x);
              wp_page_copy: ptep_clear_flush(x);
            }
            """, runs: "cow")
        #expect(path.file == "t.litmus")
        #expect(path.body == [
            .step(PathStep(function: "wp_page_copy", call: .wpPageCopyUser)),
            .step(PathStep(function: "cow", call: .pteOffsetMapLock)),
            .step(PathStep(function: "wp_page_copy", call: .ptepClearFlush)),
        ])
        let program = try #require(KernelPrograms(architecture: .arm64, policy: .v6_6, paths: [path]).paths.first)
        #expect(program.source.last == .ret)
        #expect(program.steps.map(\.call) == ["__wp_page_copy_user", "pte_offset_map_lock", "ptep_clear_flush",
                                              "mmu_notifier_arch_invalidate_secondary_tlbs"])
    }

    @Test func labelsJumpsRawStepsFilesAndConditions() throws {
        let path = try Self.lowered("""
            path p(x) in "mm/memory.c" {
              if orig_none goto anon;
              f: step lock_ptl "pte_offset_map_lock";
              if pte_changed goto out;
              g: step flush_tlb_page "flush_tlb_page" in "arch/arm64/mm/fault.c" when changed;
              goto out;
            anon:
              step range_start(CLEAR) "start";
            out: f: pte_unmap_unlock(x) when write_fault;
            done: return;
            }
            """, runs: "p")
        #expect(path.file == "mm/memory.c")
        #expect(path.body == [
            .jump(to: "anon", if: .origNone),
            .step(PathStep(function: "f", action: .raw(.lockPTL, call: "pte_offset_map_lock"))),
            .jump(to: "out", if: .pteChangedSinceEntry),
            .step(PathStep(function: "g", action: .raw(.flushTLBPage, call: "flush_tlb_page"),
                           file: "arch/arm64/mm/fault.c", when: .changed)),
            .jump(to: "out", if: .always),
            .label("anon"),
            .step(PathStep(function: "p", action: .raw(.rangeStart(.clear), call: "start"))),
            .label("out"),
            .step(PathStep(function: "f", action: .call(.pteUnmapUnlock), when: .writeFault)),
            .label("done"),
            .ret,
        ])
        let source = try #require(KernelPrograms(architecture: .arm64, policy: .v6_6, paths: [path]).paths.first).source
        // Raw steps stay as written in the new era; the call cites the path's file; no second return.
        #expect(source.count == 11)
        #expect(source[3] == .step(Step(.flushTLBPage, in: "g", file: "arch/arm64/mm/fault.c", call: "flush_tlb_page",
                                        when: .changed)))
        #expect(source[8] == .step(Step(.unlockPTL, in: "f", file: "mm/memory.c", call: "pte_unmap_unlock", when: .writeFault)))
    }

    @Test func aNameBeforeAStepOnItsLineIsTheFunctionAndAloneOnItsLineALabel() throws {
        let path = try Self.lowered("""
            path p(x) {
              again:
              f: pte_offset_map_lock(x);
              g:
              pte_unmap_unlock(x);
              goto again;
            }
            """, runs: "p")
        #expect(path.body == [
            .label("again"),
            .step(PathStep(function: "f", call: .pteOffsetMapLock)),
            .label("g"),
            .step(PathStep(function: "p", call: .pteUnmapUnlock)),
            .jump(to: "again", if: .always),
        ])
        // An unconditional jump at the end: nothing falls off it, so no return is added.
        let source = try #require(KernelPrograms(architecture: .x86, policy: .v6_2, paths: [path]).paths.first).source
        #expect(source.last == .jump(to: "again", if: .always))
    }

    @Test func everySpellingNamesItsKindAndCondition() {
        for kind in StepKind.all {
            #expect(StepKind(spelling: kind.spelling) == kind, "\(kind.spelling)")
        }
        #expect(Set(StepKind.all.map(\.spelling)).count == StepKind.all.count)
        for condition in BranchCondition.allCases { #expect(BranchCondition(spelling: condition.spelling) == condition) }
        for condition in StepCondition.allCases { #expect(StepCondition(spelling: condition.spelling) == condition) }
    }

    // MARK: - Diagnostics

    @Test func unknownStepKindIsLocatedWithASuggestion() throws {
        let diagnostic = try #require(Self.problem("path p(x) {\n  f: step lock_pte \"x\";\n}"))
        #expect(diagnostic.message == "unknown step kind 'lock_pte' (see docs/PATHS.md or 'shootdown list')")
        #expect(diagnostic.suggestion == "lock_ptl")
        #expect(diagnostic.description == """
            t.litmus:3:11: error: unknown step kind 'lock_pte' (see docs/PATHS.md or 'shootdown list')
             3 |   f: step lock_pte "x";
               |           ^
            note: did you mean 'lock_ptl'?
            """)
    }

    @Test func stepKindArguments() throws {
        let missing = try #require(Self.problem("path p(x) {\n  step range_start \"s\";\n}"))
        #expect(missing.message.hasPrefix("step kind 'range_start' takes an argument: range_start(UNMAP|UNMAP_BY_CALLER|"))
        let unknown = try #require(Self.problem("path p(x) {\n  step notify_secondary(pages) \"n\";\n}"))
        #expect(unknown.message == "unknown argument 'pages' of step kind 'notify_secondary' (known: page, gather, whole_mm, contig_range, contig_slip, huge_range)")
        #expect(unknown.suggestion == "page")
        #expect(unknown.location.description == "t.litmus:3:25")
        let extra = try #require(Self.problem("path p(x) {\n  step lock_ptl(x) \"l\";\n}"))
        #expect(extra.message == "step kind 'lock_ptl' takes no argument")
        let call = try #require(Self.problem("path p(x) {\n  step pte_offset_map_lock \"l\";\n}"))
        #expect(call.message.hasSuffix("; 'pte_offset_map_lock' is a kernel call: write it without 'step'"))
    }

    @Test func unknownConditionsAreLocatedWithSuggestions() throws {
        let branch = try #require(Self.problem("path p(x) {\n  if pte_chnaged goto l;\nl:\n  pte_unmap_unlock(x);\n}"))
        #expect(branch.message.hasPrefix("unknown branch condition 'pte_chnaged' (known: orig_none, pte_changed,"))
        #expect(branch.suggestion == "pte_changed")
        #expect(branch.location.description == "t.litmus:3:6")
        let guarded = try #require(Self.problem("path p(x) {\n  pte_unmap_unlock(x) when gatherd;\n}"))
        #expect(guarded.message == "unknown step condition 'gatherd' (known: changed, write_fault, gathered, batch_pending, collected_present)")
        #expect(guarded.suggestion == "gathered")
        let mixed = try #require(Self.problem("path p(x) {\n  pte_unmap_unlock(x) when pte_changed;\n}"))
        #expect(mixed.message.hasSuffix("'pte_changed' is a branch condition: if pte_changed goto LABEL;"))
    }

    @Test func undefinedAndDuplicateLabels() throws {
        let undefined = try #require(Self.problem("path p(x) {\n  goto unlcok;\nunlock:\n  pte_unmap_unlock(x);\n}"))
        #expect(undefined.message == "no label 'unlcok' in path 'p' (known: unlock)")
        #expect(undefined.suggestion == "unlock")
        #expect(undefined.description == """
            t.litmus:3:8: error: no label 'unlcok' in path 'p' (known: unlock)
             3 |   goto unlcok;
               |        ^
            note: did you mean 'unlock'?
            """)
        let duplicate = try #require(Self.problem("path p(x) {\nl:\n  pte_offset_map_lock(x);\nl:\n  pte_unmap_unlock(x);\n}"))
        #expect(duplicate.message == "label 'l' is defined twice in path 'p' (first at 3:1)")
        #expect(duplicate.location.description == "t.litmus:5:1")
    }

    @Test func syntaxErrors() throws {
        let text = try #require(Self.problem("path p(x) {\n  step lock_ptl;\n}"))
        #expect(text.message == "expected the call text in quotes after 'step lock_ptl', e.g. step lock_ptl \"pte_offset_map_lock\"")
        #expect(text.location.description == "t.litmus:3:16")
        let goto = try #require(Self.problem("path p(x) {\n  if pte_changed l;\n}"))
        #expect(goto.message == "expected 'goto LABEL' after 'if pte_changed'")
        let semicolon = try #require(Self.problem("path p(x) {\n  return\n}"))
        #expect(semicolon.message == "expected ';' after 'return'")
        let file = try #require(Self.problem("path p(x) {\n  pte_unmap_unlock(x) in mm;\n}"))
        #expect(file.message == "expected the file the step cites, in quotes, e.g. in \"mm/memory.c\"")
    }

    // MARK: - The round trip

    /// Every program of every policy, on both architectures, with and without a range
    /// subscriber, printed as a path, parsed and lowered, builds to the same program.
    @Test(arguments: Architecture.allCases)
    func everyBuiltInProgramRoundTrips(architecture: Architecture) throws {
        let mirrors: [MirrorConfiguration?] = [nil] + MirrorConfiguration.Kind.allCases.map { MirrorConfiguration(kind: $0) }
        for policy in KernelPolicy.all {
            for mirror in mirrors {
                let programs = KernelPrograms(architecture: architecture, policy: policy, mirror: mirror)
                let checked = [programs.munmap.name] + programs.builtIn.map(\.name)
                for (program, text) in PathWriter.paths(of: programs) {
                    let name = PathWriter.name(for: program)
                    let path = try Self.lowered(text, runs: name)
                    #expect(path.checkedOnReturn == checked.contains(program.name))
                    let rebuilt = try #require(KernelPrograms(architecture: architecture, policy: policy, paths: [path]).paths.first)
                    let context = "\(program.name), \(architecture), \(policy.name), \(mirror.map { "\($0.kind)" } ?? "no mirror")"
                    #expect(rebuilt.source == program.source, "\(context)")
                    #expect(Self.targets(rebuilt) == Self.targets(program), "\(context)")
                    #expect(PathWriter.render(rebuilt, name: name, checked: path.checkedOnReturn) == text, "\(context)")
                }
            }
        }
    }

    @Test func writtenNamesAreIdentifiersThatShadowNoOperation() {
        let programs = KernelPrograms(architecture: .arm64, policy: .v6_6, mirror: MirrorConfiguration(kind: .hmm))
        let names = programs.all.map(PathWriter.name(for:))
        #expect(names == ["handle_mm_fault", "munmap_path", "mprotect_ro", "mprotect_rw", "reclaim_path", "reclaim_nobatch",
                          "migrate_path", "ksm_merge_path", "mkclean_path", "fork_path", "split_huge_pmd_path",
                          "exit_path", "oom_reap_path", "uprobe_replace_path", "mprotect_none", "mremap_new", "mremap_new_MREMAP_DONTUNMAP", "dmirror_fault",
                          "dmirror_READ", "dmirror_WRITE", "dmirror_MIGRATE_TO_DEV", "dmirror_MIGRATE_TO_SYS",
                          "dmirror_SNAPSHOT", "dmirror_EXCLUSIVE", "dmirror_CHECK_EXCLUSIVE", "dmirror_RELEASE"])
        for name in names { #expect(Parser.isIdentifier(name) && !Lowerer.calls.contains(name)) }
    }

    /// Each resolved instruction as text, jumps with their target index.
    static func targets(_ program: Program) -> [String] {
        program.ops.map { op in
            switch op {
            case let .step(step): return step.label
            case let .jump(target, condition): return "\(condition) → \(target)"
            case .ret: return "return"
            }
        }
    }
}
