#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Finds the scenario files named on the command line.
enum ScenarioFiles {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Files are taken as given; folders are searched recursively for `.litmus` files, sorted.
    static func collect(_ paths: [String]) throws -> [String] {
        let manager = FileManager.default
        var files: [String] = []
        for path in paths {
            guard manager.fileExists(atPath: path) else {
                throw Failure(description: "\(path): error: no such file or folder")
            }
            let type = (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            guard type == .typeDirectory else {
                files.append(path)
                continue
            }
            guard let relatives = try? manager.subpathsOfDirectory(atPath: path) else {
                throw Failure(description: "\(path): error: cannot read the folder")
            }
            var found: [String] = []
            for relative in relatives where relative.hasSuffix(".litmus") {
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
            guard !found.isEmpty else { throw Failure(description: "\(path): error: no .litmus files in this folder") }
            files.append(contentsOf: found.sorted())
        }
        return files
    }
}
