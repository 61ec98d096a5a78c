/// A user-written kernel path: `path NAME(PAGE) { [FUNCTION:] CALL [(ARGS)]; … }`.
public struct PathAST: Sendable, Equatable {
    /// The name threads call it by.
    public var name: Located<String>
    /// The name of its page parameter.
    public var parameter: Located<String>
    /// The steps in order.
    public var steps: [PathStepAST]

    public init(name: Located<String>, parameter: Located<String>, steps: [PathStepAST]) {
        self.name = name
        self.parameter = parameter
        self.steps = steps
    }
}

/// One step of a path: a kernel call, optionally attributed to a function.
public struct PathStepAST: Sendable, Equatable {
    /// The function the step is attributed to in timelines, when given (`wp_page_copy:`).
    public var function: Located<String>?
    /// The kernel call.
    public var call: Located<String>
    /// The call's arguments, as written.
    public var arguments: [Located<String>]

    public init(function: Located<String>?, call: Located<String>, arguments: [Located<String>]) {
        self.function = function
        self.call = call
        self.arguments = arguments
    }
}
