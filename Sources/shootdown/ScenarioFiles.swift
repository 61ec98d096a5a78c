import Foundation

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
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Failure(description: "\(path): error: no such file or folder")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                throw Failure(description: "\(path): error: cannot read the folder")
            }
            var found: [String] = []
            for case let relative as String in enumerator where relative.hasSuffix(".litmus") {
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
            guard !found.isEmpty else { throw Failure(description: "\(path): error: no .litmus files in this folder") }
            files.append(contentsOf: found.sorted())
        }
        return files
    }
}
