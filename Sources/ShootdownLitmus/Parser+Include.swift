#if canImport(FoundationEssentials)
import FoundationEssentials
#else
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#endif

extension Parser {
    /// How many files deep includes may nest.
    static let maximumIncludeDepth = 16

    /// `include "FILE" ;` in the initial-state block: the declarations of FILE, a path relative
    /// to the directory of the including file (or absolute). Errors inside FILE are located
    /// there and note where it was included from. A file is included once per scenario, so
    /// that each of its locations has one include site.
    mutating func parseInclude() throws(LitmusError) -> [InitDeclAST] {
        try parseIncludedFile { parser throws(LitmusError) in try parser.parseDeclarationFile() }
    }

    /// `include "FILE" ;` before the initial-state block: the `path` and `subscriber` blocks of
    /// FILE (a library of them), with the same rules as an include of declarations.
    mutating func parseLibraryInclude() throws(LitmusError) -> LibraryAST {
        try parseIncludedFile { parser throws(LitmusError) in try parser.parseLibraryFile() }
    }

    /// Reads `include "FILE" ;` and parses FILE with `body`.
    private mutating func parseIncludedFile<Result>(
        _ body: (inout Parser) throws(LitmusError) -> Result
    ) throws(LitmusError) -> Result {
        let keyword = advance()  // 'include'
        let nameToken = advance()
        guard case .string(let name) = nameToken.kind else {
            throw failure("expected the included file's name in quotes, e.g. include \"shared/device.inc\";", at: nameToken.location)
        }
        guard current.kind == .semicolon else {
            throw failure("expected ';' after the included file's name", at: expectedLocation)
        }
        advance()
        guard !name.isEmpty else {
            throw failure("expected a file name between the quotes", at: nameToken.location)
        }
        let path = Self.includedPath(name, from: file)
        let identity = Self.identity(of: path)
        if let first = includeChain.firstIndex(where: { Self.identity(of: $0) == identity }) {
            let cycle = (includeChain[first...] + [path]).joined(separator: " → ")
            throw failure("include cycle: \(cycle)", at: nameToken.location)
        }
        if let earlier = included.first(where: { Self.identity(of: $0.key) == identity }) {
            throw failure("'\(path)' is included twice; the first include is at \(earlier.value.site)", at: nameToken.location)
        }
        guard includeChain.count <= Self.maximumIncludeDepth else {
            throw failure("includes nest too deeply (more than \(Self.maximumIncludeDepth) files)", at: nameToken.location)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw failure("the included file '\(path)' \(reason)", at: nameToken.location,
                          suggestion: Self.nearestFile(to: name, from: file))
        }
        var parser = Parser(source: String(decoding: data, as: UTF8.self), file: path, includeChain: includeChain)
        parser.included = included
        parser.included[path] = IncludedSource(text: parser.source, site: keyword.location)
        let result: Result
        do throws(LitmusError) {
            result = try body(&parser)
        } catch {
            var inner = error.diagnostics
            for index in inner.indices { inner[index].notes.append("included from \(keyword.location)") }
            throw LitmusError(diagnostics: diagnostics + inner)
        }
        included = parser.included
        return result
    }

    /// The whole of an included file of declarations: declarations and includes up to the end
    /// of the file.
    mutating func parseDeclarationFile() throws(LitmusError) -> [InitDeclAST] {
        var declarations: [InitDeclAST] = []
        while !current.isEndOfFile {
            guard current.word != nil else {
                throw failure("expected a declaration; an included file holds initial-state declarations only",
                              at: current.location)
            }
            declarations += try parseDeclarationOrInclude(blockOpenedAt: nil)
        }
        guard diagnostics.isEmpty else { throw LitmusError(diagnostics: diagnostics) }
        return declarations
    }

    /// The whole of an included library: `path` and `subscriber` blocks and includes of other
    /// libraries, up to the end of the file.
    mutating func parseLibraryFile() throws(LitmusError) -> LibraryAST {
        let library = try parseLibrary()
        guard current.isEndOfFile else {
            throw failure("an included file before the initial state holds 'path' and 'subscriber' blocks and includes only; include declarations inside the initial state block: { include \"FILE\"; }",
                          at: current.location, suggestion: current.word.flatMap { NearestWord.suggest($0, among: ["path", "subscriber", "include"]) })
        }
        guard diagnostics.isEmpty else { throw LitmusError(diagnostics: diagnostics) }
        return library
    }

    /// The path of the file `name` included from `file`: relative to `file`'s directory.
    static func includedPath(_ name: String, from file: String) -> String {
        guard !name.hasPrefix("/"), let slash = file.lastIndex(of: "/") else { return name }
        return String(file[...slash]) + name
    }

    /// One name for every path to the same file, so that a cycle is found however it is spelt.
    static func identity(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The name, as the user would write it, of the file beside the missing one whose name is
    /// nearest to it.
    static func nearestFile(to name: String, from file: String) -> String? {
        let slash = name.lastIndex(of: "/")
        let folder = slash.map { String(name[...$0]) } ?? ""
        let base = slash.map { String(name[name.index(after: $0)...]) } ?? name
        let directory = includedPath(folder.isEmpty ? "." : folder, from: file)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        return NearestWord.suggest(base, among: entries.sorted()).map { folder + $0 }
    }
}
