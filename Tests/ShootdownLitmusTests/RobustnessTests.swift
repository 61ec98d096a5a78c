import Foundation
import ShootdownModel
import Testing
@testable import ShootdownLitmus

/// A 64-bit linear congruential generator, so that every run sees the same inputs.
struct LCG {
    var state: UInt64

    /// The next 31 pseudo-random bits.
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }

    /// A pseudo-random integer in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

/// Malformed input never crashes: whatever the text, reading it as `shootdown check` does —
/// parsing, lowering every variant, building each model — either succeeds or reports errors
/// located inside the input (`file:line:column`, the line quoted, a caret under the column).
/// A model that builds is also run along a few seeded random executions, so that a scenario the
/// lowering lets through cannot trap in the model's steps either.
@Suite struct RobustnessTests {
    /// Reads `source` as the file `file` the way `check` does. Returns a description of what
    /// went wrong, or `nil`.
    static func problem(loading source: String, file: String = "r.litmus") -> String? {
        do throws(LitmusError) {
            for scenario in try ScenarioLowering.loadMatrix(source: source, file: file).scenarios {
                walk(try scenario.world(), scenario)
            }
            return nil
        } catch {
            guard !error.diagnostics.isEmpty else { return "no diagnostics for \(String(reflecting: source))" }
            for diagnostic in error.diagnostics {
                if let problem = problem(with: diagnostic, source: source, file: file) {
                    return "\(problem) for \(String(reflecting: source))"
                }
            }
            return nil
        }
    }

    /// What is wrong with a diagnostic about `source` (read as `file`), or `nil`: it must point
    /// into the input (or into a file the input includes), quote that line and put a caret on it.
    static func problem(with diagnostic: Diagnostic, source: String, file: String) -> String? {
        let location = diagnostic.location
        let text = location.file == file ? source : try? String(contentsOfFile: location.file, encoding: .utf8)
        guard let text else { return "\(location) is in no file of the input" }
        guard let line = Diagnostic.line(location.line, of: text) else { return "\(location) is past the end" }
        guard (1...line.unicodeScalars.count + 1).contains(location.column) else { return "\(location) is outside its line" }
        guard diagnostic.sourceLine == line else { return "\(location) quotes another line" }
        guard !diagnostic.message.isEmpty else { return "\(location) has no message" }
        let rendered = diagnostic.description.split(separator: "\n", omittingEmptySubsequences: false)
        guard rendered.count >= 3, rendered[0].hasPrefix("\(location): error: "), rendered[2].hasSuffix("^") else {
            return "\(location) is rendered without its line and caret"
        }
        return nil
    }

    /// Runs a few seeded random executions of `world`, evaluating the scenario's conditions where
    /// each stops.
    static func walk(_ world: World, _ scenario: Scenario) {
        var random = LCG(state: 0xFA11)
        var actions: [WorldAction] = []
        for initial in world.initialStates {
            for _ in 0..<4 {
                var state = initial
                for _ in 0..<200 {
                    actions.removeAll(keepingCapacity: true)
                    world.enabledActions(in: state, into: &actions)
                    guard !actions.isEmpty else { break }
                    state = world.successor(of: state, via: actions[random.below(actions.count)])
                }
                if let final = scenario.final { _ = world.evaluate(final.predicate, in: state) }
                for clause in scenario.eventualities { _ = world.evaluate(clause.predicate, in: state) }
            }
        }
    }

