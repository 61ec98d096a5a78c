import Testing
@testable import ShootdownLitmus

@Suite struct ExpressionTests {
    @Test(arguments: [
        // `/\` binds tighter than `\/`.
        (#"a=1 \/ b=1 /\ c=1"#, #"a=1 \/ b=1 /\ c=1"#, "[a=1 | [b=1 & c=1]]"),
        (#"a=1 /\ b=1 \/ c=1"#, #"a=1 /\ b=1 \/ c=1"#, "[[a=1 & b=1] | c=1]"),
        (#"(a=1 \/ b=1) /\ c=1"#, #"(a=1 \/ b=1) /\ c=1"#, "[[a=1 | b=1] & c=1]"),
        (#"a=1 /\ (b=1 \/ c=1)"#, #"a=1 /\ (b=1 \/ c=1)"#, "[a=1 & [b=1 | c=1]]"),
        // `~` binds tightest.
        (#"~a=1 /\ b=1"#, #"~a=1 /\ b=1"#, "[~[a=1] & b=1]"),
        (#"~(a=1 /\ b=1)"#, #"~(a=1 /\ b=1)"#, "~[[a=1 & b=1]]"),
        (#"~a=1 \/ ~b=1"#, #"~a=1 \/ ~b=1"#, "[~[a=1] | ~[b=1]]"),
        ("~~true", "~~true", "~[~[true]]"),
        // Both binary operators group to the left; explicit right grouping is kept.
        (#"a=1 /\ b=1 /\ c=1"#, #"a=1 /\ b=1 /\ c=1"#, "[[a=1 & b=1] & c=1]"),
        (#"a=1 /\ (b=1 /\ c=1)"#, #"a=1 /\ (b=1 /\ c=1)"#, "[a=1 & [b=1 & c=1]]"),
        (#"a=1 \/ b=1 \/ c=1"#, #"a=1 \/ b=1 \/ c=1"#, "[[a=1 | b=1] | c=1]"),
        (#"a=1 \/ (b=1 \/ c=1)"#, #"a=1 \/ (b=1 \/ c=1)"#, "[a=1 | [b=1 | c=1]]"),
        // Redundant parentheses disappear.
        ("((x=1))", "x=1", "x=1"),
        (#"(a=1 /\ b=1) \/ c=1"#, #"a=1 /\ b=1 \/ c=1"#, "[[a=1 & b=1] | c=1]"),
        // Atoms.
        ("P0:r0 = 1", "P0:r0=1", "P0:r0=1"),
        ("DEV0:r0!=fault", "DEV0:r0!=fault", "DEV0:r0!=fault"),
        ("x != -1", "x!=-1", "x!=-1"),
        ("y=0x10", "y=0x10", "y=0x10"),
        ("fault(DEV0,1)", "fault(DEV0, 1)", "fault(DEV0, 1)"),
        ("false", "false", "false"),
    ])
    func precedenceAndRendering(source: String, rendered: String, grouping: String) throws {
        let expression = try condition(source)
        #expect(expression.render() == rendered)
        #expect(expression.description == rendered)
        #expect(shape(expression) == grouping)
        // The rendering parses back to the same grouping.
        #expect(shape(try condition(rendered)) == grouping)
    }

    @Test func atomsKeepTheirParts() throws {
        let expression = try condition(#"P1:r2!=7 /\ z=w \/ done(P1, 3)"#)
        guard case .or(.and(.atom(let register), .atom(let memory)), .atom(let predicate)) = expression else {
            Issue.record("unexpected shape \(shape(expression))")
            return
        }
        let at = { (column: Int) in SourceLocation(file: "t.litmus", line: 3, column: column) }
        #expect(register == .register(
            thread: Located("P1", at: at(8)), register: Located("r2", at: at(11)), equals: false,
            value: Located("7", at: at(15))
        ))
        #expect(memory == .memory(location: Located("z", at: at(20)), equals: true, value: Located("w", at: at(22))))
        #expect(predicate == .predicate(
            name: Located("done", at: at(27)), arguments: [Located("P1", at: at(32)), Located("3", at: at(36))]
        ))
    }

    @Test func quantifiersAndLiveness() throws {
        let negated = try parse("arm64 t\n P0 ;\n~exists (x=1)\neventually done(P0)\neventually x=2\n")
        #expect(negated.final?.quantifier == .notExists)
        #expect(negated.final?.location.description == "t.litmus:3:1")
        #expect(negated.final?.text == "(x=1)")
        #expect(negated.eventualities.map(\.text) == ["done(P0)", "x=2"])
        #expect(negated.eventualities.map(\.location.line) == [4, 5])

        let spaced = try parse("arm64 t\n P0 ;\n~ exists x=1")
        #expect(spaced.final?.quantifier == .notExists)

        let universal = try parse("arm64 t\n P0 ;\neventually true\nforall\n  (x=1 \\/\n   x=2)\n")
        #expect(universal.final?.quantifier == .forall)
        #expect(universal.final?.text == #"(x=1 \/ x=2)"#)
        #expect(universal.final?.location.description == "t.litmus:4:1")
        #expect(universal.eventualities.count == 1)

        let none = try parse("arm64 t\n P0 ;\n")
        #expect(none.final == nil && none.eventualities.isEmpty && none.expectations.isEmpty)
    }

    @Test func nestingAndLengthAreBounded() throws {
        let deep = String(repeating: "(", count: 5000) + "x=1" + String(repeating: ")", count: 5000)
        let nested = try #require(firstDiagnostic("arm64 t\n P0 ;\nexists \(deep)\n"))
        #expect(nested.message == "the condition is nested too deeply (more than 100 levels)")
        #expect(nested.location.description == "t.litmus:3:108")

        let long = Array(repeating: "x=1", count: 5000).joined(separator: #" /\ "#)
        let tooLong = try #require(firstDiagnostic("arm64 t\n P0 ;\nexists \(long)\n"))
        #expect(tooLong.message == "the condition is too long (more than 1000 operators)")

        let negations = String(repeating: "~", count: 100_000) + "x=1"
        #expect(firstDiagnostic("arm64 t\n P0 ;\nexists \(negations)\n") != nil)

        let fine = Array(repeating: "x=1", count: 1000).joined(separator: #" \/ "#)
        #expect(try condition(fine).render() == fine)
    }
}
