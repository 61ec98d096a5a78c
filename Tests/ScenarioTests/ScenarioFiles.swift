import Foundation

/// The bundled scenarios, found from this file's location.
enum BundledScenarios {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Every `.litmus` file under `Scenarios/` (the benchmark family, sized to stress the
    /// checker, lives in `Benchmarks/scenarios/`), sorted.
    static var all: [String] {
        let folder = root + "/Scenarios"
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".litmus") { files.append(folder + "/" + relative) }
        }
        return files.sorted()
    }

    static func source(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}
