#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ShootdownReport

/// Writes a report to the file named on the command line.
enum ReportFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Prints the `check --json` document of `reports` (docs/JSON-SCHEMA.md).
    static func printJSON(_ reports: [ScenarioReport]) throws(Failure) {
        let data: Data
        do {
            data = try CheckReport(results: reports).jsonData()
        } catch {
            throw Failure(description: "error: cannot encode the JSON report: \(error)")
        }
        print(String(decoding: data, as: UTF8.self))
    }

    /// Checks before the (possibly long) search that `path` can be written, by creating it empty.
    static func prepare(_ path: String) throws(Failure) {
        try write("", to: path)
    }

    /// Writes `text` to `path`, replacing the file.
    static func write(_ text: String, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        var text = text
        let complete = text.withUTF8 { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
        guard complete else { throw failure(path) }
    }

    /// The failure to write `path`, in the operating system's words (`errno`).
    private static func failure(_ path: String) -> Failure {
        Failure(description: "\(path): error: cannot write the report: \(String(cString: strerror(errno)))")
    }
}
