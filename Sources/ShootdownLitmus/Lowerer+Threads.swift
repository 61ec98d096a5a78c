import ShootdownModel

extension Lowerer {
    static let calls = ["munmap", "madvise", "gup_test"] + mmCalls
    static let advice = ["MADV_POPULATE_WRITE"]

    /// Thread names decide their kind: `CPU…` or `P…` run on a CPU, `DEV…` are devices behind
    /// the IOMMU, `MIR…` (HMM mirror devices) and `VCPU…` (KVM vCPUs) go through the
    /// scenario's range subscriber (`mirror = …`).
    mutating func lowerThreadNames() throws(LitmusError) {
        for thread in ast.threads {
            let name = thread.name.value
            let kind: ThreadDeclaration.Kind
            if name.uppercased().hasPrefix("DEV") {
                kind = .device
            } else if name.uppercased().hasPrefix("MIR") || name.uppercased().hasPrefix("VCPU") {
                kind = .mirror
                let wanted = name.uppercased().hasPrefix("MIR") ? "hmm" : "kvm"
                guard let mirror else {
                    throw error("thread '\(name)' needs a range subscriber: add 'mirror = \(wanted)'", at: thread.name.location)
                }
                if let definition = mirror.definition {
                    guard wanted == "hmm" || definition.registration == .range else {
                        throw error("thread '\(name)' is a KVM vCPU, but the scenario's range subscriber '\(definition.name)' registers interval notifiers: name its devices MIR…",
                                    at: thread.name.location)
                    }
                } else if (wanted == "kvm") != mirror.kind.rawValue.hasPrefix("kvm") {
                    throw error("thread '\(name)' is a\(wanted == "kvm" ? " KVM vCPU" : "n HMM mirror device"), but the scenario's range subscriber is '\(mirror.kind.rawValue)'",
                                at: thread.name.location)
                }
            } else if name.uppercased().hasPrefix("CPU") || name.hasPrefix("P") {
                kind = .cpu
            } else {
                throw error("thread '\(name)': names starting with CPU (or P) are CPU threads, DEV are IOMMU devices, MIR are HMM mirror devices, VCPU are KVM vCPUs",
                            at: thread.name.location, suggestion: Lowerer.threadName(near: name))
            }
            guard threads.count < World.maximumThreads else {
                throw error("a scenario has at most \(World.maximumThreads) threads", at: thread.name.location)
            }
            threadIndex[name] = threads.count
            threads.append(ThreadDeclaration(name: name, kind: kind, operations: [], registers: []))
        }
        if threads.isEmpty { throw error("the scenario has no threads", at: ast.name.location) }
    }

