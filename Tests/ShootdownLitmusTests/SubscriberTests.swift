import Foundation
import ShootdownModel
import Testing
@testable import ShootdownLitmus

/// The `subscriber` block: settings, callbacks and their statements, and what lowering refuses.
@Suite struct SubscriberTests {
    static let faultPath = """
        path drv_fault(x) {
          step mmap_read_lock "mmap_read_lock";
          step mirror_walk "follow_page_pte";
          step mmap_read_unlock "mmap_read_unlock";
          step mirror_lock "mutex_lock";
          step mirror_install "install";
          step mirror_unlock "mutex_unlock";
        }
        """

    /// A scenario with the fault path, `block`, `mirror = NAME` and one `MIR0` thread.
    static func scenario(_ block: String, mirror: String = "drv", thread: String = "MIR0") -> String {
        "arm64 t\nmirror = \(mirror)\n\(faultPath)\n\(block)\n{\n  page x: anon, value 1, pte rw dirty;\n}\n"
            + " CPU0 | \(thread) ;\n munmap(x) | r0 = *x ;\n"
    }

    static func lowered(_ block: String) throws -> SubscriberDefinition {
        let scenario = try ScenarioLowering.load(source: scenario(block), file: "t.litmus")
        return try #require(scenario.configuration.mirror?.definition)
    }

    static func problem(_ block: String, mirror: String = "drv", thread: String = "MIR0") -> Diagnostic? {
        do throws(LitmusError) {
            _ = try ScenarioLowering.load(source: scenario(block, mirror: mirror, thread: thread), file: "t.litmus")
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    static let interval = """
        subscriber drv in "drivers/misc/drv.c" {
          registration interval;
          sleeps yes;
          lock mutex;
          fault drv_fault;
          invalidate drv_invalidate {
            if own_migration return true;
            if blockable mutex_lock(mutex);
            if nonblockable mutex_trylock(mutex) else return false;
            mmu_interval_set_seq;
            drv_zap: mirror_erase;
            mutex_unlock(mutex);
            return true;
          }
        }
        """

    @Test func intervalSubscriberLowersStatementByStatement() throws {
        let definition = try Self.lowered(Self.interval)
        #expect(definition.name == "drv")
        #expect(definition.registration == .interval)
        #expect(definition.maySleep)
        #expect(definition.lockName == "mutex")
        #expect(definition.faultPath.name == "drv_fault")
        let file = "drivers/misc/drv.c"
        #expect(definition.invalidate == [
            SubscriberStatement(.ret(.true), when: .ownMigration, in: "drv_invalidate", file: file),
            SubscriberStatement(.lock(sleeps: true), when: .blockable, in: "drv_invalidate", file: file),
            SubscriberStatement(.trylock(failure: .false), when: .nonblockable, in: "drv_invalidate", file: file),
            SubscriberStatement(.setSeq, in: "drv_invalidate", file: file),
            SubscriberStatement(.erase, in: "drv_zap", file: file),
            SubscriberStatement(.unlock, in: "drv_invalidate", file: file),
            SubscriberStatement(.ret(.true), in: "drv_invalidate", file: file),
        ])
        #expect(definition.ops == NotifierOps())
    }

