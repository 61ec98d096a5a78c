import Foundation
import Testing
@testable import ShootdownLitmus

@Suite struct FileTests {
    /// A fresh directory for one test.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("litmus-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func parsesAFileAndLocatesWordsInIt() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("upgrade.litmus").path
        try Data(Fixtures.example.utf8).write(to: URL(fileURLWithPath: path))
        let scenario = try LitmusParser.parse(contentsOf: path)
        #expect(scenario.name.value == "upgrade-livelock-v6.2")
        #expect(scenario.name.location.description == "\(path):1:7")
        #expect(scenario.source == Fixtures.example)
    }

    @Test func missingFile() throws {
        let path = "/nonexistent/folder/missing.litmus"
        do throws(LitmusError) {
            _ = try LitmusParser.parse(contentsOf: path)
            Issue.record("a missing file parsed")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].location.description == "\(path):1:1")
            #expect(error.diagnostics[0].message == "the file cannot be read: no such file")
            #expect(error.description == "\(path):1:1: error: the file cannot be read: no such file")
        }
    }

    @Test func directoryIsNotAFile() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: LitmusError.self) {
            _ = try LitmusParser.parse(contentsOf: folder.path)
        }
    }

    @Test func invalidUTF8IsReplacedAndReported() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.litmus").path
        try Data([0x61, 0x72, 0x6D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
        do throws(LitmusError) {
            _ = try LitmusParser.parse(contentsOf: path)
            Issue.record("invalid bytes parsed")
        } catch {
            #expect(error.diagnostics[0].location.description == "\(path):2:1")
            #expect(error.diagnostics[0].message == "unexpected character '\u{FFFD}' (U+FFFD)")
        }
    }
}
