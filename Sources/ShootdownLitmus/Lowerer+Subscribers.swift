import ShootdownModel

extension Lowerer {
    static let subscriberSettings = ["registration", "sleeps", "lock", "fault"]
    static let callbackKinds = ["invalidate", "invalidate_range_start", "invalidate_range_end", "release"]
    static let lockActions = ["mutex_lock", "spin_lock", "mutex_trylock", "mutex_unlock", "spin_unlock"]
    static let statementActions = lockActions + [
        "mmu_interval_set_seq", "mmu_invalidate_seq++", "mmu_invalidate_in_progress++", "mmu_invalidate_in_progress--",
        "mirror_erase", "flush_device_tlbs", "return",
    ]

    /// Lowers every `subscriber` block (after the paths, which their `fault` names) and, when
    /// `mirror = NAME` names one, makes it the scenario's range subscriber.
    mutating func lowerSubscribers() throws(LitmusError) {
        var definitions: [String: SubscriberDefinition] = [:]
        for subscriber in ast.subscribers {
            let name = subscriber.name.value
            if definitions[name] != nil {
                throw error("subscriber '\(name)' is declared twice", at: subscriber.name.location)
            }
            if MirrorConfiguration.Kind(rawValue: name) != nil {
                throw error("'\(name)' is a built-in subscriber; give yours another name", at: subscriber.name.location)
            }
            let definition = try lowerSubscriber(subscriber)
            definitions[name] = definition
            subscriberOfFaultPath[definition.faultPath.name] = name
        }
        if let wanted = userSubscriberName {
            guard let definition = definitions[wanted.value] else {
                let names = MirrorConfiguration.Kind.allCases.map(\.rawValue) + ast.subscribers.map(\.name.value)
                throw error("unknown range subscriber '\(wanted.value)' (known: \(names.joined(separator: ", ")))",
                            at: wanted.location, suggesting: wanted.value, among: names)
            }
            mirror = MirrorConfiguration(definition: definition)
        }
    }

    private func lowerSubscriber(_ subscriber: SubscriberAST) throws(LitmusError) -> SubscriberDefinition {
        let name = subscriber.name.value
        var values: [String: Located<String>] = [:]
        var keys: [String: SubscriberSettingAST] = [:]
        for setting in subscriber.settings {
            let key = setting.key.value
            guard Lowerer.subscriberSettings.contains(key) else {
                let hint = Lowerer.callbackKinds.contains(key) ? "; a callback is written \(key) { … }" : ""
                throw error("unknown subscriber setting '\(key)' (known: \(Lowerer.subscriberSettings.joined(separator: ", ")))\(hint)",
                            at: setting.key.location, suggesting: key, among: Lowerer.subscriberSettings)
            }
            guard keys[key] == nil else { throw error("'\(key)' is set twice in subscriber '\(name)'", at: setting.key.location) }
            guard let value = setting.value else {
                throw error("'\(key)' needs a value, e.g. \(Lowerer.settingExample(key))", at: setting.key.location)
            }
            keys[key] = setting
            values[key] = value
        }
        guard let registrationWord = values["registration"] else {
            throw error("subscriber '\(name)' needs 'registration interval;' (mmu_interval_notifier_insert) or 'registration range;' (mmu_notifier_register)",
                        at: subscriber.name.location)
        }
        let registrations = SubscriberDefinition.Registration.allCases.map(\.rawValue)
        guard let registration = SubscriberDefinition.Registration(rawValue: registrationWord.value) else {
            throw error("unknown registration '\(registrationWord.value)' (known: \(registrations.joined(separator: ", ")))",
                        at: registrationWord.location, suggesting: registrationWord.value, among: registrations)
        }
        var maySleep = true
        if let sleeps = values["sleeps"] {
            guard sleeps.value == "yes" || sleeps.value == "no" else {
                throw error("sleeps takes 'yes' (the callbacks may sleep) or 'no'", at: sleeps.location,
                            suggesting: sleeps.value, among: ["yes", "no"])
            }
            maySleep = sleeps.value == "yes"
        }
        guard let faultName = values["fault"] else {
            throw error("subscriber '\(name)' needs 'fault PATH;': the path its devices run when their table lacks a translation",
                        at: subscriber.name.location)
        }
        guard let faultIndex = pathIndex[faultName.value] else {
            let known = ast.paths.map(\.name.value)
            throw error("no path '\(faultName.value)' for the fault path (\(known.isEmpty ? "the scenario has no paths" : "known: " + known.joined(separator: ", ")))",
                        at: faultName.location, suggesting: faultName.value, among: known)
        }
        let lock = values["lock"]
        let file = subscriber.file?.value ?? subscriber.name.location.file
        var callbacks: [String: [SubscriberStatement]] = [:]
        for callback in subscriber.callbacks {
            let kind = callback.kind.value
            guard Lowerer.callbackKinds.contains(kind) else {
                throw error("unknown callback '\(kind)' (known: \(Lowerer.callbackKinds.joined(separator: ", ")))",
                            at: callback.kind.location, suggesting: kind, among: Lowerer.callbackKinds)
            }
            guard callbacks[kind] == nil else { throw error("callback '\(kind)' is written twice", at: callback.kind.location) }
            let allowed = registration == .interval ? ["invalidate"] : ["invalidate_range_start", "invalidate_range_end", "release"]
            guard allowed.contains(kind) else {
                let why = registration == .interval
                    ? "an interval notifier has only 'invalidate' (mn_itree_release calls it with MMU_NOTIFY_RELEASE at exit)"
                    : "a registered subscription has 'invalidate_range_start', 'invalidate_range_end' and 'release'"
                throw error("\(why), not '\(kind)'", at: callback.kind.location, suggesting: kind, among: allowed)
            }
            let function = callback.function?.value ?? "\(name)_\(kind)"
            var statements: [SubscriberStatement] = []
            for statement in callback.statements {
                statements.append(try lowerStatement(statement, callback: kind, registration: registration, lock: lock,
                                                     function: function, file: file))
            }
            callbacks[kind] = statements
        }
        let first = registration == .interval ? "invalidate" : "invalidate_range_start"
        guard let invalidate = callbacks[first] else {
            throw error("subscriber '\(name)' needs its '\(first) { … }' callback", at: subscriber.name.location)
        }
        let lockName = lock?.value ?? "lock"
        return SubscriberDefinition(name: name, registration: registration, maySleep: maySleep, lockName: lockName,
                                    invalidate: invalidate, invalidateEnd: callbacks["invalidate_range_end"] ?? [],
                                    release: callbacks["release"], faultPath: paths[faultIndex])
    }