    @Test func rangeSubscriberHasStartEndAndRelease() throws {
        let definition = try Self.lowered("""
            subscriber drv {
              registration range;
              sleeps no;
              lock mmu_lock;
              fault drv_fault;
              invalidate_range_start {
                spin_lock(mmu_lock);
                mmu_invalidate_in_progress++;
                mirror_erase;
                flush_device_tlbs;
                spin_unlock(mmu_lock);
                return 0;
              }
              invalidate_range_end {
                mmu_invalidate_seq++;
                mmu_invalidate_in_progress--;
              }
              release { mirror_erase; }
            }
            """)
        #expect(definition.registration == .range)
        #expect(!definition.maySleep)
        #expect(definition.invalidate.map(\.action) == [.lock(sleeps: false), .inProgress(delta: 1), .erase, .flushDeviceTLBs,
                                                        .unlock, .ret(.zero)])
        #expect(definition.invalidate.allSatisfy { $0.function == "drv_invalidate_range_start" && $0.file == "t.litmus" })
        #expect(definition.invalidateEnd.map(\.action) == [.bumpSeq, .inProgress(delta: -1)])
        #expect(definition.release?.map(\.action) == [.erase])
        #expect(definition.ops == NotifierOps(release: true, invalidateRangeStart: true, invalidateRangeEnd: true))
    }

    @Test func aLibraryIncludeBringsPathsAndSubscribers() throws {
        let file = LanguageDocumentTests.root + "/Scenarios/subscribers/user-dmirror-anon-teardown.litmus"
        let scenario = try ScenarioLowering.load(source: try String(contentsOfFile: file, encoding: .utf8), file: file)
        let definition = try #require(scenario.configuration.mirror?.definition)
        #expect(definition.name == "dmirror_user")
        #expect(definition.faultPath.name == "dmirror_fault")
        #expect(scenario.configuration.mirror?.kind == .hmm)
    }

    @Test(arguments: [
        ("registration interval;", "registration intervall;", "unknown registration 'intervall'", "interval"),
        ("mmu_interval_set_seq;", "mmu_interval_set_sq;", "unknown statement 'mmu_interval_set_sq'", "mmu_interval_set_seq"),
        ("if blockable mutex_lock(mutex);", "if blockabel mutex_lock(mutex);", "unknown guard 'blockabel'", "blockable"),
        ("mutex_unlock(mutex);", "mutex_unlock(mutx);", "the driver's lock is 'mutex'", "mutex"),
        ("invalidate drv_invalidate {", "invalidat drv_invalidate {", "unknown callback 'invalidat'", "invalidate"),
        ("fault drv_fault;", "fault drv_falt;", "no path 'drv_falt' for the fault path", "drv_fault"),
        ("    return true;\n  }", "    return 0;\n  }", "'invalidate' returns true or false, not '0'", nil),
    ] as [(String, String, String, String?)])
    func mistakesAreLocatedWithSuggestions(original: String, broken: String, message: String, suggestion: String?) throws {
        let text = Self.interval.replacingOccurrences(of: original, with: broken)
        #expect(text != Self.interval)
        let diagnostic = try #require(Self.problem(text))
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        #expect(diagnostic.suggestion == suggestion)
        // Located on the edited line, in the file.
        #expect(diagnostic.location.file == "t.litmus")
        #expect(broken.contains(diagnostic.sourceLine?.trimmingCharacters(in: .whitespaces).split(separator: "\n").first.map(String.init) ?? "§"))
    }

    @Test func registrationDecidesCallbacksAndStatements() throws {
        let missing = try #require(Self.problem(Self.interval.replacingOccurrences(of: "  registration interval;\n", with: "")))
        #expect(missing.message.contains("needs 'registration interval;'"))
        let start = try #require(Self.problem(Self.interval.replacingOccurrences(of: "invalidate drv_invalidate", with: "invalidate_range_start drv_start")))
        #expect(start.message.contains("an interval notifier has only 'invalidate'"))
        let bump = try #require(Self.problem(Self.interval.replacingOccurrences(of: "mmu_interval_set_seq;", with: "mmu_invalidate_seq++;")))
        #expect(bump.message.contains("registered subscription's own count"))
        let trylock = try #require(Self.problem(Self.interval.replacingOccurrences(of: " else return false", with: "")))
        #expect(trylock.message.contains("mutex_trylock needs what to do when the lock is held"))
    }

    @Test func devicesAndCpuThreadsAreChecked() throws {
        let vcpu = try #require(Self.problem(Self.interval, thread: "VCPU0"))
        #expect(vcpu.message.contains("registers interval notifiers: name its devices MIR"))
        let unknown = try #require(Self.problem(Self.interval, mirror: "drvv"))
        #expect(unknown.message.contains("unknown range subscriber 'drvv'"))
        #expect(unknown.suggestion == "drv")
        let source = Self.scenario(Self.interval).replacingOccurrences(of: " munmap(x) | r0 = *x ;", with: " drv_fault(x) | r0 = *x ;")
        do throws(LitmusError) {
            _ = try ScenarioLowering.load(source: source, file: "t.litmus")
            Issue.record("a CPU thread ran the fault path")
        } catch {
            #expect(error.diagnostics.first?.message.contains("is subscriber drv's fault path") == true)
        }
    }
}
