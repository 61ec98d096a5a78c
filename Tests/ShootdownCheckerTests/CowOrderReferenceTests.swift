import Foundation
@testable import ShootdownChecker
import Testing

/// ``CowOrderReference`` against SPIN's figures for `cow_order.pml` (the SPIN anchor runs,
/// RESULTS.md, "Counting conventions" and "Scenario 1"): with no reduction the checker's states
/// are SPIN's `states stored` and its transitions SPIN's `transitions - 1`.
@Suite("COW ordering, SPIN reference model")
struct CowOrderReferenceTests {
    typealias Reference = CowOrderReference

    /// Exactly what SPIN's `pan -DNOREDUCE` explores: every state, stored in full.
    static let unreduced = CheckOptions(reduction: .none, symmetry: false, storage: .exact)

    /// Policy (a), shared PTL: holds; 907 / 8,107 / 56,011 states stored and 2,852 / 31,656 /
    /// 253,794 SPIN transitions; 4 terminal states.
    @Test(arguments: [(2, 907, 2851), (3, 8107, 31655), (4, 56011, 253_793)])
    func policyAMatchesSpin(n: Int, states: Int, edges: Int) {
        let system = Reference(n: n)
        let result = check(system, Specification(invariants: [Reference.noStaleRead]), Self.unreduced)
        #expect(result.invariants[0].holds)
        #expect(result.statistics.states == states)
        #expect(result.statistics.transitions == edges)
        #expect(result.statistics.terminalStates == 4)
        #expect(result.isComplete)
    }

    /// Policy (a), one PTL per page: 1,381 / 22,399 states, 4,871 / 107,272 SPIN transitions.
    @Test(arguments: [(2, 1381, 4870), (3, 22399, 107_271)])
    func policyAPerPageLockMatchesSpin(n: Int, states: Int, edges: Int) {
        let system = Reference(n: n, locks: .perPage)
        let result = check(system, Specification(invariants: [Reference.noStaleRead]), Self.unreduced)
        #expect(result.invariants[0].holds)
        #expect(result.statistics.states == states)
        #expect(result.statistics.transitions == edges)
        #expect(result.statistics.terminalStates == 4)
    }

    /// Policy (b) as `pan -c0` runs it: a failing read carries on, so the state space is SPIN's
    /// (2,268 / 36,342 states, 7,944 / 167,654 SPIN transitions with a shared PTL; 2,697 and
    /// 9,775 per page at N = 2). The shortest failing run has 12 steps with a shared PTL and 11
    /// per page, the last being the failing read (SPIN's BFS error depth + 1).
    @Test(arguments: [
        (2, Reference.LockLayout.shared, 2268, 7943, 12),
        (3, .shared, 36342, 167_653, 13),
        (2, .perPage, 2697, 9774, 11),
    ])
    func policyBFullSpaceMatchesSpin(n: Int, locks: Reference.LockLayout, states: Int, edges: Int, steps: Int) throws {
        let system = Reference(n: n, policy: .atRangeEnd, locks: locks, recording: .unrecorded)
        let result = check(system, Specification(invariants: [system.noReadAboutToFail]), Self.unreduced)
        #expect(result.statistics.states == states)
        #expect(result.statistics.transitions == edges)
        #expect(result.statistics.terminalStates == 4)
        let path = try #require(result.invariants[0].counterexample)
        #expect(path.actions.count + 1 == steps)
        #expect(system.readFails(0, in: path.last) || system.readFails(1, in: path.last))
    }

    /// Policy (b) with the sticky `violated` bit: violated, with the 12-step shortest
    /// counterexample of RESULTS.md ending in the device's stale read of page 0. The states
    /// reached after a failing read exist with and without the bit, hence more states than
    /// SPIN's `-c0` space: at N = 2, 2,205 states without the bit and 135 with it (the 2,268 of
    /// SPIN, less 63 reachable only through a failing read), and 8,081 edges; at N = 3, 38,646
    /// states and 175,521 edges.
    @Test(arguments: [(2, 2340, 8081, 12), (3, 38646, 175_521, 13)])
    func policyBStickyViolation(n: Int, states: Int, edges: Int, steps: Int) throws {
        let system = Reference(n: n, policy: .atRangeEnd)
        let result = check(system, Specification(invariants: [Reference.noStaleRead]), Self.unreduced)
        let path = try #require(result.invariants[0].counterexample)
        #expect(path.actions.count == steps)
        let last = try #require(path.actions.last)
        #expect(Int(last.process) == system.device(0) || Int(last.process) == system.device(1))
        #expect(path.last.violated)
        #expect(!path.states.dropLast().contains { $0.violated })
        #expect(result.statistics.states == states)
        #expect(result.statistics.transitions == edges)
        // SPIN's 4 terminal states, 3 of them also reached after a failing read.
        #expect(result.statistics.terminalStates == 7)
    }

