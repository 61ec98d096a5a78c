import ShootdownChecker

extension World {
    /// The world built again from its configuration, for another exploring thread: its tables
    /// are new arrays and the strings its steps copy (the scenario's own paths) new buffers, so
    /// the threads do not write each other's reference counts (see
    /// ``TransitionSystem/replica()``).
    public func replica() -> World {
        var configuration = configuration
        configuration.paths = configuration.paths.map { path in
            KernelPath(
                name: Self.copy(path.name),
                steps: path.steps.map { PathStep(function: Self.copy($0.function), call: $0.call) },
                file: Self.copy(path.file)
            )
        }
        return (try? World(configuration)) ?? self
    }

    /// `string` in storage of its own.
    static func copy(_ string: String) -> String {
        String(decoding: Array(string.utf8), as: UTF8.self)
    }
}
