#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The document `shootdown check --json` prints: every scenario checked in the run, in a
/// versioned schema described in `docs/JSON-SCHEMA.md`.
public struct CheckReport: Codable, Sendable, Equatable {
    /// The schema's name, always ``schemaName``.
    public var schema: String
    /// The schema's version, ``currentVersion`` for documents this build writes.
    public var version: Int
    /// One result per scenario (and per variant of it), in the order they were checked.
    public var results: [ScenarioReport]

    /// The value of ``schema``.
    public static let schemaName = "shootdown-check"
    /// The version this build writes. It changes only when a field is removed, renamed or
    /// changes meaning; added fields keep the version.
    public static let currentVersion = 1

    /// A document of the current schema version with `results`.
    public init(results: [ScenarioReport]) {
        self.schema = Self.schemaName
        self.version = Self.currentVersion
        self.results = results
    }

    /// The document as pretty-printed JSON with sorted keys, so that two runs diff cleanly.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a document written by ``jsonData()``.
    public static func decode(_ data: Data) throws -> CheckReport {
        try JSONDecoder().decode(CheckReport.self, from: data)
    }
}
