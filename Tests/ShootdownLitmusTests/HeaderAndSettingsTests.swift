import Testing
@testable import ShootdownLitmus

@Suite struct HeaderAndSettingsTests {
    @Test func minimalScenario() throws {
        let scenario = try parse("X86_64 a.b-c_d+e\nP0;")
        #expect(scenario.arch.value == "X86_64")
        #expect(scenario.name.value == "a.b-c_d+e")
        #expect(scenario.description == nil)
        #expect(scenario.settings.isEmpty && scenario.initial.isEmpty)
    }

    @Test func descriptionEscapesAndLines() throws {
        let scenario = try parse("arm64 t\n\"say \\\"hi\\\" \\\\ twice\n on two lines\"\nP0;")
        #expect(scenario.description == "say \"hi\" \\ twice\n on two lines")
    }

    @Test func settingsWithAttributes() throws {
        let scenario = try parse("""
            arm64 t
            iommu = smmuv3 btm=off ats = on pri
            policy=v6.2
            devices = 2 mode=fast-path.v2 +x -y
            P0;
            """)
        #expect(scenario.settings.count == 3)
        let iommu = scenario.settings[0]
        #expect(iommu.key.value == "iommu" && iommu.value.value == "smmuv3")
        #expect(iommu.attributes.map(\.name.value) == ["btm", "ats", "pri"])
        #expect(iommu.attributes.map { $0.value?.value } == ["off", "on", nil])
        #expect(iommu.attributes.map(\.name.location.column) == [16, 24, 33])
        #expect(iommu.attributes[1].value?.location.description == "t.litmus:2:30")
        let policy = scenario.settings[1]
        #expect(policy.key.location.description == "t.litmus:3:1")
        #expect(policy.value.location.description == "t.litmus:3:8")
        #expect(policy.attributes.isEmpty)
        let devices = scenario.settings[2]
        #expect(devices.value.integerValue == 2)
        #expect(devices.attributes.map(\.name.value) == ["mode", "+x", "-y"])
        #expect(devices.attributes[0].value?.value == "fast-path.v2")
    }

    @Test func settingsEndAtTheEndOfTheLine() throws {
        let scenario = try parse("arm64 t\na = b c\nd = e (* comment *) f\ng = h (* comment\n spanning *)\nP0;")
        #expect(scenario.settings.map(\.key.value) == ["a", "d", "g"])
        #expect(scenario.settings.map { $0.attributes.map(\.name.value) } == [["c"], ["f"], []])
        // A comment that spans lines ends the setting like any line break.
        let spanning = try #require(firstDiagnostic("arm64 t\nd = e (* comment\n spanning *) f\nP0;"))
        #expect(spanning.location.description == "t.litmus:3:15")
        #expect(spanning.message == "expected ';' to end the header row")
    }

    @Test(arguments: [
        ("", "t.litmus:1:1", "expected a header line 'ARCH NAME' naming the architecture and the test"),
        ("(* only a comment *)\n", "t.litmus:2:1", "expected a header line 'ARCH NAME' naming the architecture and the test"),
        ("9arm t\nP0;", "t.litmus:1:1", "expected a header line 'ARCH NAME' naming the architecture and the test"),
        ("arm64\nP0;", "t.litmus:1:6", "expected a test name after the architecture 'arm64'"),
        ("arm64 t extra\nP0;", "t.litmus:1:9", "expected the end of the header line after the test name"),
        ("arm64 t\npolicy =\nP0;", "t.litmus:2:9", "expected a value after 'policy ='"),
        ("arm64 t\npolicy = ;\nP0;", "t.litmus:2:10", "expected a value after 'policy ='"),
        ("arm64 t\niommu = smmuv3 btm=\nP0;", "t.litmus:2:20", "expected a value after 'btm='"),
        ("arm64 t\niommu = smmuv3 ; \nP0;", "t.litmus:2:16", "expected an attribute ('NAME' or 'NAME=VALUE') or the end of the line"),
        ("arm64 t\ntlb = 99999999999999999999\nP0;", "t.litmus:2:7", "the integer 99999999999999999999 does not fit in 64 bits"),
        ("arm64 t\n\"one\"\n\"two\"\nP0;", "t.litmus:3:1", "a description string may only follow the header line"),
        ("arm64 t\n{ }\npolicy = v6.2\nP0;", "t.litmus:3:1", "settings must come before the initial state block"),
        ("arm64 t\n\"unterminated\nP0;", "t.litmus:2:1", "unterminated string started here"),
        ("arm64 t\n\"bad \\n escape\"\nP0;", "t.litmus:2:6", "unknown escape '\\n' in string; only \\\" and \\\\ are allowed"),
        ("arm64 t\npolicy = v6.2 @\nP0;", "t.litmus:2:15", "unexpected character '@'"),
        ("arm64 t\npolicy = v6.2 \u{1}\nP0;", "t.litmus:2:15", "unexpected character U+0001"),
        ("arm64 t\npolicy = v6.2 é\nP0;", "t.litmus:2:15", "unexpected character 'é' (U+00E9)"),
        ("arm64 t\n", "t.litmus:1:8", "expected the thread table: a row of thread names separated by '|' and ended by ';'"),
        ("arm64 t\nexists x=1", "t.litmus:2:1", "expected the thread table: a row of thread names separated by '|' and ended by ';'"),
    ])
    func headerAndSettingErrors(source: String, location: String, message: String) throws {
        let diagnostic = try #require(firstDiagnostic(source))
        #expect(diagnostic.location.description == location)
        #expect(diagnostic.message == message)
    }
}
