import Foundation
import Testing
@testable import ShootdownLitmus

/// `include "FILE";` in the initial-state block.
@Suite struct IncludeTests {
    /// A fresh folder holding `files` (relative path → text); removed by `remove()`.
    struct Folder {
        let path: String

        init(_ files: [String: String]) throws {
            path = try FileTests.directory().path
            for (name, text) in files {
                let url = URL(fileURLWithPath: path + "/" + name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    /// A scenario whose initial-state block is `block`.
    static func scenario(_ block: String) -> String {
        "arm64 t\n{\n\(block)\n}\n CPU0   | DEV0    ;\n *x = 1 | r0 = *x ;\nexists (DEV0:r0=0)\nResult: Sometimes\n"
    }

    /// The diagnostics of parsing and lowering the file `name` of `folder`.
    static func diagnostics(_ name: String, in folder: Folder) -> [Diagnostic] {
        do throws(LitmusError) {
            _ = try ScenarioLowering.load(contentsOf: folder.file(name))
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func includedDeclarationsTakeTheIncludesPlace() throws {
        let folder = try Folder([
            "t.litmus": Self.scenario("  page a: value 1;\n  include \"shared/pages.inc\";\n  iotlb x: ro;"),
            "shared/pages.inc": "(* shared *)\npage x: anon, value 0, pte rw clean;\ninclude \"more.inc\";\n",
            "shared/more.inc": "page y: value 2;   // relative to pages.inc\n",
        ])
        defer { folder.remove() }
        let ast = try LitmusParser.parse(contentsOf: folder.file("t.litmus"))
        #expect(ast.initial.map { "\($0.keyword.value) \(words($0.subjects).joined())" } == ["page a", "page x", "page y", "iotlb x"])
        #expect(ast.initial[1].location.description == folder.file("shared/pages.inc") + ":2:1")
        #expect(ast.initial[2].location.description == folder.file("shared/more.inc") + ":1:1")
        #expect(ast.includes[folder.file("shared/pages.inc")]?.site.description == folder.file("t.litmus") + ":4:3")
        #expect(ast.includes[folder.file("shared/more.inc")]?.site.description == folder.file("shared/pages.inc") + ":3:1")
        let scenario = try ScenarioLowering.load(contentsOf: folder.file("t.litmus"))
        #expect(scenario.configuration.pages.map(\.name) == ["a", "x", "y"])
        #expect(scenario.configuration.pages.map(\.value) == [1, 0, 2])
    }

    @Test func anAbsolutePathIsTakenAsIt() throws {
        let folder = try Folder(["pages.inc": "page x: value 3;\n"])
        defer { folder.remove() }
        let ast = try parse(Self.scenario("  include \"\(folder.file("pages.inc"))\";"))
        #expect(ast.initial.map(\.location.file) == [folder.file("pages.inc")])
    }

    @Test func aMissingFileIsReportedAtItsNameWithTheNearestFile() throws {
        let folder = try Folder(["t.litmus": Self.scenario("  include \"shared/pgaes.inc\";"), "shared/pages.inc": ""])
        defer { folder.remove() }
        let found = Self.diagnostics("t.litmus", in: folder)
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.location.description == folder.file("t.litmus") + ":3:11")
        #expect(diagnostic.message == "the included file '\(folder.file("shared/pgaes.inc"))' does not exist")
        #expect(diagnostic.suggestion == "shared/pages.inc")
        #expect(diagnostic.sourceLine == "  include \"shared/pgaes.inc\";")
    }

    @Test func cyclesAreReportedWhereTheyClose() throws {
        let folder = try Folder([
            "t.litmus": Self.scenario("  include \"a.inc\";"),
            "a.inc": "page x: value 0;\ninclude \"b.inc\";\n",
            "b.inc": "include \"./a.inc\";\n",
            "self.litmus": Self.scenario("  include \"self.litmus\";"),
        ])
        defer { folder.remove() }
        let cycle = try #require(Self.diagnostics("t.litmus", in: folder).first)
        #expect(cycle.location.description == folder.file("b.inc") + ":1:9")
        #expect(cycle.message == "include cycle: \(folder.file("a.inc")) → \(folder.file("b.inc")) → \(folder.file("./a.inc"))")
        #expect(cycle.notes == ["included from \(folder.file("a.inc")):2:1", "included from \(folder.file("t.litmus")):3:3"])
        let own = try #require(Self.diagnostics("self.litmus", in: folder).first)
        #expect(own.location.description == folder.file("self.litmus") + ":3:11")
        #expect(own.message.hasPrefix("include cycle: "))
    }

    @Test func aFileIsIncludedOnce() throws {
        let folder = try Folder([
            "t.litmus": Self.scenario("  include \"a.inc\";\n  include \"b.inc\";"),
            "a.inc": "include \"c.inc\";\n",
            "b.inc": "include \"./c.inc\";\n",
            "c.inc": "page x: value 0;\n",
        ])
        defer { folder.remove() }
        let diagnostic = try #require(Self.diagnostics("t.litmus", in: folder).first)
        #expect(diagnostic.location.description == folder.file("b.inc") + ":1:9")
        #expect(diagnostic.message == "'\(folder.file("./c.inc"))' is included twice; the first include is at \(folder.file("a.inc")):1:1")
        #expect(diagnostic.notes == ["included from \(folder.file("t.litmus")):4:3"])
    }

    @Test func aSyntaxErrorInAnIncludedFileIsLocatedThere() throws {
        let folder = try Folder([
            "t.litmus": Self.scenario("  include \"pages.inc\";"),
            "pages.inc": "page x: value 0;\npage y: value 1\n",
        ])
        defer { folder.remove() }
        let diagnostic = try #require(Self.diagnostics("t.litmus", in: folder).first)
        #expect(diagnostic.description == """
            \(folder.file("pages.inc")):2:16: error: expected ';' to end the declaration
             2 | page y: value 1
               |                ^
            note: included from \(folder.file("t.litmus")):3:3
            """)
    }

    @Test func aLoweringErrorInAnIncludedFileQuotesThatFile() throws {
        let folder = try Folder([
            "t.litmus": Self.scenario("  include \"outer.inc\";"),
            "outer.inc": "include \"inner.inc\";\n",
            "inner.inc": "page x: value 0, pte rw clena;\n",
        ])
        defer { folder.remove() }
        let diagnostic = try #require(Self.diagnostics("t.litmus", in: folder).first)
        #expect(diagnostic.description == """
            \(folder.file("inner.inc")):1:25: error: a PTE is 'clean' or 'dirty', not 'clena'
             1 | page x: value 0, pte rw clena;
               |                         ^
            note: did you mean 'clean'?
            note: included from \(folder.file("outer.inc")):1:1
            note: included from \(folder.file("t.litmus")):3:3
            """)
    }

    @Test("misplaced or malformed includes", arguments: [
        ("  include \"p.inc\"", "t.litmus:3:18", "expected ';' after the included file's name", nil),
        ("  include \"\";", "t.litmus:3:11", "expected a file name between the quotes", nil),
        ("  inclde \"p.inc\";", "t.litmus:3:10", "a quoted file name follows only 'include'", "include"),
        ("  page \"p.inc\";", "t.litmus:3:8", "a quoted file name follows only 'include'", nil),
    ] as [(String, String, String, String?)])
    func malformedIncludes(block: String, location: String, message: String, suggestion: String?) throws {
        let diagnostic = try #require(firstDiagnostic(Self.scenario(block)))
        #expect(diagnostic.location.description == location)
        #expect(diagnostic.message == message)
        #expect(diagnostic.suggestion == suggestion)
    }

    @Test func anIncludeBeforeTheBlockReadsPathsAndSubscribersOnly() throws {
        let source = "arm64 t\ninclude \"p.inc\";\n{\n  page x: value 0;\n}\n CPU0 ;\n *x = 1 ;\n"
        let folder = try Folder(["t.litmus": source, "p.inc": "page y: value 0;\n"])
        defer { folder.remove() }
        let diagnostic = try #require(Self.diagnostics("t.litmus", in: folder).first)
        #expect(diagnostic.location.description == folder.file("p.inc") + ":1:1")
        #expect(diagnostic.message == "an included file before the initial state holds 'path' and 'subscriber' blocks and includes only; include declarations inside the initial state block: { include \"FILE\"; }")
        #expect(diagnostic.notes == ["included from t.litmus:2:1"] || diagnostic.notes.first?.hasSuffix("t.litmus:2:1") == true)
        let library = try Folder(["t.litmus": source, "p.inc": "path p(x) { pte_offset_map_lock(x); }\n"])
        defer { library.remove() }
        #expect(Self.diagnostics("t.litmus", in: library).isEmpty)
    }

    @Test func anIncludedFileHoldsDeclarationsOnly() throws {
        let folder = try Folder(["t.litmus": Self.scenario("  include \"p.inc\";"), "p.inc": "page x: value 0;\n}\n"])
        defer { folder.remove() }
        let diagnostic = try #require(Self.diagnostics("t.litmus", in: folder).first)
        #expect(diagnostic.location.description == folder.file("p.inc") + ":2:1")
        #expect(diagnostic.message == "expected a declaration; an included file holds initial-state declarations only")
    }

    @Test func includesNestOnlySoDeep() throws {
        var files = ["t.litmus": Self.scenario("  include \"f0.inc\";")]
        for depth in 0..<20 { files["f\(depth).inc"] = "include \"f\(depth + 1).inc\";\n" }
        files["f20.inc"] = "page x: value 0;\n"
        let folder = try Folder(files)
        defer { folder.remove() }
        let diagnostic = try #require(Self.diagnostics("t.litmus", in: folder).first)
        #expect(diagnostic.message == "includes nest too deeply (more than \(Parser.maximumIncludeDepth) files)")
        #expect(diagnostic.notes.count == Parser.maximumIncludeDepth)
    }
}
