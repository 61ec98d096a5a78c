import ShootdownModel

extension Lowerer {
    /// Lowers the `path` blocks: every call must be one the model knows, every argument the
    /// path's page.
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
            var steps: [PathStep] = []
            for step in path.steps {
                guard let call = PathCall(rawValue: step.call.value) else {
                    throw error("unknown kernel call '\(step.call.value)' (known: \(PathCall.names.joined(separator: ", ")))",
                                at: step.call.location, suggesting: step.call.value, among: PathCall.names)
                }
                for argument in step.arguments where argument.value != path.parameter.value {
                    throw error("a path's calls act on its page '\(path.parameter.value)', not '\(argument.value)'",
                                at: argument.location)
                }
                steps.append(PathStep(function: step.function?.value ?? name, call: call))
            }
            pathIndex[name] = paths.count
            paths.append(KernelPath(name: name, steps: steps, file: path.name.location.file))
        }
    }
}
