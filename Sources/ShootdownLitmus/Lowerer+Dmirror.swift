import ShootdownModel

/// The dmirror ioctls of `MIR…` threads (`r = READ(x)`, `e = WRITE(x, 5)`,
/// `e = MIGRATE_TO_DEV(x)`, `MIGRATE_TO_SYS(x)`, `s = SNAPSHOT(x)`, `EXCLUSIVE(x)`,
/// `CHECK_EXCLUSIVE(x)`, `RELEASE()`), the `rendezvous()` of CPU and mirror threads, and the
/// values conditions compare their registers with (error codes, snapshot bytes).
extension Lowerer {
    /// What a register holds, for checking the constants a condition compares it with.
    enum RegisterKind: Sendable {
        /// A value loaded from memory (or `fault`).
        case value
        /// A dmirror command's result: a value or 0, or an error code.
        case command
        /// A SNAPSHOT byte, or an error code.
        case snapshot
    }

    static let rendezvous = "rendezvous"
    /// `RESULT.faults` names the `cmd->faults` count of the `READ` or `WRITE` whose result is
    /// `RESULT`, when a condition reads it.
    static let faultsSuffix = ".faults"

    /// Whether `name` is a dmirror command or a near miss of one (an upper-case call).
    static func looksLikeDmirrorCommand(_ name: String) -> Bool {
        DmirrorCommand.names.contains(name) || (name.uppercased() == name && name.lowercased() != name)
    }

    /// Lowers a dmirror command of thread `thread` into its operations (`RELEASE()` evicts each
    /// page the thread migrates to its device). `registers` is the thread's register list so far.
    mutating func lowerDmirrorCall(_ result: Located<String>?, _ name: Located<String>, _ arguments: [Located<String>],
                                   thread: Int, registers: inout [String], migrated: [Int]) throws(LitmusError) -> [Operation] {
        guard DmirrorCommand.names.contains(name.value) else {
            throw error("unknown dmirror command '\(name.value)' (known: \(DmirrorCommand.names.joined(separator: ", ")))",
                        at: name.location, suggesting: name.value, among: DmirrorCommand.names)
        }
        guard threads[thread].kind == .mirror, let mirror, !mirror.kind.rawValue.hasPrefix("kvm") else {
            throw error("\(name.value) is a dmirror ioctl: only MIR… threads of an HMM mirror (mirror = hmm) issue it",
                        at: name.location)
        }
        var register: Int?
        if let result {
            if !registers.contains(result.value) { registers.append(result.value) }
            register = registers.firstIndex(of: result.value)!
            registerKinds[thread, default: [:]][result.value] = name.value == "SNAPSHOT" ? .snapshot : .command
        }
        if name.value == "RELEASE" {
            guard arguments.isEmpty else {
                throw error("RELEASE takes no argument: it evicts every page in the device's memory", at: arguments[0].location)
            }
            return migrated.map { .dmirror(.release, page: $0, result: register) }
        }
        if name.value == "WRITE" {
            guard arguments.count == 2 else {
                throw error("WRITE takes a page and a value, e.g. WRITE(x, 5)", at: name.location)
            }
            guard let value = arguments[1].integerValue else {
                throw error("WRITE stores a constant, not '\(arguments[1].value)'", at: arguments[1].location)
            }
            guard value >= 0 && value < 1 << 16 else {
                throw error("stored values range from 0 to 65535", at: arguments[1].location)
            }
            return [.dmirror(.write(value: value), page: try resolvePage(arguments[0]), result: register)]
        }
        guard arguments.count == 1 else {
            throw error("\(name.value) takes one page, e.g. \(name.value)(x)", at: name.location)
        }
        let command: DmirrorCommand
        switch name.value {
        case "READ": command = .read
        case "MIGRATE_TO_DEV": command = .migrateToDevice
        case "MIGRATE_TO_SYS": command = .migrateToSystem
        case "SNAPSHOT": command = .snapshot
        case "EXCLUSIVE": command = .exclusive
        default: command = .checkExclusive
        }
        return [.dmirror(command, page: try resolvePage(arguments[0]), result: register)]
    }

    /// `rendezvous()`: CPU and mirror threads only, no argument, no result.
    func lowerRendezvous(_ result: Located<String>?, _ name: Located<String>, _ arguments: [Located<String>],
                         thread: Int) throws(LitmusError) -> Operation {
        if let result { throw error("rendezvous returns nothing to store", at: result.location) }
        if let argument = arguments.first { throw error("rendezvous takes no argument", at: argument.location) }
        guard threads[thread].kind != .device else {
            throw error("only CPU and mirror threads take part in a rendezvous", at: name.location)
        }
        return .rendezvous
    }

    /// The pages a thread's `MIGRATE_TO_DEV` commands name, for `RELEASE()`.
    func migratedPages(_ thread: ThreadAST) -> [Int] {
        var pages: [Int] = []
        for operation in thread.operations {
            guard case let .call(_, name, arguments) = operation.kind, name.value == "MIGRATE_TO_DEV",
                  let page = arguments.first.flatMap({ pageIndex[$0.value] }), !pages.contains(page) else { continue }
            pages.append(page)
        }
        return pages
    }

    /// Whether some condition reads register `register` of `thread`.
    func conditionsRead(_ register: String, of thread: String) -> Bool {
        func reads(_ expression: ExprAST) -> Bool {
            switch expression {
            case let .atom(.register(name, registerWord, _, _)): return name.value == thread && registerWord.value == register
            case .atom, .constant: return false
            case let .not(inner): return reads(inner)
            case let .and(left, right), let .or(left, right): return reads(left) || reads(right)
            }
        }
        return (ast.final.map { reads($0.expression) } ?? false) || ast.eventualities.contains { reads($0.expression) }
    }

    /// The value a condition compares register `registerWord` of `thread` with: an integer,
    /// `fault` (`nil`), an error code (`-EPERM`: its negative errno) or a snapshot byte
    /// (`ZERO|READ`).
    func lowerRegisterValue(_ valueWord: Located<String>, register registerWord: Located<String>,
                            thread: Int) throws(LitmusError) -> Int? {
        let word = valueWord.value
        let kind = registerKinds[thread]?[registerWord.value] ?? .value
        if word == "fault" { return nil }
        if let number = valueWord.integerValue ?? Int(word) { return number }
        let errors = DmirrorError.allCases.map(\.name)
        if let error = DmirrorError.allCases.first(where: { $0.name == word }) {
            guard kind != .value else {
                throw self.error("register \(registerWord.value) holds a loaded value, not an error code: only dmirror commands return \(word)",
                                 at: valueWord.location)
            }
            return error.value
        }
        let names = SnapshotByte.constants.map(\.name)
        var byte = 0
        var offset = 0
        for part in word.split(separator: "|", omittingEmptySubsequences: false).map(String.init) {
            guard let value = SnapshotByte.value(of: part) else {
                let location = SourceLocation(file: valueWord.location.file, line: valueWord.location.line,
                                              column: valueWord.location.column + offset)
                throw error("a register holds an integer, 'fault', an error code (\(errors.joined(separator: ", "))) or a snapshot byte (\(names.joined(separator: ", "))), not '\(part)'",
                            at: location, suggesting: part, among: ["fault"] + errors + names)
            }
            byte |= value
            offset += part.count + 1
        }
        guard kind == .snapshot else {
            throw error("'\(word)' is a SNAPSHOT byte, but register \(registerWord.value) is not written by SNAPSHOT",
                        at: valueWord.location)
        }
        return byte
    }
}
