import ShootdownChecker

extension World {
    /// The world built again from its configuration, for another exploring thread: its tables
    /// are new arrays, and so are the configuration's arrays that steps and footprints read (the
    /// threads with their operations, the pages, the prefilled translations) and the strings its
    /// steps copy (the scenario's own paths), so the threads do not write each other's reference
    /// counts (see ``TransitionSystem/replica()``).
    public func replica() -> World {
        var configuration = configuration
        configuration.threads = configuration.threads.map { thread in
            var copy = thread
            copy.name = Self.copy(thread.name)
            copy.operations = thread.operations.map(\.self)
            return copy
        }
        configuration.pages = configuration.pages.map { page in
            var copy = page
            copy.name = Self.copy(page.name)
            return copy
        }
        configuration.prefilled = configuration.prefilled.map(\.self)
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