    private func lowerStatement(_ statement: CallbackStatementAST, callback: String,
                                registration: SubscriberDefinition.Registration, lock: Located<String>?,
                                function: String, file: String) throws(LitmusError) -> SubscriberStatement {
        let word = statement.action.value
        guard Lowerer.statementActions.contains(word) else {
            throw error("unknown statement '\(word)' (known: \(Lowerer.statementActions.joined(separator: ", ")))",
                        at: statement.action.location, suggesting: word, among: Lowerer.statementActions)
        }
        let locks = Lowerer.lockActions.contains(word)
        if locks {
            guard let argument = statement.argument else {
                throw error("\(word) takes the driver's lock: \(word)(\(lock?.value ?? "lock"))", at: statement.action.location)
            }
            guard let lock else {
                throw error("declare the driver's lock first: lock \(argument.value);", at: argument.location)
            }
            guard argument.value == lock.value else {
                throw error("the driver's lock is '\(lock.value)' (declared at \(lock.location.line):\(lock.location.column)), not '\(argument.value)'",
                            at: argument.location, suggestion: lock.value)
            }
        } else if let argument = statement.argument {
            throw error("\(word) takes no argument", at: argument.location)
        }
        let returns = word == "return" || word == "mutex_trylock"
        if !returns, let value = statement.value {
            throw error("only 'return' and 'mutex_trylock(…) else return' give a value", at: value.location)
        }
        var result: SubscriberStatement.CallbackResult?
        if returns {
            guard let value = statement.value else {
                throw error("mutex_trylock needs what to do when the lock is held: mutex_trylock(\(lock?.value ?? "lock")) else return \(registration == .interval ? "false" : "-EAGAIN");",
                            at: statement.action.location)
            }
            let allowed = callback == "invalidate" ? ["true", "false"] : callback == "invalidate_range_start" ? ["0", "-EAGAIN"] : []
            guard !allowed.isEmpty else {
                throw error("'\(callback)' returns nothing", at: value.location)
            }
            guard allowed.contains(value.value), let known = SubscriberStatement.CallbackResult(rawValue: value.value) else {
                throw error("'\(callback)' returns \(allowed.joined(separator: " or ")), not '\(value.value)'", at: value.location,
                            suggesting: value.value, among: allowed)
            }
            result = known
        }
        let action: SubscriberStatement.Action
        switch word {
        case "mutex_lock": action = .lock(sleeps: true)
        case "spin_lock": action = .lock(sleeps: false)
        case "mutex_trylock": action = .trylock(failure: result!)
        case "mutex_unlock", "spin_unlock": action = .unlock
        case "mmu_interval_set_seq": action = .setSeq
        case "mmu_invalidate_seq++": action = .bumpSeq
        case "mmu_invalidate_in_progress++": action = .inProgress(delta: 1)
        case "mmu_invalidate_in_progress--": action = .inProgress(delta: -1)
        case "mirror_erase": action = .erase
        case "flush_device_tlbs": action = .flushDeviceTLBs
        default: action = .ret(result!)
        }
        switch action {
        case .setSeq where registration != .interval:
            throw error("mmu_interval_set_seq belongs to interval notifiers; a registered subscription keeps its own sequence (mmu_invalidate_seq++)",
                        at: statement.action.location)
        case .bumpSeq where registration != .range, .inProgress where registration != .range:
            throw error("\(word) is a registered subscription's own count; an interval notifier uses mmu_interval_set_seq",
                        at: statement.action.location)
        default: break
        }
        var condition: SubscriberStatement.Guard?
        if let guardWord = statement.condition {
            let names = SubscriberStatement.Guard.allCases.map(\.rawValue)
            guard let known = SubscriberStatement.Guard(rawValue: guardWord.value) else {
                throw error("unknown guard '\(guardWord.value)' (known: \(names.joined(separator: ", ")))", at: guardWord.location,
                            suggesting: guardWord.value, among: names)
            }
            condition = known
        }
        return SubscriberStatement(action, when: condition, in: statement.function?.value ?? function, file: file)
    }

    static func settingExample(_ key: String) -> String {
        switch key {
        case "registration": return "registration interval;"
        case "sleeps": return "sleeps yes;"
        case "lock": return "lock mutex;"
        default: return "fault my_fault;"
        }
    }
}
