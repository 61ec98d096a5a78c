import ShootdownModel

/// Prints a program's symbolic form, one instruction a line.
public enum ProgramListing {
    /// The program, one instruction a line.
    public static func render(_ program: Program) -> String {
        lines(program).joined(separator: "\n")
    }

    /// One line per instruction: steps as `function: call` with their citation, branches,
    /// labels and returns.
    public static func lines(_ program: Program) -> [String] {
        program.source.map { instruction -> String in
            switch instruction {
            case let .step(step):
                let condition = step.condition.map { "  if \($0.rawValue)" } ?? ""
                return "    \(step.label)\(condition)    (\(step.citation))"
            case let .jump(label, condition): return "    → \(label) if \(condition.rawValue)"
            case let .label(name): return "  \(name):"
            case .ret: return "    return"
            }
        }
    }
}
