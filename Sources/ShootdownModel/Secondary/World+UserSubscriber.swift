/// A user-written range subscriber's callbacks, run statement by statement
/// (``SubscriberDefinition``). The notifier core around them is the kernel's
/// (mm/mmu_notifier.c): for interval notifiers `mn_itree_inv_start_range` and
/// `mn_itree_inv_end` keep the tree's sequence, and `mn_itree_invalidate` calls each device's
/// `invalidate`; for a registered subscription `mn_hlist_invalidate_range_start/end` call its
/// start and end. Only what the statements say happens in the driver.
extension World {
    /// What one callback invocation is about.
    struct CallbackContext {
        /// The subscription (interval: the device's instance; range: 0).
        var instance: Int
        /// `mmu_notifier_range_blockable`.
        var blockable: Bool
        /// The range is this device's own migration.
        var ownMigration: Bool
        /// The pages of the range.
        var pages: [Int]
        /// The invalidating thread.
        var thread: Int
    }

    /// How a callback ended: it could not run yet (a lock it waits for is held), or it returned
    /// (with the value given, `nil` when it fell off the end).
    enum CallbackOutcome: Equatable {
        case blocked
        case returned(SubscriberStatement.CallbackResult?)

        var failed: Bool { if case let .returned(result?) = self { return result.failed } else { return false } }
    }

    /// The devices whose table is subscription `instance`.
    private func devices(of instance: Int) -> [Int] {
        userSubscriber?.registration == .interval ? [mirrorThreads[instance]] : mirrorThreads
    }

    /// Runs `statements` for one subscription, applying their effects to `state`.
    func runCallback(_ statements: [SubscriberStatement], _ context: CallbackContext, in state: inout WorldState,
                     log: inout StepLog) -> CallbackOutcome {
        let lock = layout.mirrorLock[context.instance]
        var erased = false
        // What the callback did, for the timeline; nothing is built when the log is off (the
        // checker's hot path, and the dry runs of `userCallbacksEnabled`).
        var said: [String] = []
        let narrate = log.enabled
        for statement in statements {
            if let condition = statement.condition, !holds(condition, context, in: state) { continue }
            switch statement.action {
            case let .lock(sleeps):
                if state.flag(lock) { return .blocked }
                state.setFlag(lock, true)
                if sleeps && !context.blockable {
                    state.setFlag(layout.sleepInAtomic, true)
                    log.effect("BUG: \(statement.function) sleeps (mutex_lock) in a non-blockable invalidation")
                }
            case let .trylock(failure):
                if state.flag(lock) {
                    if narrate { said.append("trylock fails") }
                    log.effect("\(statement.function): " + said.joined(separator: ", ") + ", returns \(failure.rawValue)")
                    return .returned(failure)
                }
                state.setFlag(lock, true)
            case .unlock:
                state.setFlag(lock, false)
            case .setSeq:
                state.setFlag(layout.intervalBusy[context.instance], true)
                for device in devices(of: context.instance) where snapshotPage(of: device, in: state) == nil {
                    state.setFlag(layout.threads[device].stale, true)
                }
                if narrate { said.append("mmu_interval_set_seq") }
            case .bumpSeq:
                for device in devices(of: context.instance) { state.setFlag(layout.threads[device].stale, true) }
                if narrate { said.append("sequence++") }
            case let .inProgress(delta):
                let count = state.get(layout.kvmInProgress)
                if delta < 0 && count == 0 {
                    state.setFlag(layout.unbalanced, true)
                    log.effect("BUG: \(statement.function): the in-progress count is already 0")
                    continue
                }
                state.set(layout.kvmInProgress, delta < 0 ? count &- 1 : count &+ 1)
                if narrate { said.append(delta < 0 ? "in_progress--" : "in_progress++") }
            case .erase:
                for page in context.pages where state.get(layout.mirrorTable[context.instance][page]) != 0 {
                    state.set(layout.mirrorTable[context.instance][page], 0)
                    erased = true
                    log.count(\.mirrorErases)
                }
                if narrate { said.append(erased ? "mirror[\(context.pages.map(pageName).joined(separator: ","))] erased" : "nothing to erase") }
            case .flushDeviceTLBs:
                if erased {
                    log.count(\.kvmRemoteFlushes)
                    if narrate { said.append("device TLBs flushed") }
                }
            case let .ret(result):
                if !said.isEmpty || result.failed {
                    log.effect("\(statement.function): " + (said + ["returns \(result.rawValue)"]).joined(separator: ", "))
                }
                return .returned(result)
            }
        }
        if !said.isEmpty { log.effect("\(statements.last?.function ?? "callback"): " + said.joined(separator: ", ")) }
        return .returned(nil)
    }

    private func holds(_ condition: SubscriberStatement.Guard, _ context: CallbackContext, in state: WorldState) -> Bool {
        switch condition {
        case .blockable: return context.blockable
        case .nonblockable: return !context.blockable
        case .ownMigration: return context.ownMigration
        case .mapped: return context.pages.contains { state.get(layout.mirrorTable[context.instance][$0]) != 0 }
        }
    }

    /// The subscriptions a range start reaches, each with its context.
    private func startContexts(_ thread: Int, page: Int, event: NotifierEvent, owner: RangeOwner, blockable: Bool,
                               in state: WorldState) -> [CallbackContext] {
        let skipped = skippedInstance(event: event, owner: owner, thread: thread, in: state)
        return layout.mirrorTable.indices.map { instance in
            CallbackContext(instance: instance, blockable: blockable, ownMigration: instance == skipped,
                            pages: rangePages(of: page, in: state), thread: thread)
        }
    }

