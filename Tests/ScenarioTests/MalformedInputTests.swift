import Foundation
import ShootdownLitmus
import ShootdownModel
import Testing

@Suite("Malformed scenarios")
struct MalformedInputTests {
    let valid = """
    arm64 t
    policy = v6.6
    { page x: value 0, pte rw clean; }
     CPU0   | DEV0   ;
     *x = 1 | r0 = *x ;
    exists (DEV0:r0=0)
    Result: Sometimes
    """

    func diagnostic(_ source: String) -> String? {
        do {
            _ = try ScenarioLowering.load(source: source, file: "t.litmus")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("the valid base parses")
    func base() { #expect(diagnostic(valid) == nil) }

    @Test("semantic errors point at the word, with a suggestion", arguments: [
        ("policy = v6.6", "policy = v6.7", "t.litmus:2:10: error: unknown policy 'v6.7'"),
        ("arm64 t", "arm46 t", "t.litmus:1:1: error: unknown architecture 'arm46'"),
        ("r0 = *x", "r0 = *y", "t.litmus:5:17: error: unknown page 'y'"),
        ("DEV0:r0=0", "DEV0:r9=0", "t.litmus:6:14: error: thread DEV0 has no register 'r9'"),
        ("Result: Sometimes", "Result: Somtimes", "t.litmus:7:9: error: a Result is Always, Sometimes or Never"),
        ("pte rw clean", "pte rw clena", "t.litmus:3:27: error: a PTE is 'clean' or 'dirty'"),
        ("pte rw clean", "pte rw clean value 1",
         "t.litmus:3:33: error: unexpected 'value' after 'clean'; separate attributes with ','"),
        (" *x = 1 | r0 = *x ;", " exit() | r0 = *x ;\n *x = 1 | ;",
         "t.litmus:5:2: error: exit() ends the process: it must be the last operation of CPU0"),
        ("{ page x: value 0, pte rw clean; }\n CPU0   | DEV0   ;\n *x = 1 | r0 = *x ;\nexists (DEV0:r0=0)",
         " CPU0   | DEV0   ;\n exit() | r0 = *x ;\nforall (true)",
         "t.litmus:4:2: error: exit() unmaps the process's pages: declare at least one"),
    ])
    func located(original: String, replacement: String, expected: String) throws {
        let message = try #require(diagnostic(valid.replacingOccurrences(of: original, with: replacement)))
        #expect(message.hasPrefix(expected), "\(message)")
    }

    @Test("a near miss gets a did-you-mean note", arguments: [
        ("policy = v6.6", "policy = v6.66", "v6.6"),
        ("DEV0   ;", "DVE0   ;", "DEV0"),
        ("DEV0:r0=0", "DEV0:r0=falut", "fault"),
        ("{ page", "{ iotlb x: rx; page", "ro"),
        ("policy = v6.6", "policy = v6.6\npth p(x) { flush_tlb_page; }", "path"),
        ("policy = v6.6", "variant {\n policy = v6.2 | v6.6\n}", "variants"),
    ])
    func suggestion(original: String, replacement: String, suggested: String) throws {
        let message = try #require(diagnostic(valid.replacingOccurrences(of: original, with: replacement)))
        #expect(message.contains("note: did you mean '\(suggested)'?"), "\(message)")
    }

    @Test("integers are decimal or hexadecimal wherever a number is written")
    func hexadecimal() throws {
        let source = valid.replacingOccurrences(of: "policy = v6.6", with: "tlb-capacity = 0x2")
            .replacingOccurrences(of: "value 0", with: "value 0x10")
            .replacingOccurrences(of: "DEV0:r0=0", with: "DEV0:r0=0x10")
        let scenario = try ScenarioLowering.load(source: source, file: "t.litmus")
        #expect(scenario.configuration.tlbCapacity == 2)
        #expect(scenario.configuration.pages.map(\.value) == [16])
    }

    /// A scenario with `pages` pages, a CPU and a device reading each of them.
    static func large(pages: Int, variants: Bool = false) -> String {
        var source = "arm64 large\n" + (variants ? "variants {\n  policy = v6.2 | v6.6\n}\n" : "") + "{\n"
        for page in 0..<pages { source += "  page p\(page): value 1;\n" }
        source += "}\n CPU0 | DEV0 ;\n"
        for page in 0..<pages { source += " r\(page) = *p\(page) | r\(page) = *p\(page) ;\n" }
        return source + "exists (p0=1)\nResult: Always\n"
    }

    @Test("a model too large for a state is an error at the header, naming the variant")
    func tooLargeForAState() throws {
        let scenario = try ScenarioLowering.load(source: Self.large(pages: 40), file: "t.litmus")
        do {
            _ = try scenario.world()
            Issue.record("a state too large was accepted")
        } catch {
            #expect(error.description.hasPrefix("""
                t.litmus:1:7: error: the scenario needs at least
                """))
            #expect(error.description.hasSuffix("""
                use fewer pages, threads or values
                 1 | arm64 large
                   |       ^
                """))
        }
        let matrix = try ScenarioLowering.loadMatrix(source: Self.large(pages: 40, variants: true), file: "v.litmus")
        do {
            _ = try matrix.scenarios[0].world()
            Issue.record("a state too large was accepted")
        } catch {
            #expect(error.description.hasPrefix("v.litmus:1:7: error: in the variant policy=v6.2: the scenario needs"))
        }
    }

    @Test("more threads or pages than the model holds are errors at the first one too many")
    func limits() throws {
        let names = (0...World.maximumThreads).map { "P\($0)" }
        let threads = "arm64 t\n" + names.joined(separator: " | ") + " ;\n"
        let thread = try #require(diagnostic(threads))
        #expect(thread.hasPrefix("t.litmus:2:\(names.dropLast().map { $0.count + 3 }.reduce(1, +)): error: a scenario has at most 64 threads"))
        let pages = try #require(diagnostic(Self.large(pages: World.maximumPages + 1)))
        #expect(pages.hasPrefix("t.litmus:67:8: error: a scenario has at most 64 pages"), "\(pages)")
    }

    @Test("shootdown check on malformed files exits 2 with a located error, or gives verdicts; it never crashes")
    func commandLine() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ShootdownCommand.executable.path),
                     "the shootdown executable is built beside the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files: [String: String] = ["large": Self.large(pages: 40)]
        for name in ["seeds/upgrade-livelock-v6.2", "notifier/kvm-cow-v6.2", "language/variants"] {
            let lines = try BundledScenarios.source(BundledScenarios.root + "/Scenarios/\(name).litmus")
                .split(separator: "\n", omittingEmptySubsequences: false)
            let base = name.replacingOccurrences(of: "/", with: "-")
            files[base + "-half"] = lines.prefix(lines.count / 2).joined(separator: "\n")
            files[base + "-reversed"] = lines.reversed().joined(separator: "\n")
            files[base + "-odd-lines"] = lines.enumerated().filter { $0.offset % 2 == 1 }.map(\.element).joined(separator: "\n")
        }
        var refused = 0
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let path = folder + "/" + name + ".litmus"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let run = try ShootdownCommand.run(["check", "--no-counterexamples", "--state-limit", "20000", path])
            #expect([0, 1, 2].contains(run.status), "\(name): exit status \(run.status)\n\(run.stderr)")
            guard run.status == 2 else { continue }
            refused += 1
            let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            let location = try #require(lines.first?.firstMatch(of: /^(.+):(\d+):(\d+): error: ./), "\(name): \(run.stderr)")
            #expect(location.output.1 == path, "\(name): \(run.stderr)")
            #expect((1...text.split(separator: "\n", omittingEmptySubsequences: false).count).contains(Int(location.output.2) ?? 0))
            #expect(lines.count >= 3 && lines[2].hasSuffix("^"), "\(name): \(run.stderr)")
        }
        #expect(refused >= 5)
        let large = try ShootdownCommand.run(["check", folder + "/large.litmus"])
        #expect(large.status == 2)
        #expect(large.stderr.hasPrefix(folder + "/large.litmus:1:7: error: the scenario needs at least"), "\(large.stderr)")
    }
}
