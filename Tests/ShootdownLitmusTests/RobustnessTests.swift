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

@Suite struct RobustnessTests {
    /// Parses `source`; it must succeed or throw diagnostics located inside the input.
    /// Returns a description of what went wrong, or `nil`.
    static func problem(parsing source: String) -> String? {
        let lines = source.unicodeScalars.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        do throws(LitmusError) {
            _ = try LitmusParser.parse(source: source, file: "r.litmus")
            return nil
        } catch {
            guard let first = error.diagnostics.first else {
                return "no diagnostics for \(String(reflecting: source))"
            }
            _ = error.description
            for diagnostic in error.diagnostics
            where !(1...lines).contains(diagnostic.location.line) || diagnostic.location.column < 1 {
                return "\(diagnostic.location) outside \(lines) lines for \(String(reflecting: source))"
            }
            return first.message.isEmpty ? "empty message for \(String(reflecting: source))" : nil
        }
    }

    /// Parses every source, recording the first few problems.
    static func check(_ sources: some Sequence<String>) {
        var problems: [String] = []
        for source in sources {
            if let problem = problem(parsing: source) { problems.append(problem) }
        }
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(3))")
    }

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
        let lines = Fixtures.example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var random = LCG(state: 0x5EED)
        var sources: [String] = []
        for _ in 0..<200 {
            var shuffled = lines
            for index in stride(from: shuffled.count - 1, to: 0, by: -1) {
                shuffled.swapAt(index, random.below(index + 1))
            }
            sources.append(shuffled.joined(separator: "\n"))
        }
        #expect(Set(sources).count > 190)
        Self.check(sources)
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