    mutating func lowerThreads() throws(LitmusError) {
        for (index, thread) in ast.threads.enumerated() {
            var operations: [Operation] = []
            var registers: [String] = []
            for (position, operation) in thread.operations.enumerated() {
                switch operation.kind {
                case let .read(register, location):
                    let page = try resolvePage(location)
                    if !registers.contains(register.value) { registers.append(register.value) }
                    operations.append(.read(page: page, register: registers.firstIndex(of: register.value)!))
                case let .write(location, value):
                    let page = try resolvePage(location)
                    guard case let .integer(number) = value.value else {
                        throw error("a store writes a constant; storing a register is not supported yet", at: value.location)
                    }
                    guard number >= 0 && number < 1 << 16 else {
                        throw error("stored values range from 0 to 65535", at: value.location)
                    }
                    operations.append(.write(page: page, value: number))
                case let .call(result, name, arguments):
                    if name.value == Lowerer.rendezvous {
                        operations.append(try lowerRendezvous(result, name, arguments, thread: index))
                        continue
                    }
                    if Lowerer.looksLikeDmirrorCommand(name.value) && pathIndex[name.value] == nil {
                        operations += try lowerDmirrorCall(result, name, arguments, thread: index, registers: &registers,
                                                           migrated: migratedPages(thread))
                        continue
                    }
                    if let path = pathIndex[name.value] {
                        if let result { throw error("path \(name.value) returns nothing to store", at: result.location) }
                        guard threads[index].kind == .cpu else {
                            throw error("only CPU threads run kernel paths", at: name.location)
                        }
                        if let owner = subscriberOfFaultPath[name.value] {
                            throw error("path \(name.value) is subscriber \(owner)'s fault path: its devices run it when they miss, CPU threads do not",
                                        at: name.location)
                        }
                        guard arguments.count == 1 else {
                            throw error("path \(name.value) takes one page, e.g. \(name.value)(x)", at: name.location)
                        }
                        operations.append(.path(index: path, page: try resolvePage(arguments[0])))
                        continue
                    }
                    let known = (threads[index].kind == .mirror ? DmirrorCommand.names : Lowerer.calls)
                        + [Lowerer.rendezvous] + paths.map(\.name)
                    guard Lowerer.calls.contains(name.value) else {
                        throw error("unknown operation '\(name.value)' (known: \(known.joined(separator: ", ")))",
                                    at: name.location, suggesting: name.value, among: known)
                    }
                    if name.value != "gup_test", let result {
                        throw error("\(name.value) returns nothing to store", at: result.location)
                    }
                    guard threads[index].kind == .cpu else {
                        throw error("only CPU threads call \(name.value)", at: name.location)
                    }
                    if Lowerer.mmCalls.contains(name.value) {
                        let kind = try lowerMMCall(name, arguments)
                        if kind == .exitMMAP {
                            try checkExit(name, isLast: position == thread.operations.count - 1, of: thread.name)
                        }
                        let page = arguments.isEmpty ? 0 : try resolvePage(arguments[0])
                        let target = kind.movesPage ? try lowerMoveTarget(page, arguments) : nil
                        operations.append(.kernel(kind, page: page, target: target))
                        continue
                    }
                    if name.value == "munmap" {
                        guard arguments.count == 1 else { throw error("munmap takes one page, e.g. munmap(x)", at: name.location) }
                        operations.append(.munmap(page: try resolvePage(arguments[0])))
                        continue
                    }
                    if name.value == "gup_test" {
                        var test = try lowerGUPTest(name, arguments)
                        if let result {
                            if !registers.contains(result.value) { registers.append(result.value) }
                            test.result = registers.firstIndex(of: result.value)
                        }
                        operations.append(.gupTest(test, page: try resolvePage(arguments[0])))
                        continue
                    }
                    guard arguments.count == 2 else {
                        throw error("madvise takes a page and an advice, e.g. madvise(x, MADV_POPULATE_WRITE)", at: name.location)
                    }
                    guard Lowerer.advice.contains(arguments[1].value) else {
                        throw error("unsupported advice '\(arguments[1].value)' (known: \(Lowerer.advice.joined(separator: ", ")))",
                                    at: arguments[1].location, suggesting: arguments[1].value, among: Lowerer.advice)
                    }
                    operations.append(.populateWrite(page: try resolvePage(arguments[0])))
                }
            }
            // READ and WRITE record their fault count where a condition reads RESULT.faults.
            for (position, operation) in operations.enumerated() {
                guard case let .dmirror(command, _, result?) = operation, command == .read || command.isWrite else { continue }
                let counter = registers[result] + Lowerer.faultsSuffix
                guard conditionsRead(counter, of: thread.name.value), !registers.contains(counter) else { continue }
                threads[index].faultCounters[position] = registers.count
                registers.append(counter)
            }
            threads[index].operations = operations
            threads[index].registers = registers
        }
    }

    /// `exit()` ends the process, so nothing may follow it in its thread, and it unmaps the
    /// process's pages, so there must be some.
    private func checkExit(_ name: Located<String>, isLast: Bool, of thread: Located<String>) throws(LitmusError) {
        guard isLast else {
            throw error("exit() ends the process: it must be the last operation of \(thread.value)", at: name.location)
        }
        guard !pages.isEmpty else {
            throw error("exit() unmaps the process's pages: declare at least one, e.g. 'page x: value 0'", at: name.location)
        }
    }

    /// The thread prefixes, for "did you mean" notes.
    static let threadPrefixes = ["CPU", "DEV", "MIR", "VCPU", "P"]

    /// `name` with its leading letters replaced by the nearest thread prefix (`DVE0` → `DEV0`).
    static func threadName(near name: String) -> String? {
        let letters = name.prefix { $0.isLetter }
        return NearestWord.suggest(String(letters).uppercased(), among: threadPrefixes).map { $0 + name.dropFirst(letters.count) }
    }
}
