import ShootdownChecker

extension World {
    /// The world built again from its configuration, for another exploring thread: its tables
    /// are new arrays and the strings its steps copy (the scenario's own paths) new buffers, so
    /// the threads do not write each other's reference counts (see
    /// ``TransitionSystem/replica()``).
    public func replica() -> World {
        var configuration = configuration
        configuration.paths = configuration.paths.map { path in
            var copy = path
            copy.name = Self.copy(path.name)
            copy.file = Self.copy(path.file)
            copy.body = path.body.map { instruction in
                guard case let .step(step) = instruction else { return instruction }
                var copied = step
                copied.function = Self.copy(step.function)
                copied.file = step.file.map(Self.copy)
                if case let .raw(kind, call) = step.action { copied.action = .raw(kind, call: Self.copy(call)) }
                return .step(copied)
            }
            return copy
        }
        return (try? World(configuration)) ?? self
    }

    /// `string` in storage of its own.
    static func copy(_ string: String) -> String {
        String(decoding: Array(string.utf8), as: UTF8.self)
    }
}
