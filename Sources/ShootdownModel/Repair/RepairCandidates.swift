/// The repairs worth trying for a policy whose programs let a property fail: each a secondary-TLB
/// notification at one place on the offending path. The checker decides which of them work.
public enum RepairCandidates {
    /// The single placements to try, given the kernel steps the offending executions ran, in
    /// the order they ran (repeats allowed), and the programs they ran in:
    ///
    /// - for every distinct site (`function.call`) among `steps`, a notification right after it;
    /// - for every site among `steps` that holds the PTL, and every later step of the same
    ///   function in a program that notifies after the PTL is dropped (an old-era plain
    ///   `range_end`, or a notification outside the PTL), whether or not it ran: a notification
    ///   after the site, and the later step made to stop notifying.
    ///
    /// The notification covers the thread's page and runs under the anchor's condition, so it runs
    /// exactly when the anchor does.
    public static func placements(offending steps: [Step], programs: KernelPrograms,
                                  era: NotifierEra) -> [RepairPlacement] {
        var firstRun: [String: Int] = [:]
        var distinct: [Step] = []
        for (position, step) in steps.enumerated() where firstRun[step.site] == nil {
            firstRun[step.site] = position
            distinct.append(step)
        }
        let underPTL = Dictionary(uniqueKeysWithValues: distinct.map {
            ($0.site, programs.holdsPTL(afterSite: $0.site) ?? false)
        })

        var placements = distinct.map { anchor in
            let notification = notification(after: anchor, era: era)
            return RepairPlacement(kind: .insert, anchor: anchor, notification: notification, replacement: nil,
                                   underPTL: underPTL[anchor.site]!, paths: programs.paths(throughSite: anchor.site),
                                   rewrites: [ProgramRewrite(afterSite: anchor.site, steps: [notification])],
                                   traceOrder: firstRun[anchor.site]!)
        }
        for anchor in distinct where underPTL[anchor.site]! {
            for late in programs.steps(following: anchor.site) where late.function == anchor.function
                && notifiesAfterPTL(late, underPTL: programs.holdsPTL(afterSite: late.site) ?? false, era: era) {
                let notification = notification(after: anchor, era: era)
                let replacement = stopNotifying(late)
                placements.append(RepairPlacement(
                    kind: .moveUnderPTL(from: late), anchor: anchor, notification: notification,
                    replacement: replacement, underPTL: true, paths: programs.paths(throughSite: anchor.site),
                    rewrites: [ProgramRewrite(afterSite: anchor.site, steps: [notification]),
                               ProgramRewrite(site: late.site, edit: .replace(with: replacement.map { [$0] } ?? []))],
                    traceOrder: firstRun[anchor.site]!))
            }
        }
        return placements
    }

    /// The era's secondary-TLB notification for the page, right after `anchor`.
    static func notification(after anchor: Step, era: NotifierEra) -> Step {
        Step(.notifySecondary(.page), in: anchor.function, file: anchor.file, call: era.helperName,
             when: anchor.condition)
    }

    /// Whether `step` calls the secondary-TLB callback after the PTL is dropped.
    static func notifiesAfterPTL(_ step: Step, underPTL: Bool, era: NotifierEra) -> Bool {
        guard !underPTL else { return false }
        switch step.kind {
        case .rangeEnd(onlyEnd: false): return era == .invalidateRange
        case .notifySecondary: return true
        default: return false
        }
    }

    /// What a notifying step becomes once its notification has moved: `range_only_end` in place of
    /// `range_end`, nothing in place of an explicit notification.
    static func stopNotifying(_ step: Step) -> Step? {
        guard case .rangeEnd = step.kind else { return nil }
        return Step(.rangeEnd(onlyEnd: true), in: step.function, file: step.file,
                    call: "mmu_notifier_invalidate_range_only_end", when: step.condition)
    }
}

extension KernelPolicy {
    /// This policy with the placements' rewrites added after its own: a policy like any other,
    /// which the checker checks as it checks the built-in ones.
    public func repaired(by placements: [RepairPlacement]) -> KernelPolicy {
        KernelPolicy(name: name + placements.map { " + notify after \($0.anchor.label)" }.joined(),
                     summary: summary + "; repaired: " + placements.map(\.summary).joined(separator: "; "),
                     era: era, rewrites: rewrites + placements.flatMap(\.rewrites),
                     smmuSkipsNotifierWithBTM: smmuSkipsNotifierWithBTM,
                     releaseKeepsTranslation: releaseKeepsTranslation)
    }
}
