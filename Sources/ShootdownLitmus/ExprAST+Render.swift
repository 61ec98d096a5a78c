extension ExprAST: CustomStringConvertible {
    /// The canonical text of the expression; see `render()`.
    public var description: String { render() }

    /// The canonical text of the expression, using `/\`, `\/` and `~`, with a space around each
    /// binary operator and parentheses only where the grammar needs them, so that parsing the
    /// text again gives back the same expression.
    public func render() -> String {
        render(within: .disjunction)
    }

    /// How tightly a context binds, from loosest to tightest.
    private enum Level: Int, Comparable {
        case disjunction, conjunction, unary

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The level at which the expression can be written without parentheses.
    private var level: Level {
        switch self {
        case .or: .disjunction
        case .and: .conjunction
        case .not, .atom, .constant: .unary
        }
    }

    /// The text, parenthesized if the context binds tighter than the expression.
    private func render(within context: Level) -> String {
        let text: String
        switch self {
        case .atom(let atom):
            text = atom.render()
        case .constant(let value):
            text = value ? "true" : "false"
        case .not(let operand):
            text = "~" + operand.render(within: .unary)
        case .and(let left, let right):
            text = left.render(within: .conjunction) + " /\\ " + right.render(within: .unary)
        case .or(let left, let right):
            text = left.render(within: .disjunction) + " \\/ " + right.render(within: .conjunction)
        }
        return level < context ? "(" + text + ")" : text
    }
}

extension AtomAST {
    /// The canonical text of the atom: `T:r=v`, `T:r!=v`, `x=v`, `x!=v` or `p(a, b)`.
    public func render() -> String {
        switch self {
        case .register(let thread, let register, let equals, let value):
            "\(thread.value):\(register.value)\(equals ? "=" : "!=")\(value.value)"
        case .memory(let location, let equals, let value):
            "\(location.value)\(equals ? "=" : "!=")\(value.value)"
        case .predicate(let name, let arguments):
            "\(name.value)(\(arguments.map(\.value).joined(separator: ", ")))"
        }
    }
}
