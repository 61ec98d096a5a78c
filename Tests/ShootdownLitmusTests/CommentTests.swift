import Testing
@testable import ShootdownLitmus

@Suite struct CommentTests {
    @Test func nestedBlockAndLineComments() throws {
        let scenario = try parse("""
            (* a comment (* nested (* twice *) *) before the header
               spanning lines *)
            // and a line comment
            arm64 t (* after the name *) // and another
            (* between *) "described" // after the description
            policy = v6.2 (* inside a setting line *) fast
            { (* in the block *)
              page x: (* between groups *) anon, // end of a declaration line
                value 0;
            }
             P0 (* cell *) | P1 ;  // after the header row
             *x = 1 (* store *) | r0 = (* read *) *x ; (* after the row *)
             // a whole line of comment between rows
             (* and a block *) | fence() ;
            exists (* before the expression *) (x=1 (* inside *) /\\ P1:r0=1) // after
            (* trailing (* nested *) *)
            """)
        #expect(scenario.arch.location.description == "t.litmus:4:1")
        #expect(scenario.description == "described")
        #expect(scenario.settings.map { $0.attributes.map(\.name.value) } == [["fast"]])
        #expect(scenario.initial[0].groups.map(words) == [["anon"], ["value", "0"]])
        #expect(scenario.threads.map { $0.operations.map(\.text) } == [["*x = 1"], ["r0 = *x", "fence()"]])
        #expect(scenario.threads[1].operations[1].location.description == "t.litmus:14:22")
        #expect(scenario.final?.text == #"(x=1 /\ P1:r0=1)"#)
    }

    @Test func commentMarkersInsideOtherComments() throws {
        let scenario = try parse("arm64 t // (* not a block\n(* // not a line *) P0 ; (* \"not a string *)\n")
        #expect(scenario.threads.map(\.name.value) == ["P0"])
    }

    @Test func commentAtTheEndWithoutNewline() throws {
        #expect(try parse("arm64 t\nP0;\n// done").threads.count == 1)
        #expect(try parse("arm64 t\nP0;\n(* done *)").threads.count == 1)
    }

    @Test func unterminatedNestedComment() throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 ;\n  (* outer (* inner *)\n *x = 1 ;\n"))
        #expect(diagnostic.location.description == "t.litmus:3:3")
        #expect(diagnostic.message == "unterminated comment started here")
    }

    @Test func strayCommentCloserIsAnError() throws {
        let diagnostic = try #require(firstDiagnostic("arm64 t\n P0 ;\n *x = 1 *) ;\n"))
        #expect(diagnostic.location.description == "t.litmus:3:9")
        #expect(diagnostic.message == "expected '|' or ';'")
    }
}
