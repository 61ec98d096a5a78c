import Testing
@testable import ShootdownLitmus

@Suite struct InitialStateTests {
    @Test func declarationsWithAndWithoutGroups() throws {
        let scenario = try parse("""
            arm64 t
            {
              page x: anon, value 0x10, pte rw clean;
              shared x y;
              fence;
              map DEV0 x y: asid -1;
              value z: 42
                ;
            }
            P0;
            """)
        let declarations = scenario.initial
        #expect(declarations.map(\.keyword.value) == ["page", "shared", "fence", "map", "value"])
        #expect(declarations.map { words($0.subjects) } == [["x"], ["x", "y"], [], ["DEV0", "x", "y"], ["z"]])
        #expect(declarations.map { $0.groups.map(words) } == [
            [["anon"], ["value", "0x10"], ["pte", "rw", "clean"]], [], [], [["asid", "-1"]], [["42"]],
        ])
        #expect(declarations.map(\.location.description) == [
            "t.litmus:3:3", "t.litmus:4:3", "t.litmus:5:3", "t.litmus:6:3", "t.litmus:7:3",
        ])
        #expect(declarations[0].groups[1][1].integerValue == 16)
        #expect(declarations[3].groups[0][1].integerValue == -1)
        #expect(declarations[3].groups[0][1].location.description == "t.litmus:6:22")
    }

    @Test func emptyBlockOnOneLine() throws {
        let scenario = try parse("arm64 t\n{}\nP0;")
        #expect(scenario.initial.isEmpty)
        #expect(try parse("arm64 t\n{ page x; }\nP0;").initial.map(\.keyword.value) == ["page"])
    }

    @Test(arguments: [
        ("{\n page x: ;\n}", "t.litmus:3:10", "expected a word after ':'"),
        ("{\n page x: anon, ;\n}", "t.litmus:3:16", "expected a word after ','"),
        ("{\n page x: anon\n page y: anon;\n}", "t.litmus:3:14", "expected ';' to end the declaration"),
        ("{\n page x\n page y: anon, value 0\n}", "t.litmus:3:8", "expected ';' to end the declaration"),
        ("{\n page x: anon }", "t.litmus:3:15", "expected ',' or ';'"),
        ("{\n page x }", "t.litmus:3:9", "expected ':' or ';' after the declaration"),
        ("{\n page x: anon;\n = 1;\n}", "t.litmus:4:2", "expected a declaration or '}'"),
        ("{\n page x: value 99999999999999999999;\n}", "t.litmus:3:16", "the integer 99999999999999999999 does not fit in 64 bits"),
        ("{\n page x: anon;\n", "t.litmus:5:4", "expected '}' to close the initial state block opened at 2:1"),
    ])
    func declarationErrors(block: String, location: String, message: String) throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n\(block)\nP0;\n"))
        #expect(diagnostic.location.description == location)
        #expect(diagnostic.message == message)
    }

    @Test func missingClosingBraceBeforeTheTable() throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n{\n page x: anon;\n P0 | P1 ;\n"))
        #expect(diagnostic.message == "expected '}' to close the initial state block opened at 2:1")
        #expect(diagnostic.location.description == "t.litmus:4:2")
    }
}