    /// The documented timeline at N = 2: fill A, Cow[B] entirely, Cow[A] up to its new PTE, the
    /// writer's two stores, then the device reads B = 1 and A = 0 through the stale entry.
    @Test func documentedTimelineViolates() {
        let system = Reference(n: 2, policy: .atRangeEnd)
        let cow = { (page: Int) in Reference.Action(process: UInt8(page), choice: 0) }
        let writer = Reference.Action(process: UInt8(system.writer), choice: 0)
        let device = Reference.Action(process: UInt8(system.device(0)), choice: 0)
        let fillA = Reference.Action(process: UInt8(system.filler), choice: 0)
        let timeline = [fillA, cow(1), cow(1), cow(1), cow(1), cow(0), cow(0), cow(0), writer, writer, device, device]
        var state = system.initialStates[0]
        for action in timeline {
            #expect(enabled(system, in: state).contains(action))
            state = system.successor(of: state, via: action)
        }
        #expect(state.violated)
        #expect(state.dtlb(0) == Reference.old && state.pte(0) == Reference.new)
    }

    /// Partial-order reduction keeps every verdict and the set of terminal states, and never
    /// stores more states than the full exploration.
    @Test(arguments: [2, 3, 4], [Reference.Policy.underPTL, .atRangeEnd])
    func reductionKeepsVerdicts(n: Int, policy: Reference.Policy) {
        for locks in [Reference.LockLayout.shared, .perPage] where locks == .shared || n < 4 {
            let system = Reference(n: n, policy: policy, locks: locks)
            let specification = Specification(invariants: [Reference.noStaleRead])
            let full = check(system, specification, Self.unreduced)
            let reduced = check(system, specification, CheckOptions(reduction: .partialOrder))
            #expect(reduced.statistics.reduction == .partialOrder)
            #expect(full.invariants[0].holds == (policy == .underPTL), "\(n) \(policy) \(locks)")
            #expect(reduced.invariants[0].holds == full.invariants[0].holds, "\(n) \(policy) \(locks)")
            #expect(reduced.statistics.states <= full.statistics.states, "\(n) \(policy) \(locks)")
            #expect(reduced.statistics.terminalStates == full.statistics.terminalStates, "\(n) \(policy) \(locks)")
        }
    }

    /// The footprints meet what partial-order reduction assumes of them, checked on every
    /// reachable state (see ``expectSoundFootprints(_:)``).
    @Test(arguments: [
        (2, Reference.Policy.underPTL, Reference.LockLayout.shared),
        (2, .atRangeEnd, .shared), (2, .underPTL, .perPage), (2, .atRangeEnd, .perPage),
        (3, .underPTL, .shared), (3, .atRangeEnd, .shared),
    ])
    func footprintsAreSound(n: Int, policy: Reference.Policy, locks: Reference.LockLayout) {
        expectSoundFootprints(Reference(n: n, policy: policy, locks: locks))
    }

    /// Every ample set the checker picks on the model is persistent and invisible (see
    /// ``expectPersistentAmpleSets(_:)``).
    @Test(arguments: [
        (2, Reference.Policy.underPTL, Reference.LockLayout.shared),
        (2, .atRangeEnd, .shared), (2, .underPTL, .perPage), (2, .atRangeEnd, .perPage),
        (3, .atRangeEnd, .shared),
    ])
    func ampleSetsArePersistent(n: Int, policy: Reference.Policy, locks: Reference.LockLayout) {
        expectPersistentAmpleSets(Reference(n: n, policy: policy, locks: locks))
    }
}

