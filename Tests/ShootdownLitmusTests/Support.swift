@testable import ShootdownLitmus

/// Parses `source` as the file `t.litmus`.
func parse(_ source: String) throws(LitmusError) -> ScenarioAST {
    try LitmusParser.parse(source: source, file: "t.litmus")
}

/// The diagnostics thrown while parsing `source` as `t.litmus`, or none if it parses.
func diagnostics(_ source: String) -> [Diagnostic] {
    do throws(LitmusError) {
        _ = try LitmusParser.parse(source: source, file: "t.litmus")
        return []
    } catch {
        return error.diagnostics
    }
}

/// The first diagnostic thrown while parsing `source`, or `nil` if it parses.
func firstDiagnostic(_ source: String) -> Diagnostic? {
    diagnostics(source).first
}

/// The expression of `exists EXPR` in a one-thread scenario.
func condition(_ expression: String) throws(LitmusError) -> ExprAST {
    let scenario = try parse("arm64 t\n P0 ;\nexists \(expression)\n")
    return scenario.final?.expression ?? .constant(false)
}

/// The expression fully bracketed, to show how it was grouped.
func shape(_ expression: ExprAST) -> String {
    switch expression {
    case .atom(let atom): atom.render()
    case .constant(let value): String(value)
    case .not(let operand): "~[\(shape(operand))]"
    case .and(let left, let right): "[\(shape(left)) & \(shape(right))]"
    case .or(let left, let right): "[\(shape(left)) | \(shape(right))]"
    }
}

/// The words of located values, without their locations.
func words(_ values: [Located<String>]) -> [String] {
    values.map(\.value)
}
