import Testing
@testable import ShootdownLitmus

@Suite struct OperationTests {
    @Test func everyOperationForm() throws {
        let scenario = try parse("""
            arm64 operations
             P0 ;
             r0 = *x ;
             *x = 1 ;
             *x = -5 ;
             *x = 0x1F ;
             *x = r0 ;
             munmap(x) ;
             mprotect(x, ro) ;
             fence() ;
             r1 = read_once(x, 0x10) ;
             r2 = fence() ;
             ;
             *page.b = -0x10 ;
            """)
        let operations = scenario.threads[0].operations
        try #require(operations.count == 11)
        #expect(operations.map(\.text) == [
            "r0 = *x", "*x = 1", "*x = -5", "*x = 0x1F", "*x = r0", "munmap(x)", "mprotect(x, ro)", "fence()",
            "r1 = read_once(x, 0x10)", "r2 = fence()", "*page.b = -0x10",
        ])
        #expect(operations.map(\.location.line) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14])
        #expect(operations.allSatisfy { $0.location.column == 2 })

        guard case .read(let register, let location) = operations[0].kind else {
            Issue.record("\(operations[0].kind)")
            return
        }
        #expect(register.value == "r0" && register.location.column == 2)
        #expect(location.value == "x" && location.location.column == 8)

        let writes: [ValueAST] = operations[1...4].compactMap {
            if case .write(_, let value) = $0.kind { value.value } else { nil }
        }
        #expect(writes == [.integer(1), .integer(-5), .integer(31), .register("r0")])
        #expect(operations[10].kind == .write(
            location: Located("page.b", at: SourceLocation(file: "t.litmus", line: 14, column: 3)),
            value: Located(.integer(-16), at: SourceLocation(file: "t.litmus", line: 14, column: 12))
        ))

        guard case .call(nil, let name, let arguments) = operations[6].kind else {
            Issue.record("\(operations[6].kind)")
            return
        }
        #expect(name.value == "mprotect")
        #expect(words(arguments) == ["x", "ro"])
        #expect(arguments.map(\.location.column) == [11, 14])

        guard case .call(nil, let fence, let none) = operations[7].kind else {
            Issue.record("\(operations[7].kind)")
            return
        }
        #expect(fence.value == "fence" && none.isEmpty)

        guard case .call(let result?, let read, let readArguments) = operations[8].kind else {
            Issue.record("\(operations[8].kind)")
            return
        }
        #expect(result.value == "r1" && result.location.column == 2)
        #expect(read.value == "read_once" && read.location.column == 7)
        #expect(words(readArguments) == ["x", "0x10"])
        #expect(readArguments[1].integerValue == 16)

        guard case .call(let result2?, let fence2, let none2) = operations[9].kind else {
            Issue.record("\(operations[9].kind)")
            return
        }
        #expect(result2.value == "r2" && fence2.value == "fence" && none2.isEmpty)
    }

    @Test func emptyCellsAreNoOperation() throws {
        let scenario = try parse("""
            arm64 t
             P0 | P1 | P2 ;
                | *x = 1 | ;
             r0 = *x | | ;
             | | fence() ;
            """)
        #expect(scenario.threads.map { $0.operations.map(\.text) } == [["r0 = *x"], ["*x = 1"], ["fence()"]])
        #expect(scenario.threads[2].operations[0].location.description == "t.litmus:5:6")
    }

    @Test func cellTextLeavesOutCommentsAndJoinsSpaces() throws {
        let scenario = try parse("arm64 t\n P0 ;\n mprotect( x ,(* why *)ro )   ;\n r0 =\n   *x ;\n")
        #expect(scenario.threads[0].operations.map(\.text) == ["mprotect( x , ro )", "r0 = *x"])
    }

    @Test func threadTableWithoutRows() throws {
        let scenario = try parse("arm64 t\nP0 | DEV0;\nexists x=0")
        #expect(scenario.threads.map(\.name.value) == ["P0", "DEV0"])
        #expect(scenario.threads.allSatisfy { $0.operations.isEmpty })
    }

    @Test func extremeIntegers() throws {
        let scenario = try parse("""
            arm64 t
             P0 ;
             *x = -9223372036854775808 ;
             *x = 9223372036854775807 ;
             *x = 0x7fffffffffffffff ;
            """)
        let values = scenario.threads[0].operations.compactMap { operation -> ValueAST? in
            if case .write(_, let value) = operation.kind { value.value } else { nil }
        }
        #expect(values == [.integer(.min), .integer(.max), .integer(.max)])
    }

    @Test(arguments: [
        (" 1 = *x ;", "t.litmus:3:2", "expected a register name, found '1'"),
        (" *x = 1abc ;", "t.litmus:3:7", "expected an integer or a register after '=', found '1abc'"),
        (" *x = 99999999999999999999 ;", "t.litmus:3:7", "the integer 99999999999999999999 does not fit in 64 bits"),
        (" *x = 0x10000000000000000 ;", "t.litmus:3:7", "the integer 0x10000000000000000 does not fit in 64 bits"),
        (" *x = ;", "t.litmus:3:7", "expected an integer or a register after '='"),
        (" *x 1 ;", "t.litmus:3:5", "expected '=' after '*x'"),
        (" * = 1 ;", "t.litmus:3:4", "expected a location after '*'"),
        (" r0 = x ;", "t.litmus:3:7", "expected '*LOCATION' or a call after '='"),
        (" r0 = * ;", "t.litmus:3:9", "expected a location after '*'"),
        (" munmap x ;", "t.litmus:3:9", "expected '=' or '(' after 'munmap'"),
        (" munmap(x ;", "t.litmus:3:11", "expected ',' or ')' to close the '(' at 3:8"),
        (" munmap(x,) ;", "t.litmus:3:11", "expected an argument"),
        (" munmap(x) fence() ;", "t.litmus:3:12", "expected '|' or ';'"),
        (" : ;", "t.litmus:3:2", "expected an operation, '|' or ';'"),
    ])
    func operationErrors(row: String, location: String, message: String) throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 ;\n\(row)\n"))
        #expect(diagnostic.location.description == location)
        #expect(diagnostic.message == message)
    }
}