/// Explores `system` fully and, in every state where the checker's partial-order reduction picks
/// an ample set (the enabled actions `T` of one actor `t`), records an issue unless
/// - no action of `T` changes the sticky `violated` bit;
/// - along every execution from there in which `t` takes no step, `t` keeps exactly the enabled
///   actions `T`, and every step `b` taken commutes with each `a` of `T` (`b` stays enabled
///   after `a`, and both orders reach the same state);
/// - ``CowOrderReference/progress(of:)`` grows along every transition (the graph is acyclic, as
///   the system declares, so the checker may skip the cycle proviso).
func expectPersistentAmpleSets(_ system: CowOrderReference, sourceLocation: SourceLocation = #_sourceLocation) {
    typealias State = CowOrderReference.State
    let specification = Specification(invariants: [CowOrderReference.noStaleRead])
    let plan = ExplorationPlan(system: system, specification: specification, options: CheckOptions(reduction: .partialOrder))
    let expander = Expander(system: system, plan: plan)
    var scratch = expander.makeScratch()
    var visited = Set(system.initialStates)
    var frontier = system.initialStates
    var ampleStates = 0
    var issues = 0
    func fail(_ message: @autoclosure () -> String) {
        issues += 1
        if issues <= 5 {
            Issue.record(Comment(rawValue: message()), sourceLocation: sourceLocation)
        }
    }
    func actor(_ action: CowOrderReference.Action, _ state: State) -> Int {
        system.footprint(of: action, in: state).actor
    }
    #expect(plan.reduces && !plan.needsCycleProviso, sourceLocation: sourceLocation)
    while let state = frontier.popLast() {
        let actions = enabled(system, in: state)
        for action in actions {
            let next = system.successor(of: state, via: action)
            if system.progress(of: next) <= system.progress(of: state) {
                fail("\(action) makes no progress in \(state)")
            }
            if visited.insert(next).inserted {
                frontier.append(next)
            }
        }
        scratch.actions = actions
        scratch.actors = actions.map { system.actor(of: $0, in: state) }
        let chosen = expander.ampleActor(in: state, scratch: &scratch)
        guard chosen >= 0 else {
            continue
        }
        ampleStates += 1
        let ample = actions.filter { actor($0, state) == chosen }
        for a in ample where system.successor(of: state, via: a).violated != state.violated {
            fail("ample \(a) is visible in \(state)")
        }
        var reached: Set<State> = [state]
        var pending = [state]
        while let here = pending.popLast() {
            let available = enabled(system, in: here)
            if available.filter({ actor($0, here) == chosen }) != ample {
                fail("the ample set of \(chosen) chosen in \(state) changes in \(here)")
                continue
            }
            for b in available where actor(b, here) != chosen {
                let afterB = system.successor(of: here, via: b)
                for a in ample {
                    let afterA = system.successor(of: here, via: a)
                    if !enabled(system, in: afterA).contains(b) || system.successor(of: afterA, via: b) != system.successor(of: afterB, via: a) {
                        fail("\(b) depends on ample \(a) in \(here), ample chosen in \(state)")
                    }
                }
                if reached.insert(afterB).inserted {
                    pending.append(afterB)
                }
            }
        }
    }
    #expect(ampleStates > 0, sourceLocation: sourceLocation)
    #expect(issues == 0, sourceLocation: sourceLocation)
}

/// Explores `system` and records an issue wherever its footprints fail what partial-order
/// reduction relies on:
/// - an actor's future footprint covers the footprint of each of its enabled actions, and never
///   grows along a transition (so it covers everything the actor does from then on);
/// - a step that changes whether the sticky `violated` bit is set writes its location;
/// - when another actor's enabled action `b` is independent of everything an actor `u` with an
///   enabled action has enabled, taking `b` leaves `u`'s enabled actions and their footprints as they were (or
///   smaller), and `b` commutes with each of them, each staying enabled after the other.
func expectSoundFootprints(_ system: CowOrderReference, sourceLocation: SourceLocation = #_sourceLocation) {
    typealias State = CowOrderReference.State
    typealias Action = CowOrderReference.Action
    var visited = Set(system.initialStates)
    var frontier = system.initialStates
    var issues = 0
    func fail(_ message: @autoclosure () -> String) {
        issues += 1
        if issues <= 5 {
            Issue.record(Comment(rawValue: message()), sourceLocation: sourceLocation)
        }
    }
    func covers(_ outer: Footprint, _ inner: Footprint) -> Bool {
        inner.reads.union(outer.reads) == outer.reads && inner.writes.union(outer.writes) == outer.writes
    }
    while let state = frontier.popLast() {
        let actions = enabled(system, in: state)
        let footprints = actions.map { system.footprint(of: $0, in: state) }
        var futures: [Footprint] = []
        var enabledBy: [Footprint] = []
        for actor in 0 ..< system.actorCount {
            let future = system.futureFootprint(of: actor, in: state)
            futures.append(future)
            var union = Footprint(actor: actor)
            for footprint in footprints where footprint.actor == actor {
                union.reads.formUnion(footprint.reads)
                union.writes.formUnion(footprint.writes)
                if !covers(future, footprint) {
                    fail("future of \(actor) misses \(footprint) in \(state)")
                }
            }
            enabledBy.append(union)
        }
        for (b, footprint) in zip(actions, footprints) {
            let next = system.successor(of: state, via: b)
            if next.violated != state.violated && !footprint.writes.contains(CowOrderReference.violatedLocation) {
                fail("\(b) sets violated without writing it in \(state)")
            }
            for actor in 0 ..< system.actorCount where !covers(futures[actor], system.futureFootprint(of: actor, in: next)) {
                fail("future of \(actor) grows by \(b) in \(state)")
            }
            if visited.insert(next).inserted {
                frontier.append(next)
            }
            for actor in 0 ..< system.actorCount where actor != footprint.actor {
                let mine = enabledBy[actor]
                let independent = !footprint.writes.intersects(mine.reads.union(mine.writes))
                    && !footprint.reads.intersects(mine.writes)
                guard independent else {
                    continue
                }
                let before = actions.filter { system.footprint(of: $0, in: state).actor == actor }
                guard !before.isEmpty else {
                    continue
                }
                let after = enabled(system, in: next).filter { system.footprint(of: $0, in: next).actor == actor }
                if before != after {
                    fail("\(b) changes what \(actor) has enabled in \(state)")
                    continue
                }
                for a in before {
                    if !covers(system.footprint(of: a, in: state), system.footprint(of: a, in: next)) {
                        fail("\(b) grows the footprint of \(a) in \(state)")
                    }
                    let viaA = system.successor(of: state, via: a)
                    if !enabled(system, in: viaA).contains(b) {
                        fail("\(a) disables \(b) in \(state)")
                    } else if system.successor(of: viaA, via: b) != system.successor(of: next, via: a) {
                        fail("\(a) and \(b) do not commute in \(state)")
                    }
                }
            }
        }
    }
    #expect(issues == 0, sourceLocation: sourceLocation)
}

