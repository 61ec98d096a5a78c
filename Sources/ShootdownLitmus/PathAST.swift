/// A user-written kernel path: `path NAME(PAGE) [in "FILE"] [checked] { ITEM … }`, where an item is a
/// step, a label, a jump or a return (docs/PATHS.md).
public struct PathAST: Sendable, Equatable {
    /// The name threads call it by.
    public var name: Located<String>
    /// The name of its page parameter.
    public var parameter: Located<String>
    /// The file the steps cite unless they name their own (`in "mm/memory.c"`), when given.
    public var file: Located<String>?
    /// Whether the path is written `checked`: its return is checked as a built-in operation's.
    public var checked: Bool
    /// The items in order.
    public var body: [PathItemAST]

    public init(name: Located<String>, parameter: Located<String>, file: Located<String>? = nil, checked: Bool = false,
                body: [PathItemAST]) {
        self.name = name
        self.parameter = parameter
        self.file = file
        self.checked = checked
        self.body = body
    }

    /// The steps in order, without labels, jumps and returns.
    public var steps: [PathStepAST] {
        body.compactMap { if case let .step(step) = $0 { return step } else { return nil } }
    }
}

/// One item of a path's body.
public enum PathItemAST: Sendable, Equatable {
    /// A step: a kernel call or a raw step.
    case step(PathStepAST)
    /// `LABEL:`
    case label(Located<String>)
    /// `if CONDITION goto LABEL;`, or `goto LABEL;` (no condition).
    case jump(condition: Located<String>?, label: Located<String>)
    /// `return;`
    case ret(SourceLocation)
}

/// One step of a path: `[FUNCTION:] CALL[(ARGS)]` or `[FUNCTION:] step KIND[(ARG)] "CALL"`,
/// then optionally `in "FILE"` and `when CONDITION`.
public struct PathStepAST: Sendable, Equatable {
    /// What the step names.
    public enum Action: Sendable, Equatable {
        /// A kernel call with its arguments, as written (`ptep_clear_flush(x)`).
        case call(Located<String>, arguments: [Located<String>])
        /// `step KIND[(ARG)] "CALL"`: a step kind by name, its argument, and the call text.
        case raw(kind: Located<String>, argument: Located<String>?, call: Located<String>)
    }

    /// The function the step is attributed to in timelines, when given (`wp_page_copy:`).
    public var function: Located<String>?
    /// The call or raw step.
    public var action: Action
    /// The file the step cites, when given (`in "arch/arm64/mm/fault.c"`).
    public var file: Located<String>?
    /// The step's guard, when given (`when changed`).
    public var condition: Located<String>?

    public init(function: Located<String>?, action: Action, file: Located<String>? = nil,
                condition: Located<String>? = nil) {
        self.function = function
        self.action = action
        self.file = file
        self.condition = condition
    }

    /// A kernel call, optionally attributed to a function.
    public init(function: Located<String>?, call: Located<String>, arguments: [Located<String>]) {
        self.init(function: function, action: .call(call, arguments: arguments))
    }
}