    /// Whether the user subscriber's callbacks for a start or end by `thread` (or its release)
    /// can run now: none waits for a lock someone holds. A SNAPSHOT's temporary notifier over
    /// the page takes the device mutex too (`dmirror_snapshot_invalidate`).
    func userCallbacksEnabled(for kind: StepKind, thread: Int, in state: WorldState) -> Bool {
        guard let subscriber = userSubscriber else { return true }
        let page = faultContext(thread, in: state).page
        var contexts: [CallbackContext] = []
        let statements: [SubscriberStatement]
        switch kind {
        case let .rangeStart(event, owner):
            contexts = startContexts(thread, page: page, event: event, owner: owner, blockable: true, in: state)
            statements = subscriber.invalidate
            if subscriber.registration == .interval {
                let covered = rangePages(of: page, in: state)
                for instance in layout.mirrorLock.indices where state.flag(layout.mirrorLock[instance]) {
                    if let snapshot = snapshotPage(of: mirrorThreads[instance], in: state), covered.contains(snapshot) { return false }
                }
            }
        case let .rangeStartNonblock(event):
            contexts = startContexts(thread, page: page, event: event, owner: .none, blockable: false, in: state)
            statements = subscriber.invalidate
        case .rangeEnd:
            guard subscriber.registration == .range else { return true }
            contexts = startContexts(thread, page: page, event: .clear, owner: .none, blockable: true, in: state)
            statements = subscriber.invalidateEnd
        case .notifierRelease:
            contexts = releaseContexts(thread)
            statements = releaseStatements ?? []
        default:
            return true
        }
        if subscriber.registration == .range && isReleased(state) { return true }
        var scratch = state
        var log = StepLog.off
        for context in contexts {
            let outcome = runCallback(statements, context, in: &scratch, log: &log)
            if outcome == .blocked { return false }
            if outcome.failed && !context.blockable { return true }  // the start stops at the first failure
        }
        return true
    }

    /// `invalidate_range_start` (or its non-blocking form) for the user subscriber: the
    /// interval tree's `mn_itree_inv_start_range` and every device's `invalidate`, or the
    /// registered subscription's start. Returns `false` when a non-blocking start fails: the
    /// devices called before the failing one keep what their callbacks did, and the tree's
    /// active count is unwound (`mn_itree_inv_end`); the caller sees `-EAGAIN`.
    @discardableResult
    func userInvalidateStart(_ thread: Int, page: Int, event: NotifierEvent, owner: RangeOwner, blockable: Bool,
                             in state: inout WorldState, log: inout StepLog) -> Bool {
        guard let subscriber = userSubscriber, hasMirror, mirrorRegistered else { return true }
        if subscriber.registration == .range && isReleased(state) { return true }
        checkCallbackContext(thread, in: &state, log: &log)
        if subscriber.registration == .interval {
            state.set(layout.itreeActive, state.get(layout.itreeActive) &+ 1)
            invalidateSnapshotNotifiers(pages: rangePages(of: page, in: state), in: &state, log: &log)
        }
        for context in startContexts(thread, page: page, event: event, owner: owner, blockable: blockable, in: state) {
            log.count(\.rangeCallbacks)
            let outcome = runCallback(subscriber.invalidate, context, in: &state, log: &log)
            guard outcome.failed else { continue }
            if blockable {
                log.effect("WARN_ON: \(subscriber.name)'s invalidate failed for a blockable range (ignored)")
                continue
            }
            if subscriber.registration == .interval { intervalTreeInvalidateEnd(in: &state, log: &log) }
            return false
        }
        return true
    }

    /// `invalidate_range_end` for the user subscriber: `mn_itree_inv_end` for interval
    /// notifiers, the subscription's own end for a registered one.
    func userInvalidateEnd(_ thread: Int, in state: inout WorldState, log: inout StepLog) {
        guard let subscriber = userSubscriber, hasMirror, mirrorRegistered else { return }
        guard subscriber.registration == .range else { return intervalTreeInvalidateEnd(in: &state, log: &log) }
        guard !isReleased(state), !subscriber.invalidateEnd.isEmpty else { return }
        checkCallbackContext(thread, in: &state, log: &log)
        let page = faultContext(thread, in: state).page
        log.count(\.rangeCallbacks)
        _ = runCallback(subscriber.invalidateEnd,
                        CallbackContext(instance: 0, blockable: true, ownMigration: false, pages: rangePages(of: page, in: state),
                                        thread: thread),
                        in: &state, log: &log)
    }

    /// What `mmu_notifier_release` runs for the user subscriber: each device's `invalidate` with
    /// `MMU_NOTIFY_RELEASE` over everything (`mn_itree_release`), or the subscription's
    /// `release` (`mn_hlist_release`).
    private var releaseStatements: [SubscriberStatement]? {
        guard let subscriber = userSubscriber else { return nil }
        return subscriber.registration == .interval ? subscriber.invalidate : subscriber.release
    }

    private func releaseContexts(_ thread: Int) -> [CallbackContext] {
        layout.mirrorTable.indices.map {
            CallbackContext(instance: $0, blockable: true, ownMigration: false, pages: Array(configuration.pages.indices),
                            thread: thread)
        }
    }

    /// `mmu_notifier_release` for the user subscriber.
    func userRelease(_ thread: Int, in state: inout WorldState, log: inout StepLog) {
        guard let subscriber = userSubscriber, let statements = releaseStatements else {
            log.effect("the subscriber has no release callback: its devices keep their entries")
            return
        }
        let interval = subscriber.registration == .interval
        if interval { state.set(layout.itreeActive, state.get(layout.itreeActive) &+ 1) }
        for context in releaseContexts(thread) {
            log.count(\.rangeCallbacks)
            _ = runCallback(statements, context, in: &state, log: &log)
        }
        if interval { intervalTreeInvalidateEnd(in: &state, log: &log) }
    }
}
