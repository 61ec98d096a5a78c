import ShootdownModel
import Testing
@testable import ShootdownLitmus

/// The dmirror commands of MIR threads, rendezvous, PROT_NONE and unmapped pages, and the
/// constants conditions compare their registers with.
@Suite struct DmirrorTests {
    static let base = """
    arm64 t
    mirror = hmm
    { page x: anon, value 1, pte rw dirty; page z: anon, cow, value 1, pte ro; }
     CPU0         | MIR0                  ;
                  | r = READ(x)           ;
                  | e = WRITE(x, 5)       ;
     rendezvous() | rendezvous()          ;
                  | m = MIGRATE_TO_DEV(x) ;
                  | s = SNAPSHOT(x)       ;
                  | RELEASE()             ;
    exists (MIR0:r=1 /\\ MIR0:r.faults=1 /\\ MIR0:e=-EPERM /\\ MIR0:s=DEV_PRIVATE_LOCAL|WRITE /\\ other_mm(z, 1))
    """

    func lower(_ source: String) throws(LitmusError) -> Scenario {
        try ScenarioLowering.load(source: source, file: "t.litmus")
    }

    /// The first diagnostic lowering `source` reports, rendered.
    func diagnostic(_ source: String) -> String? {
        do throws(LitmusError) {
            _ = try lower(source)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func commandsLowerToOperations() throws {
        let scenario = try lower(Self.base)
        let mirror = scenario.configuration.threads[1]
        #expect(mirror.kind == .mirror)
        #expect(mirror.operations == [
            .dmirror(.read, page: 0, result: 0), .dmirror(.write(value: 5), page: 0, result: 1), .rendezvous,
            .dmirror(.migrateToDevice, page: 0, result: 2), .dmirror(.snapshot, page: 0, result: 3),
            .dmirror(.release, page: 0, result: nil),
        ])
        #expect(mirror.registers == ["r", "e", "m", "s", "r.faults"])
        #expect(mirror.faultCounters == [0: 4])
        #expect(scenario.configuration.threads[0].operations == [.rendezvous])
    }

    @Test func conditionConstants() throws {
        let scenario = try lower(Self.base)
        let expected: StatePredicate = .and(.and(.and(.and(
            .register(thread: 1, register: 0, value: 1),
            .register(thread: 1, register: 4, value: 1)),
            .register(thread: 1, register: 1, value: DmirrorError.eperm.value)),
            .register(thread: 1, register: 3, value: 0x22)),
            .otherMM(page: 1, value: 1))
        #expect(scenario.final?.predicate == expected)
        #expect(DmirrorError.eperm.value == -1 && DmirrorError.efault.value == -14 && DmirrorError.einval.value == -22)
    }

    @Test func snapshotBytesParseAcrossBars() throws {
        let ast = try parse("arm64 t\n MIR0 ;\nexists (MIR0:s=ZERO|READ /\\ MIR0:t!=NONE)\n")
        guard case let .and(.atom(.register(_, _, _, value)), _)? = ast.final?.expression else {
            Issue.record("\(String(describing: ast.final))")
            return
        }
        #expect(value.value == "ZERO|READ")
        #expect(value.location.description == "t.litmus:3:16")
    }

