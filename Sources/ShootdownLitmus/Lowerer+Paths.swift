import ShootdownModel

extension Lowerer {
    /// Lowers the `path` blocks: every call and step kind must be one the model knows, every
    /// argument of a call the path's page, every condition known, every label defined once and
    /// every jump's label defined.
    mutating func lowerPaths() throws(LitmusError) {
        for path in ast.paths {
            let name = path.name.value
            if pathIndex[name] != nil {
                throw error("path '\(name)' is declared twice", at: path.name.location)
            }
            if Lowerer.calls.contains(name) {
                throw error("'\(name)' is a built-in operation; give the path another name", at: path.name.location)
            }
            guard !path.steps.isEmpty else { throw error("path '\(name)' has no steps", at: path.name.location) }
            var labels: [String: SourceLocation] = [:]
            for case let .label(label) in path.body {
                if let first = labels[label.value] {
                    throw error("label '\(label.value)' is defined twice in path '\(name)' (first at \(first.line):\(first.column))",
                                at: label.location)
                }
                labels[label.value] = label.location
            }
            let defined = path.body.compactMap { if case let .label(label) = $0 { return label.value } else { return nil } }
            var body: [PathInstruction] = []
            for item in path.body {
                switch item {
                case let .step(step):
                    body.append(.step(try lowerPathStep(step, of: path)))
                case let .label(label):
                    body.append(.label(label.value))
                case let .jump(condition, label):
                    guard labels[label.value] != nil else {
                        let known = defined.isEmpty ? "it has none" : "known: \(defined.joined(separator: ", "))"
                        throw error("no label '\(label.value)' in path '\(name)' (\(known))", at: label.location,
                                    suggesting: label.value, among: defined)
                    }
                    body.append(.jump(to: label.value, if: try condition.map(lowerBranchCondition) ?? .always))
                case .ret:
                    body.append(.ret)
                }
            }
            pathIndex[name] = paths.count
            paths.append(KernelPath(name: name, body: body, file: path.file?.value ?? path.name.location.file,
                                    checkedOnReturn: path.checked))
        }
    }

    private func lowerPathStep(_ step: PathStepAST, of path: PathAST) throws(LitmusError) -> PathStep {
        let action: PathStep.Action
        switch step.action {
        case let .call(call, arguments):
            guard let known = PathCall(rawValue: call.value) else {
                var message = "unknown kernel call '\(call.value)' (known: \(PathCall.names.joined(separator: ", ")))"
                if StepKind.names.contains(call.value) {
                    message += "; for the model's step kind write: step \(call.value) \"CALL\""
                }
                throw error(message, at: call.location, suggesting: call.value, among: PathCall.names)
            }
            for argument in arguments where argument.value != path.parameter.value {
                throw error("a path's calls act on its page '\(path.parameter.value)', not '\(argument.value)'",
                            at: argument.location)
            }
            if known == .handleMMFault, let guardWord = step.condition {
                throw error("handle_mm_fault is inlined whole and takes no guard", at: guardWord.location)
            }
            action = .call(known)
        case let .raw(kind, argument, call):
            action = .raw(try lowerStepKind(kind, argument), call: call.value)
        }
        var condition: StepCondition?
        if let word = step.condition {
            guard let known = StepCondition(spelling: word.value) else {
                var message = "unknown step condition '\(word.value)' (known: \(StepCondition.spellings.joined(separator: ", ")))"
                if BranchCondition(spelling: word.value) != nil {
                    message += "; '\(word.value)' is a branch condition: if \(word.value) goto LABEL;"
                }
                throw error(message, at: word.location, suggesting: word.value, among: StepCondition.spellings)
            }
            condition = known
        }
        return PathStep(function: step.function?.value ?? path.name.value, action: action, file: step.file?.value,
                        when: condition)
    }

    /// The step kind `KIND` or `KIND(ARG)` names.
    private func lowerStepKind(_ kind: Located<String>, _ argument: Located<String>?) throws(LitmusError) -> StepKind {
        let names = StepKind.names
        guard names.contains(kind.value) else {
            var message = "unknown step kind '\(kind.value)' (see docs/PATHS.md or 'shootdown list')"
            if PathCall(rawValue: kind.value) != nil {
                message += "; '\(kind.value)' is a kernel call: write it without 'step'"
            }
            throw error(message, at: kind.location, suggesting: kind.value, among: names)
        }
        let arguments = StepKind.arguments(of: kind.value)
        switch (argument, arguments.isEmpty) {
        case (nil, false):
            throw error("step kind '\(kind.value)' takes an argument: \(kind.value)(\(arguments.joined(separator: "|")))",
                        at: kind.location)
        case let (argument?, true):
            throw error("step kind '\(kind.value)' takes no argument", at: argument.location)
        case let (argument?, false):
            guard let known = StepKind(spelling: "\(kind.value)(\(argument.value))") else {
                throw error("unknown argument '\(argument.value)' of step kind '\(kind.value)' (known: \(arguments.joined(separator: ", ")))",
                            at: argument.location, suggesting: argument.value, among: arguments)
            }
            return known
        case (nil, true):
            return StepKind(spelling: kind.value)!
        }
    }

    private func lowerBranchCondition(_ word: Located<String>) throws(LitmusError) -> BranchCondition {
        guard let condition = BranchCondition(spelling: word.value) else {
            var message = "unknown branch condition '\(word.value)' (known: \(BranchCondition.spellings.joined(separator: ", ")))"
            if StepCondition(spelling: word.value) != nil {
                message += "; '\(word.value)' guards a step: … when \(word.value);"
            }
            throw error(message, at: word.location, suggesting: word.value, among: BranchCondition.spellings)
        }
        return condition
    }
}