    /// Reads every source, recording the first few problems.
    static func check(_ sources: some Sequence<String>, file: String = "r.litmus") {
        var problems: [String] = []
        for source in sources {
            if let problem = problem(loading: source, file: file) { problems.append(problem) }
        }
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(3))")
    }

    /// `count` shuffles of the lines of `source`, the same on every run for the same `seed`.
    static func lineShuffles(of source: String, count: Int, seed: UInt64) -> [String] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var random = LCG(state: seed)
        return (0..<count).map { _ in
            var shuffled = lines
            for index in stride(from: shuffled.count - 1, to: 0, by: -1) {
                shuffled.swapAt(index, random.below(index + 1))
            }
            return shuffled.joined(separator: "\n")
        }
    }

    /// Every scenario under `Scenarios/` with its text: all but the benchmark family, of which
    /// only the smallest.
    static let corpus: [(path: String, source: String)] = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let folder = url.path + "/Scenarios/"
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".litmus"), !relative.hasPrefix("bench/") || relative == "bench/cow-order-N2.litmus" else {
                continue
            }
            files.append(folder + relative)
        }
        return files.sorted().compactMap { path in
            (try? String(contentsOfFile: path, encoding: .utf8)).map { (path, $0) }
        }
    }()

    @Test func everyPrefix() {
        let characters = Array(Fixtures.example)
        Self.check((0...characters.count).lazy.map { String(characters[..<$0]) })
    }

    @Test func everySingleCharacterDeletion() {
        let characters = Array(Fixtures.example)
        Self.check(characters.indices.lazy.map { index in
            var copy = characters
            copy.remove(at: index)
            return String(copy)
        })
    }

    @Test func lineShuffles() {
        let sources = Self.lineShuffles(of: Fixtures.example, count: 200, seed: 0x5EED)
        #expect(Set(sources).count > 190)
        Self.check(sources)
    }

    @Test("every bundled scenario cut at token boundaries", .timeLimit(.minutes(2)))
    func truncatedScenarios() {
        #expect(Self.corpus.count >= 60)
        for (path, source) in Self.corpus {
            let scalars = Array(source.unicodeScalars)
            var lexer = Lexer(scalars: scalars, file: path)
            let boundaries = Set(lexer.tokenize().flatMap { [$0.startOffset, $0.endOffset] }).sorted()
            // At most about 48 cuts a file, spread evenly, to keep the test to seconds.
            let cuts = stride(from: 0, to: boundaries.count, by: max(1, boundaries.count / 48)).map { boundaries[$0] }
            Self.check(cuts.map { String(String.UnicodeScalarView(scalars[..<$0])) }, file: path)
        }
    }

    @Test("every bundled scenario with its lines shuffled", .timeLimit(.minutes(2)))
    func shuffledScenarios() {
        for (index, (path, source)) in Self.corpus.enumerated() {
            Self.check(Self.lineShuffles(of: source, count: 3, seed: UInt64(index) + 1), file: path)
        }
    }

    @Test func randomBytes() {
        var random = LCG(state: 42)
        var sources: [String] = []
        for _ in 0..<300 {
            let bytes = (0..<random.below(400)).map { _ in UInt8(random.below(256)) }
            sources.append(String(decoding: bytes, as: UTF8.self))
        }
        Self.check(sources)
    }

    @Test func randomTokenSoup() {
        let pieces = [
            "(*", "*)", "|", ";", "exists", "~", "~exists", "forall", "eventually", "/\\", "\\/", "(", ")", "\"",
            "\\\"", "x", "=", "1", "-1", "0x1f", "\n", " ", "\t", "{", "}", ":", ",", "P0", "r0", "*", "Result:",
            "Expect:", "99999999999999999999", "//", "!=", "!", "arm64 t\n", "page", "munmap(x)", "done(P0)",
            "\r\n", "é", "\u{0}",
        ]
        var random = LCG(state: 7)
        var sources: [String] = []
        for _ in 0..<500 {
            var source = random.below(2) == 0 ? "arm64 t\n" : ""
            for _ in 0..<random.below(60) {
                source += pieces[random.below(pieces.count)]
            }
            sources.append(source)
        }
        Self.check(sources)
    }

    @Test func pathologicalInputs() {
        Self.check([
            "",
            "\n\n\n",
            String(repeating: "(*", count: 10_000),
            String(repeating: "(* *)", count: 10_000),
            "arm64 t\n P0 ;\nexists " + String(repeating: "(", count: 100_000),
            "arm64 t\n P0 ;\nexists " + String(repeating: "~", count: 100_000) + "x=1",
            "arm64 t\n" + String(repeating: " P0 |", count: 10_000) + " P0 ;",
            "arm64 t\n P0 ;\n" + String(repeating: " *x = 1 ;\n", count: 10_000),
            "arm64 t\n P0 ;\n *x = " + String(repeating: "9", count: 10_000) + " ;",
            "arm64 t\n P0 ;\n *x = -" + String(repeating: "0", count: 10_000) + "1 ;",
            "arm64 " + String(repeating: "a", count: 100_000),
            "\"" + String(repeating: "\\", count: 10_001),
        ])
    }
}
