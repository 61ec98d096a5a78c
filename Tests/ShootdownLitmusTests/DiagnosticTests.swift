import Testing
@testable import ShootdownLitmus

@Suite struct DiagnosticTests {
    @Test func missingSemicolonAtTheEndOfARow() throws {
        let diagnostic = try #require(firstDiagnostic("""
            arm64 t
             P0 | P1 ;
             *x = 1 | r0 = *x
             munmap(x) | ;
            """))
        #expect(diagnostic.message == "expected ';' to end the row")
        #expect(diagnostic.location.description == "t.litmus:3:18")
        #expect(diagnostic.description == """
            t.litmus:3:18: error: expected ';' to end the row
             3 |  *x = 1 | r0 = *x
               |                  ^
            """)
    }

    @Test func missingSemicolonAtTheEndOfTheFile() throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 | P1 ;\n *x = 1 |"))
        #expect(diagnostic.message == "expected ';' to end the row")
        #expect(diagnostic.location.description == "t.litmus:3:10")
    }

    @Test func missingSeparatorInsideARow() throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 | P1 ;\n munmap(x) mumap(y) ;\n"))
        #expect(diagnostic.message == "expected '|' or ';'")
        #expect(diagnostic.description == """
            t.litmus:3:12: error: expected '|' or ';'
             3 |  munmap(x) mumap(y) ;
               |            ^
            """)
    }

    @Test func missingSeparatorInTheHeaderRow() throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 P1 ;\n"))
        #expect(diagnostic.message == "expected '|' or ';'")
        #expect(diagnostic.location.description == "t.litmus:2:5")
        let unended = try #require(firstDiagnostic("arm64 t\n P0 | P1\n *x = 1 | ;\n"))
        #expect(unended.message == "expected ';' to end the header row")
        #expect(unended.location.description == "t.litmus:2:9")
        let empty = try #require(firstDiagnostic("arm64 t\n P0 | ;\n"))
        #expect(empty.message == "expected a thread name")
        #expect(empty.location.description == "t.litmus:2:7")
    }

    @Test func unterminatedComment() throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 ;\n *x = 1 ; (* never\n closed (* nested *)\n"))
        #expect(diagnostic.description == """
            t.litmus:3:11: error: unterminated comment started here
             3 |  *x = 1 ; (* never
               |           ^
            """)
    }

    @Test func earlierErrorWinsOverLaterUnreadableText() throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 ;\n *x = ;\n (* never closed\n"))
        #expect(diagnostic.message == "expected an integer or a register after '='")
        #expect(diagnostic.location.description == "t.litmus:3:7")
    }

    @Test func threadDeclaredTwice() throws {
        let all = diagnostics("arm64 t\n CPU0 | DEV0 | CPU0 ;\n *x = 1 | | ;\n")
        #expect(all.count == 1)
        let diagnostic = try #require(all.first)
        #expect(diagnostic.description == """
            t.litmus:2:16: error: thread CPU0 is declared twice
             2 |  CPU0 | DEV0 | CPU0 ;
               |                ^
            """)
    }

    @Test func rowWithTheWrongNumberOfCells() throws {
        let all = diagnostics("""
            arm64 t
             CPU0 | DEV0 ;
             *x = 1 | r0 = *x | fence() ;
             munmap(x) ;
             | ;
            """)
        #expect(all.map(\.message) == [
            "the row has 3 cells but the header names 2 threads",
            "the row has 1 cell but the header names 2 threads",
        ])
        #expect(all.map(\.location.description) == ["t.litmus:3:2", "t.litmus:4:2"])
        #expect(all[0].description == """
            t.litmus:3:2: error: the row has 3 cells but the header names 2 threads
             3 |  *x = 1 | r0 = *x | fence() ;
               |  ^
            """)
    }

    @Test func recoverableErrorsComeBeforeALaterSyntaxError() throws {
        let all = diagnostics("arm64 t\n P0 | P0 ;\n *x = 1 ;\n *x = 2 | ;\nexists (x=1\n")
        #expect(all.map(\.message) == [
            "thread P0 is declared twice",
            "the row has 1 cell but the header names 2 threads",
            "expected ')' to close the '(' at 5:8",
        ])
        #expect(all.map(\.location.description) == ["t.litmus:2:7", "t.litmus:3:2", "t.litmus:5:12"])
    }

    @Test func collectingStopsAtTwentyErrors() {
        let header = Array(repeating: "P0", count: 40).joined(separator: " | ")
        let all = diagnostics("arm64 t\n\(header) ;\n ;\n")
        #expect(all.count == 20)
        #expect(all.allSatisfy { $0.message == "thread P0 is declared twice" })
    }

    @Test func misspeltConditionKeywordAfterTheTable() throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 ;\n *x = 1 ;\nexsits (x=1)\n"))
        #expect(diagnostic.description == """
            t.litmus:4:1: error: expected a condition (exists, ~exists, forall or eventually) or an expectation (Result:, Expect:)
             4 | exsits (x=1)
               | ^
            note: did you mean 'exists'?
            """)
    }

    @Test(arguments: [
        ("Forall x=1", "t.litmus:4:1", "expected a condition (exists, ~exists, forall or eventually) or an expectation (Result:, Expect:)", "forall"),
        ("eventualy done(P0)", "t.litmus:4:1", "expected a condition (exists, ~exists, forall or eventually) or an expectation (Result:, Expect:)", "eventually"),
        ("~exsits x=1", "t.litmus:4:2", "expected 'exists' after '~'", "exists"),
        ("~ (x=1)", "t.litmus:4:3", "expected 'exists' after '~'", nil),
        ("exists x=1\nResutl: Never", "t.litmus:5:1", "expected a condition (exists, ~exists, forall or eventually) or an expectation (Result:, Expect:)", "Result"),
        ("result: Never", "t.litmus:4:1", "expected a condition (exists, ~exists, forall or eventually) or an expectation (Result:, Expect:)", "Result"),
        ("Result Never", "t.litmus:4:7", "expected ':' after 'Result'", nil),
        ("Result: Never\nExpcet: final holds", "t.litmus:5:1", "expected an expectation (Result:, Expect:) or the end of the file", "Expect"),
        ("Result: Never\nexists x=1", "t.litmus:5:1", "conditions must come before the expectations", nil),
        ("Result: Never\n~exists x=1", "t.litmus:5:1", "conditions must come before the expectations", nil),
        ("exists x=1\nlocations [x;]", "t.litmus:5:1", "expected a condition (exists, ~exists, forall or eventually) or an expectation (Result:, Expect:)", nil),
        ("exists x=1\nforall x=2", "t.litmus:5:1", "only one final condition (exists, ~exists or forall) may be given; the first is at 4:1", nil),
        ("exists x=1 y=2", "t.litmus:4:12", "expected '/\\', '\\/' or the end of the condition", nil),
        ("exists (x=1 y=2)", "t.litmus:4:13", "expected ')' to close the '(' at 4:8", nil),
        ("exists x", "t.litmus:4:9", "expected ':', '=', '!=' or '(' after 'x'", nil),
        ("exists x=", "t.litmus:4:10", "expected a value after '='", nil),
        ("exists P0:1=1", "t.litmus:4:11", "expected a register name after 'P0:'", nil),
        ("exists P0:r0 1", "t.litmus:4:14", "expected '=' or '!=' after 'P0:r0'", nil),
        ("exists done()", "t.litmus:4:13", "expected an argument after '('", nil),
        ("exists done(P0 P1)", "t.litmus:4:16", "expected ',' or ')' to close the '(' at 4:12", nil),
        ("exists x=1 \\/", "t.litmus:4:14", "expected a condition such as 'x=1', 'P0:r0=1' or 'done(P0)'", nil),
        ("exists x=1 /\\ | ", "t.litmus:4:15", "expected a condition such as 'x=1', 'P0:r0=1' or 'done(P0)'", nil),
        ("Result:\nNever", "t.litmus:4:8", "expected an outcome after 'Result:' (Always, Sometimes or Never)", nil),
        ("Expect: final", "t.litmus:4:14", "expected a verdict after 'final', such as 'holds' or 'violated'", nil),
        ("Expect:", "t.litmus:4:8", "expected a property after 'Expect:', such as 'eventually' or 'no-freed-frame-access'", nil),
        ("Expect: final holds now", "t.litmus:4:21", "expected the end of the line after the verdict", nil),
        ("Result: Never Always", "t.litmus:4:15", "expected the end of the line after the outcome", nil),
    ] as [(String, String, String, String?)])
    func sectionErrors(tail: String, location: String, message: String, suggestion: String?) throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 ;\n *x = 1 ;\n\(tail)\n"))
        #expect(diagnostic.location.description == location)
        #expect(diagnostic.message == message)
        #expect(diagnostic.suggestion == suggestion)
    }

    @Test func renderingWithTabsAndWithoutASourceLine() {
        let tabbed = Diagnostic.error(
            "unknown operation 'mumap'", at: SourceLocation(file: "a.litmus", line: 2, column: 4),
            in: "arm64 t\n\tP0\t| mumap(y) ;\n", suggestion: "munmap"
        )
        #expect(tabbed.sourceLine == "\tP0\t| mumap(y) ;")
        #expect(tabbed.description == "a.litmus:2:4: error: unknown operation 'mumap'\n 2 | \tP0\t| mumap(y) ;\n   | \t  ^\nnote: did you mean 'munmap'?")

        let bare = Diagnostic(location: SourceLocation(file: "b.litmus", line: 12, column: 1), message: "no source")
        #expect(bare.description == "b.litmus:12:1: error: no source")

        let wide = Diagnostic.error("here", at: SourceLocation(file: "c", line: 10, column: 3), in: String(repeating: "\n", count: 9) + "ab\r\n")
        #expect(wide.sourceLine == "ab")
        #expect(wide.description == "c:10:3: error: here\n 10 | ab\n    |   ^")

        let beyond = Diagnostic.error("late", at: SourceLocation(file: "d", line: 5, column: 1), in: "one line")
        #expect(beyond.sourceLine == nil)

        let control = Diagnostic.error("odd", at: SourceLocation(file: "e", line: 1, column: 2), in: "a\u{1B}[31m")
        #expect(control.description == "e:1:2: error: odd\n 1 | a\u{FFFD}[31m\n   |  ^")
    }

    @Test func errorDescriptionJoinsDiagnostics() {
        let error = LitmusError(diagnostics: [
            Diagnostic(location: SourceLocation(file: "f", line: 1, column: 1), message: "one"),
            Diagnostic(location: SourceLocation(file: "f", line: 2, column: 1), message: "two", suggestion: "three"),
        ])
        #expect(error.description == "f:1:1: error: one\nf:2:1: error: two\nnote: did you mean 'three'?")
    }

    @Test func scenarioBuildsDiagnosticsFromItsSource() throws {
        let scenario = try parse(Fixtures.example)
        let name = scenario.threads[0].operations[1].kind
        guard case .call(_, let munmap, _) = name else {
            Issue.record("expected a call")
            return
        }
        let diagnostic = scenario.error("unknown operation '\(munmap.value)'", at: munmap.location, suggestion: "mmap")
        #expect(diagnostic.description == """
            t.litmus:14:2: error: unknown operation 'munmap'
             14 |  munmap(x)     | *x = 2        ;
                |  ^
            note: did you mean 'mmap'?
            """)
    }
}