/// Release-mode measurements of the reference model, run only when `SHOOTDOWN_REFERENCE_MEASURE`
/// is set:
/// `SHOOTDOWN_REFERENCE_MEASURE=1 swift test -c release -Xswiftc -enable-testing --filter CowOrderReferenceMeasurements`
/// prints one table row per configuration (policy (a), shared PTL). The variable may also name
/// one configuration, `N:reduction:storage:threads` (for example `7:por:fp:2`), so that a
/// process can be timed and its peak memory read on its own; `SHOOTDOWN_REFERENCE_MAX_N`
/// bounds N for the full table (8 by default), and `SHOOTDOWN_REFERENCE_PROGRESS` prints
/// progress every 2^24 states.
@Suite("COW ordering reference measurements", .enabled(if: ProcessInfo.processInfo.environment["SHOOTDOWN_REFERENCE_MEASURE"] != nil))
struct CowOrderReferenceMeasurements {
    struct Configuration {
        var n: Int
        var reduction: Reduction
        var storage: Storage
        var threads: Int
    }

    @Test func measure() {
        let environment = ProcessInfo.processInfo.environment
        let request = environment["SHOOTDOWN_REFERENCE_MEASURE"] ?? "1"
        let maxN = environment["SHOOTDOWN_REFERENCE_MAX_N"].flatMap(Int.init) ?? 8
        var configurations: [Configuration] = []
        let fields = request.split(separator: ":")
        if fields.count == 4, let n = Int(fields[0]), let threads = Int(fields[3]) {
            configurations = [
                Configuration(
                    n: n,
                    reduction: fields[1] == "por" ? .partialOrder : .none,
                    storage: fields[2] == "fp" ? .fingerprint : .exact,
                    threads: threads
                ),
            ]
        } else {
            for n in 2 ... maxN {
                for reduction in [Reduction.none, .partialOrder] {
                    for storage in [Storage.exact, .fingerprint] {
                        for threads in [1, 2] {
                            configurations.append(Configuration(n: n, reduction: reduction, storage: storage, threads: threads))
                        }
                    }
                }
            }
        }
        print("| N | reduction | storage | threads | states | transitions | s | bytes/state | frontier bytes/state | ample states | proviso |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for configuration in configurations {
            let system = CowOrderReference(n: configuration.n)
            let progress: @Sendable (ShootdownChecker.Progress) -> Void = { progress in
                print("  \(progress.states) states, \(progress.transitions) transitions, depth \(progress.depth), \(String(format: "%.1f", progress.seconds)) s")
            }
            let options = CheckOptions(
                progressInterval: 1 << 24,
                progress: environment["SHOOTDOWN_REFERENCE_PROGRESS"] != nil ? progress : nil,
                reduction: configuration.reduction,
                storage: configuration.storage,
                threads: configuration.threads
            )
            let result = Checker(system: system, specification: Specification(invariants: [CowOrderReference.noStaleRead]), options: options).run()
            let statistics = result.statistics
            #expect(result.invariants[0].holds)
            print(
                "| \(configuration.n) | \(configuration.reduction) | \(configuration.storage) | \(configuration.threads)",
                "| \(statistics.states) | \(statistics.transitions) | \(String(format: "%.3f", statistics.seconds))",
                "| \(String(format: "%.1f", statistics.bytesPerState))",
                "| \(String(format: "%.1f", Double(statistics.frontierBytes) / Double(max(statistics.states, 1))))",
                "| \(statistics.ampleStates) | \(statistics.provisoExpansions) |"
            )
        }
    }
}