    @Test("misuse is reported at the word, with a suggestion", arguments: [
        ("m = MIGRATE_TO_DEV(x)", "m = MIGRATE_TO_DEVICE(x)",
         "t.litmus:8:21: error: unknown dmirror command 'MIGRATE_TO_DEVICE'", "MIGRATE_TO_DEV"),
        ("MIR0:e=-EPERM", "MIR0:e=-EPRM", "t.litmus:11:47: error: a register holds an integer", "-EPERM"),
        ("DEV_PRIVATE_LOCAL|WRITE", "DEV_PRIVATE_LOCAL|WRTIE",
         "t.litmus:11:82: error: a register holds an integer", "WRITE"),
        ("e = WRITE(x, 5)", "e = WRITE(x)", "t.litmus:6:21: error: WRITE takes a page and a value", nil),
        ("RELEASE()", "RELEASE(x)", "t.litmus:10:25: error: RELEASE takes no argument", nil),
        ("other_mm(z, 1)", "other_mm(x, 1)", "t.litmus:11:100: error: page 'x' is shared with no other address space", nil),
    ])
    func located(original: String, replacement: String, expected: String, suggestion: String?) throws {
        let message = try #require(diagnostic(Self.base.replacingOccurrences(of: original, with: replacement)))
        #expect(message.hasPrefix(expected), "\(message)")
        if let suggestion { #expect(message.contains("did you mean '\(suggestion)'?"), "\(message)") }
    }

    @Test func constantsMustFitTheRegister() throws {
        let snapshotOnValue = try #require(diagnostic(Self.base.replacingOccurrences(of: "MIR0:s=DEV", with: "MIR0:r=DEV")))
        #expect(snapshotOnValue.contains("is a SNAPSHOT byte, but register r is not written by SNAPSHOT"))
        let load = Self.base.replacingOccurrences(of: "r = READ(x)", with: "r = *x")
            .replacingOccurrences(of: "MIR0:r=1 /\\ MIR0:r.faults=1", with: "MIR0:r=-EFAULT")
        let errorOnLoad = try #require(diagnostic(load))
        #expect(errorOnLoad.contains("register r holds a loaded value, not an error code"))
    }

    @Test func commandsBelongToHMMMirrors() throws {
        let onCPU = try #require(diagnostic(Self.base.replacingOccurrences(of: " rendezvous() | rendezvous()",
                                                                           with: " m2 = READ(x) | rendezvous()")))
        #expect(onCPU.contains("t.litmus:7:7: error: READ is a dmirror ioctl: only MIR… threads of an HMM mirror"))
        let kvm = try #require(diagnostic(Self.base.replacingOccurrences(of: "mirror = hmm", with: "mirror = kvm")))
        #expect(kvm.contains("needs a range subscriber") || kvm.contains("is an HMM mirror device"))
    }

    @Test func rendezvousTakesNothing() throws {
        let withArgument = try #require(diagnostic(Self.base.replacingOccurrences(of: " rendezvous() | rendezvous()",
                                                                                 with: " rendezvous(x) | rendezvous()")))
        #expect(withArgument.hasPrefix("t.litmus:7:13: error: rendezvous takes no argument"))
    }

    @Test func protNoneAndUnmappedPages() throws {
        let scenario = try lower("""
        arm64 t
        { page a: anon, vma none, value 1, pte rw dirty; page b: anon, unmapped; }
         CPU0              ;
         mprotect(a, none) ;
        """)
        #expect(scenario.configuration.pages.map(\.protNone) == [true, false])
        #expect(scenario.configuration.pages.map(\.unmapped) == [false, true])
        #expect(scenario.configuration.pages[1].mapping == .none)
        #expect(scenario.configuration.threads[0].operations == [.kernel(.mprotectNone, page: 0)])
        let unmappedPTE = try #require(diagnostic("arm64 t\n{ page b: anon, unmapped, pte rw; }\n CPU0 ;\n *b = 1 ;\n"))
        #expect(unmappedPTE.hasPrefix("t.litmus:2:27: error: an unmapped page (no VMA) has no PTE but 'pte none'"))
        let cached = try #require(diagnostic("arm64 t\n{ page a: vma none, pte rw; iotlb a: ro; }\n CPU0 ;\n *a = 1 ;\n"))
        #expect(cached.hasPrefix("t.litmus:2:35: error: page 'a' is PROT_NONE: no translation of it can be cached"))
        let protection = try #require(diagnostic("arm64 t\n{ page a: pte rw; }\n CPU0 ;\n mprotect(a, nnoe) ;\n"))
        #expect(protection.contains("unknown protection 'nnoe' (known: ro, rw, none)"))
        #expect(protection.contains("did you mean 'none'?"))
    }
}
