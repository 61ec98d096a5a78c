import Foundation

/// The bundled scenarios, found from this file's location.
enum BundledScenarios {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Every `.litmus` file under `Scenarios/` except the benchmark family (`Scenarios/bench`,
    /// sized to stress the checker), sorted.
    static var all: [String] {
        let folder = root + "/Scenarios"
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".litmus") && !relative.hasPrefix("bench/") { files.append(folder + "/" + relative) }
        }
        return files.sorted()
    }

    static func source(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}
