import ShootdownModel

/// Writes a program as a scenario's `path` block that lowers back to the same program: every
/// step as a raw step (`FUNCTION: step KIND "CALL"`), which neither the era nor a policy
/// changes, with its labels, jumps and returns (`shootdown explain --as-path`).
public enum PathWriter {
    /// Every program of `programs` as a path: munmap and the built-in mm operations `checked`,
    /// as they are checked when they return.
    public static func paths(of programs: KernelPrograms) -> [(program: Program, text: String)] {
        let checked = Set([programs.munmap.name] + programs.builtIn.map(\.name))
        return programs.all.map { program in
            (program, render(program, name: name(for: program), checked: checked.contains(program.name)))
        }
    }

    /// The program as `path NAME(PARAMETER) in "FILE" [checked] { … }`, `FILE` being the file
    /// most of its steps cite; a step citing another names it.
    public static func render(_ program: Program, name: String, parameter: String = "x", checked: Bool = false) -> String {
        let file = mostCitedFile(program)
        var lines = ["path \(name)(\(parameter))\(file.map { " in \(quoted($0))" } ?? "")\(checked ? " checked" : "") {"]
        for instruction in program.source {
            switch instruction {
            case let .step(step):
                var line = "  \(step.function): step \(step.kind.spelling) \(quoted(step.call))"
                if step.file != file { line += " in \(quoted(step.file))" }
                if let condition = step.condition { line += " when \(condition.spelling)" }
                lines.append(line + ";")
            case let .jump(label, .always): lines.append("  goto \(label);")
            case let .jump(label, condition): lines.append("  if \(condition.spelling) goto \(label);")
            case let .label(label): lines.append("\(label):")
            case .ret: lines.append("  return;")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// A path name for a program: its name as an identifier (`mprotect(page, ro)` becomes
    /// `mprotect_ro`), with `_path` added when a built-in operation has that name
    /// (`munmap_path`), since a path may not shadow one.
    public static func name(for program: Program) -> String {
        let words = program.name.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
        var name = words.filter { $0 != "page" }.joined(separator: "_")
        if name.isEmpty { name = "path" }
        if Lowerer.calls.contains(name) { name += "_path" }
        return name
    }

    /// The file most steps cite (the first such in order on a tie), or nil for a program
    /// without steps.
    static func mostCitedFile(_ program: Program) -> String? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for step in program.steps {
            if counts[step.file] == nil { order.append(step.file) }
            counts[step.file, default: 0] += 1
        }
        let most = counts.values.max()
        return order.first { counts[$0] == most }
    }

    /// `text` in double quotes, with `"` and `\` escaped as the lexer reads them.
    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
