import Testing
@testable import ShootdownLitmus

@Suite struct ExampleTests {
    let scenario: ScenarioAST

    init() throws {
        scenario = try LitmusParser.parse(source: Fixtures.example, file: "Scenarios/upgrade.litmus")
    }

    @Test func header() {
        #expect(scenario.arch.value == "arm64")
        #expect(scenario.arch.location.description == "Scenarios/upgrade.litmus:1:1")
        #expect(scenario.name.value == "upgrade-livelock-v6.2")
        #expect(scenario.name.location.description == "Scenarios/upgrade.litmus:1:7")
        #expect(scenario.description == "Device write to a writable-clean PTE; SMMUv3 without BTM under v6.2 faults forever")
        #expect(scenario.source == Fixtures.example)
    }

    @Test func settings() {
        #expect(scenario.settings.map(\.key.value) == ["policy", "iommu", "tlb-capacity"])
        #expect(scenario.settings.map(\.value.value) == ["v6.2", "smmuv3", "2"])
        let iommu = scenario.settings[1]
        #expect(iommu.key.location == SourceLocation(file: "Scenarios/upgrade.litmus", line: 5, column: 1))
        #expect(iommu.value.location.description == "Scenarios/upgrade.litmus:5:10")
        #expect(iommu.attributes.map(\.name.value) == ["btm", "ats"])
        #expect(iommu.attributes.map { $0.value?.value } == ["off", "off"])
        #expect(iommu.attributes[1].value?.location.description == "Scenarios/upgrade.litmus:5:29")
        #expect(scenario.settings[0].attributes.isEmpty)
        #expect(scenario.settings[2].value.integerValue == 2)
    }

    @Test func initialState() {
        #expect(scenario.initial.count == 3)
        let x = scenario.initial[0]
        #expect(x.keyword.value == "page")
        #expect(words(x.subjects) == ["x"])
        #expect(x.groups.map(words) == [["anon"], ["value", "0"], ["pte", "rw", "clean"]])
        #expect(x.location.description == "Scenarios/upgrade.litmus:8:3")
        #expect(x.groups[2][2].location.description == "Scenarios/upgrade.litmus:8:33")
        #expect(scenario.initial[1].groups.map(words) == [["anon"], ["value", "0"], ["pte", "none"]])
        let iotlb = scenario.initial[2]
        #expect(iotlb.keyword.value == "iotlb")
        #expect(words(iotlb.subjects) == ["DEV0", "x"])
        #expect(iotlb.groups.map(words) == [["ro"]])
        #expect(iotlb.subjects[0].location.description == "Scenarios/upgrade.litmus:10:9")
    }

    @Test func threads() throws {
        #expect(scenario.threads.map(\.name.value) == ["CPU0", "DEV0"])
        #expect(scenario.threads[1].name.location.description == "Scenarios/upgrade.litmus:12:18")
        let cpu = scenario.threads[0].operations
        let device = scenario.threads[1].operations
        #expect(cpu.map(\.text) == ["*x = 1", "munmap(x)"])
        #expect(device.map(\.text) == ["r0 = *x", "*x = 2", "r1 = *y"])
        #expect(device.map(\.location.description) == [
            "Scenarios/upgrade.litmus:13:18", "Scenarios/upgrade.litmus:14:18", "Scenarios/upgrade.litmus:15:18",
        ])
        guard case .write(let location, let value) = cpu[0].kind else {
            Issue.record("expected a write, got \(cpu[0].kind)")
            return
        }
        #expect(location.value == "x")
        #expect(location.location.description == "Scenarios/upgrade.litmus:13:3")
        #expect(value.value == .integer(1))
        #expect(value.location.description == "Scenarios/upgrade.litmus:13:7")
        guard case .call(nil, let name, let arguments) = cpu[1].kind else {
            Issue.record("expected a call, got \(cpu[1].kind)")
            return
        }
        #expect(name.value == "munmap")
        #expect(arguments.map(\.location.description) == ["Scenarios/upgrade.litmus:14:9"])
        guard case .read(let register, let read) = device[2].kind else {
            Issue.record("expected a read, got \(device[2].kind)")
            return
        }
        #expect(register.value == "r1")
        #expect(read.value == "y")
        #expect(read.location.description == "Scenarios/upgrade.litmus:15:24")
    }

    @Test func conditions() throws {
        let final = try #require(scenario.final)
        #expect(final.quantifier == .exists)
        #expect(final.location.description == "Scenarios/upgrade.litmus:16:1")
        #expect(final.text == #"(DEV0:r0=1 /\ x=2 \/ ~(CPU0:r1=0))"#)
        #expect(final.expression.render() == #"DEV0:r0=1 /\ x=2 \/ ~CPU0:r1=0"#)
        #expect(shape(final.expression) == "[[DEV0:r0=1 & x=2] | ~[CPU0:r1=0]]")
        guard case .or(.and(.atom(.register(let thread, let register, true, let value)), _), _) = final.expression else {
            Issue.record("unexpected shape \(final.expression)")
            return
        }
        #expect(thread.location.description == "Scenarios/upgrade.litmus:16:9")
        #expect(register.location.description == "Scenarios/upgrade.litmus:16:14")
        #expect(value.value == "1")
        #expect(value.location.description == "Scenarios/upgrade.litmus:16:17")

        #expect(scenario.eventualities.count == 1)
        #expect(scenario.eventualities[0].text == "done(DEV0)")
        #expect(scenario.eventualities[0].location.description == "Scenarios/upgrade.litmus:17:1")
        guard case .atom(.predicate(let name, let arguments)) = scenario.eventualities[0].expression else {
            Issue.record("expected a predicate")
            return
        }
        #expect(name.value == "done")
        #expect(words(arguments) == ["DEV0"])
        #expect(arguments[0].location.description == "Scenarios/upgrade.litmus:17:17")
    }

    @Test func expectations() {
        let file = "Scenarios/upgrade.litmus"
        #expect(scenario.expectations == [
            .result(Located("Never", at: SourceLocation(file: file, line: 18, column: 9))),
            .expect(
                property: Located("eventually", at: SourceLocation(file: file, line: 19, column: 9)),
                verdict: Located("violated", at: SourceLocation(file: file, line: 19, column: 20))
            ),
            .expect(
                property: Located("no-freed-frame-access", at: SourceLocation(file: file, line: 20, column: 9)),
                verdict: Located("holds", at: SourceLocation(file: file, line: 20, column: 31))
            ),
        ])
    }

    @Test func parsesTheSameWithoutATrailingNewlineOrWithCRLF() throws {
        let trimmed = String(Fixtures.example.dropLast())
        let withoutNewline = try parse(trimmed)
        let original = try parse(Fixtures.example)
        #expect(withoutNewline.threads == original.threads)
        #expect(withoutNewline.expectations == original.expectations)
        let crlf = Fixtures.example.replacingAll("\n", with: "\r\n")
        let windows = try parse(crlf)
        #expect(windows.final?.location.description == "t.litmus:16:1")
        #expect(windows.expectations.count == 3)
        #expect(windows.threads[1].operations.map(\.text) == ["r0 = *x", "*x = 2", "r1 = *y"])
    }
}

extension String {
    /// The string with every `target` scalar sequence replaced.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
