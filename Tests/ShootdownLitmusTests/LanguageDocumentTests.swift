import Foundation
import ShootdownModel
import Testing
@testable import ShootdownLitmus

/// `docs/SCENARIO-LANGUAGE.md` against the files it shows and the names the language knows, so
/// that the reference cannot drift from the language.
///
/// The document's fenced blocks follow three conventions:
/// - ```` ```litmus Scenarios/language/FILE ```` is the whole of FILE, byte for byte;
/// - ```` ```litmus Scenarios/language/FILE excerpt ```` is a run of whole lines of FILE;
/// - ```` ```litmus-invalid NAME ```` is a broken scenario, read as `Scenarios/language/NAME`,
///   and the ```` ```diagnostic ```` block after it is what reading it reports, with paths
///   relative to that folder.
@Suite struct LanguageDocumentTests {
    /// A fenced block: the words of its info string, its text (every line with its newline) and
    /// the line of its opening fence.
    struct Block {
        var info: [String]
        var text: String
        var line: Int
    }

    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let folder = root + "/Scenarios/language/"
    static let documentPath = root + "/docs/SCENARIO-LANGUAGE.md"

    static func document() throws -> String {
        try String(contentsOfFile: documentPath, encoding: .utf8)
    }

    /// The fenced blocks of a Markdown text.
    static func blocks(of text: String) -> [Block] {
        var blocks: [Block] = []
        var open: Block?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var block = open {
                if line == "```" {
                    blocks.append(block)
                    open = nil
                } else {
                    block.text += line + "\n"
                    open = block
                }
            } else if line.hasPrefix("```") {
                open = Block(info: line.dropFirst(3).split(separator: " ").map(String.init), text: "", line: index + 1)
            }
        }
        return blocks
    }

    /// Every file under `Scenarios/language/`, relative to the repository.
    static func exampleFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append("Scenarios/language/" + relative)
            }
        }
        return files.sorted()
    }

    @Test func everyScenarioBlockIsAnExampleFileOrAnExcerptOfOne() throws {
        let scenarios = Self.blocks(of: try Self.document()).filter { $0.info.first == "litmus" }
        #expect(scenarios.count >= 20)
        for block in scenarios {
            guard block.info.count >= 2, block.info[1].hasPrefix("Scenarios/language/") else {
                Issue.record("line \(block.line): a scenario block names its file under Scenarios/language/")
                continue
            }
            let file = try String(contentsOfFile: Self.root + "/" + block.info[1], encoding: .utf8)
            switch block.info.dropFirst(2).first {
            case nil:
                #expect(block.text == file, "line \(block.line): the block differs from \(block.info[1])")
            case "excerpt":
                #expect(!block.text.isEmpty && ("\n" + file).contains("\n" + block.text),
                        "line \(block.line): the block is not a run of whole lines of \(block.info[1])")
            default:
                Issue.record("line \(block.line): unknown block option '\(block.info[2])'")
            }
        }
    }

    @Test func everyExampleFileIsShownAndEveryFileNamedExists() throws {
        let document = try Self.document()
        let shown = Set(Self.blocks(of: document).filter { $0.info.first == "litmus" }.map { $0.info[1] })
        let files = Self.exampleFiles()
        #expect(files.count >= 20)
        for file in files {
            #expect(shown.contains(file), "\(file) is not shown in docs/SCENARIO-LANGUAGE.md")
        }
        let pattern = /Scenarios\/[A-Za-z0-9_.+\/-]*[A-Za-z0-9_+\/-]/
        for match in document.matches(of: pattern) {
            #expect(FileManager.default.fileExists(atPath: Self.root + "/" + match.output),
                    "docs/SCENARIO-LANGUAGE.md names \(match.output), which does not exist")
        }
        // Files named without their folder, as in the table of operations, are in Scenarios/language.
        for match in document.matches(of: /`([A-Za-z0-9_+-][A-Za-z0-9_.+-]*\.(?:litmus|inc))`/) {
            #expect(files.contains("Scenarios/language/\(match.output.1)") || files.contains("Scenarios/language/shared/\(match.output.1)"),
                    "docs/SCENARIO-LANGUAGE.md names \(match.output.1), which is not in Scenarios/language")
        }
    }

    @Test func invalidExamplesReportWhatTheDocumentShows() throws {
        let blocks = Self.blocks(of: try Self.document())
        var checked = 0
        for (index, block) in blocks.enumerated() where block.info.first == "litmus-invalid" {
            let name = try #require(block.info.dropFirst().first, "line \(block.line): a broken scenario is named")
            let shown = try #require(blocks.dropFirst(index + 1).first, "line \(block.line): a diagnostic block follows")
            #expect(shown.info == ["diagnostic"], "line \(shown.line): a diagnostic block follows the broken scenario")
            #expect(!FileManager.default.fileExists(atPath: Self.folder + name), "\(name) is a real file")
            let reported: String
            do throws(LitmusError) {
                for scenario in try ScenarioLowering.loadMatrix(source: block.text, file: Self.folder + name).scenarios {
                    _ = try scenario.world()
                }
                Issue.record("line \(block.line): \(name) is read without an error")
                continue
            } catch {
                reported = error.description.replacingOccurrences(of: Self.folder, with: "")
            }
            #expect(reported + "\n" == shown.text, "line \(shown.line)")
            checked += 1
        }
        #expect(checked >= 4)
    }

    @Test func theDocumentNamesEverythingTheLanguageKnows() throws {
        let document = try Self.document()
        // The words that stand in code: `…` spans and fenced blocks.
        var code = document.matches(of: /`[^`\n]+`/).map { String($0.output) }
        code += Self.blocks(of: document).map(\.text)
        var words: Set<String> = []
        for text in code {
            var word = ""
            for scalar in text.unicodeScalars {
                if Lexer.isWordScalar(scalar) {
                    word.unicodeScalars.append(scalar)
                } else if !word.isEmpty {
                    words.insert(word)
                    word = ""
                }
            }
            if !word.isEmpty { words.insert(word) }
        }
        let names = KernelPolicy.all.map(\.name) + Architecture.allCases.map(\.rawValue)
            + IOMMUConfiguration.Kind.allCases.map(\.rawValue) + MirrorConfiguration.Kind.allCases.map(\.rawValue)
            + FaultHandling.allCases.map(\.rawValue) + Lowerer.settingKeys + Lowerer.iommuAttributes + Lowerer.variantKeys
            + Lowerer.initKeywords + Lowerer.pageAttributes + Lowerer.calls + Lowerer.advice + Lowerer.predicates
            + Lowerer.threadPrefixes + PathCall.names + World.builtInInvariants.map(\.name)
            + ["exists", "forall", "eventually", "Result", "Expect", "variants", "path", "include", "fault", "nobatch"]
        for name in names {
            #expect(words.contains(name), "docs/SCENARIO-LANGUAGE.md does not name '\(name)' in code")
        }
        for operation in LanguageCatalog.operations {
            #expect(document.contains("`\(operation.syntax)`"), "docs/SCENARIO-LANGUAGE.md does not show '\(operation.syntax)'")
        }
    }
}
