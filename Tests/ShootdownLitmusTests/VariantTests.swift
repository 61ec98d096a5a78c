import ShootdownModel
import Testing
@testable import ShootdownLitmus

/// The variants block, qualified expectations and a matrix given on the command line.
@Suite struct VariantTests {
    /// A one-page scenario with `header` (settings and a variants block) and `tail`
    /// (conditions and expectations).
    static func scenario(_ header: String, tail: String = "exists (x=2)\neventually done(DEV0)") -> String {
        """
        arm64 t
        \(header)
        {
          page x: anon, value 0, pte ro;
        }
         CPU0   | DEV0   ;
         *x = 1 | *x = 2 ;
        \(tail)
        """
    }

    static func matrix(_ source: String) throws(LitmusError) -> ScenarioMatrix {
        try ScenarioLowering.loadMatrix(source: source, file: "t.litmus")
    }

    /// The first diagnostic parsing and lowering `source` as a matrix throws.
    static func matrixError(_ source: String) -> Diagnostic? {
        do throws(LitmusError) {
            _ = try matrix(source)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    // MARK: - Parsing

    @Test func parsesAxesAlternativesAttributesAndConditions() throws {
        let ast = try parse(Self.scenario("""
            policy = v6.2
            variants {
              policy = v6.2 | patch-v2 |
                       v6.6
              arch   = arm64 | x86
              iommu  = smmuv3 ats=on (arm64) | vtd (arch=x86)
            }
            faults = handle
            """))
        let variants = try #require(ast.variants)
        #expect(variants.keyword.location.description == "t.litmus:3:1")
        #expect(variants.axes.map(\.key.value) == ["policy", "arch", "iommu"])
        #expect(variants.axes[0].alternatives.map(\.value.value) == ["v6.2", "patch-v2", "v6.6"])
        #expect(variants.axes[0].alternatives[2].value.location.description == "t.litmus:5:12")
        let smmu = variants.axes[2].alternatives[0]
        #expect(smmu.attributes.map(\.name.value) == ["ats"] && smmu.attributes[0].value?.value == "on")
        #expect(smmu.condition?.terms.first?.key == nil && smmu.condition?.terms.first?.values.map(\.value) == ["arm64"])
        let vtd = variants.axes[2].alternatives[1]
        #expect(vtd.condition?.terms.first?.key?.value == "arch")
        #expect(ast.settings.map(\.key.value) == ["policy", "faults"])
    }

    @Test func parsesQualifiedExpectationsApart() throws {
        let ast = try parse(Self.scenario("variants {\n  policy = v6.2 | v6.6\n}", tail: """
            exists (x=2)
            Result: Sometimes
            Result[policy=v6.2]: Never
            Expect[policy=v6.2|v6.6, arch=arm64]: eventually violated
            """))
        #expect(ast.expectations.count == 1)
        #expect(ast.variantExpectations.count == 2)
        let second = ast.variantExpectations[1]
        #expect(second.selector.terms.map { $0.key?.value } == ["policy", "arch"])
        #expect(second.selector.terms[0].values.map(\.value) == ["v6.2", "v6.6"])
        #expect(second.expectation == .expect(property: Located("eventually", at: .init(file: "t.litmus", line: 13, column: 39)),
                                             verdict: Located("violated", at: .init(file: "t.litmus", line: 13, column: 50))))
    }

    @Test func syntaxErrorsAreLocated() throws {
        let unclosed = try #require(firstDiagnostic(Self.scenario("variants {\n  arch = arm64 | x86\n  iommu = smmuv3 (arm64) | vtd (x86\n}")))
        #expect(unclosed.description == """
            t.litmus:4:36: error: expected ')' to close the '(' at 4:32
             4 |   iommu = smmuv3 (arm64) | vtd (x86
               |                                    ^
            """)
        let noEquals = try #require(firstDiagnostic(Self.scenario("variants {\n  policy v6.2\n}")))
        #expect(noEquals.message == "expected '=' after the axis 'policy', as in 'policy = A | B'")
        #expect(noEquals.location.description == "t.litmus:3:10")
        let empty = try #require(firstDiagnostic(Self.scenario("variants {\n}")))
        #expect(empty.message.hasPrefix("a variants block needs at least one axis"))
        let twice = try #require(firstDiagnostic(Self.scenario("variants {\n  arch = x86\n}\nvariants {\n  arch = arm64\n}")))
        #expect(twice.message == "only one variants block may be given; the first is at 2:1")
        #expect(twice.location.description == "t.litmus:5:1")
        let bar = try #require(firstDiagnostic(Self.scenario("variants {\n  arch = arm64 |\n}")))
        #expect(bar.message == "expected another value of 'arch' after '|'")
        let bracket = try #require(firstDiagnostic(Self.scenario("variants {\n  arch = arm64\n}", tail: "exists (x=2)\nResult[arch=arm64: Never")))
        #expect(bracket.message == "expected ']' to close the '[' at 11:7")
    }

    // MARK: - Lowering

    @Test func crossProductWithLabelsAndSettings() throws {
        let matrix = try Self.matrix(Self.scenario("""
            iommu = smmuv3 ats=on
            variants {
              policy = v6.2 | patch-v2 | v6.6
              btm    = on | off
            }
            """))
        #expect(matrix.isMatrix && matrix.axes == ["policy", "btm"])
        #expect(matrix.scenarios.map { $0.variant?.description } == [
            "policy=v6.2 btm=on", "policy=v6.2 btm=off", "policy=patch-v2 btm=on",
            "policy=patch-v2 btm=off", "policy=v6.6 btm=on", "policy=v6.6 btm=off",
        ])
        for scenario in matrix.scenarios {
            let variant = try #require(scenario.variant)
            #expect(scenario.configuration.policy.name == variant.value(of: "policy"))
            #expect(scenario.configuration.iommu.btm == (variant.value(of: "btm") == "on"))
            #expect(scenario.configuration.iommu.ats, "the file's own iommu attributes stay")
            #expect(scenario.name == "t")
        }
        #expect(matrix.skipped.isEmpty)
    }

    @Test func combinationsTheModelRejectsAreSkipped() throws {
        let matrix = try Self.matrix(Self.scenario("""
            variants {
              arch = arm64 | x86
              btm  = on | off
            }
            """))
        #expect(matrix.scenarios.map { $0.variant?.description } == ["arch=arm64 btm=on", "arch=arm64 btm=off", "arch=x86 btm=off"])
        #expect(matrix.scenarios.map(\.configuration.iommu.kind) == [.smmuv3, .smmuv3, .vtd])
        #expect(matrix.skipped == [SkippedVariant(variant: VariantLabel([.init(key: "arch", value: "x86"), .init(key: "btm", value: "on")]),
                                                  reason: "btm (broadcast TLB maintenance) is an SMMUv3 feature")])
        // An SMMUv3 named in the file does not fit x86: those variants are skipped too.
        let pinned = try Self.matrix(Self.scenario("iommu = smmuv3\nvariants {\n  arch = arm64 | x86\n}"))
        #expect(pinned.scenarios.count == 1 && pinned.skipped.count == 1)
        #expect(pinned.skipped[0].reason.hasPrefix("an SMMUv3 belongs to an arm64 system"))
        let none = Self.matrixError(Self.scenario("iommu = smmuv3\nvariants {\n  arch = x86\n}"))
        #expect(none?.message.hasPrefix("the model rejects every variant of this block") == true)
    }

    @Test func alternativesLimitedToEarlierAxesPairIOMMUsWithArchitectures() throws {
        let matrix = try Self.matrix(Self.scenario("""
            variants {
              arch  = arm64 | x86
              iommu = smmuv3 ats=on (arm64) | vtd (arch=x86)
              btm   = on (smmuv3) | off
            }
            """))
        #expect(matrix.scenarios.map { $0.variant?.description } == [
            "arch=arm64 iommu=smmuv3 btm=on", "arch=arm64 iommu=smmuv3 btm=off", "arch=x86 iommu=vtd btm=off",
        ])
        #expect(matrix.scenarios.map(\.configuration.architecture) == [.arm64, .arm64, .x86])
        #expect(matrix.scenarios.map(\.configuration.iommu.ats) == [true, true, false])
        #expect(matrix.skipped.isEmpty)
    }

    @Test func loweringErrorsPointIntoTheBlockWithSuggestions() throws {
        let policy = try #require(Self.matrixError(Self.scenario("variants {\n  policy = v6.2 | v6.3\n}")))
        #expect(policy.location.description == "t.litmus:3:19")
        #expect(policy.suggestion == "v6.2")
        #expect(policy.description.contains(" 3 |   policy = v6.2 | v6.3\n   |                   ^"))
        let key = try #require(Self.matrixError(Self.scenario("variants {\n  polcy = v6.2\n}")))
        #expect(key.message.hasPrefix("a variants block cannot vary 'polcy'") && key.suggestion == "policy")
        let guardValue = try #require(Self.matrixError(Self.scenario("variants {\n  arch = arm64 | x86\n  iommu = vtd (x68)\n}")))
        #expect(guardValue.message == "no axis above this one has the value 'x68'" && guardValue.suggestion == "x86")
        #expect(guardValue.location.description == "t.litmus:4:16")
        let later = try #require(Self.matrixError(Self.scenario("variants {\n  iommu = vtd (arch=x86)\n  arch = arm64 | x86\n}")))
        #expect(later.message == "a condition names only axes written above its own; 'arch' is not")
        let repeated = try #require(Self.matrixError(Self.scenario("variants {\n  arch = arm64 | arm64\n}")))
        #expect(repeated.location.description == "t.litmus:3:18")
        let attribute = try #require(Self.matrixError(Self.scenario("variants {\n  btm = on ats=on\n}")))
        #expect(attribute.message == "a value of 'btm' takes no attributes")
        let switchValue = try #require(Self.matrixError(Self.scenario("variants {\n  btm = on | offf\n}")))
        #expect(switchValue.location.description == "t.litmus:3:14" && switchValue.suggestion == "off")
    }

    // MARK: - Expectations

    @Test func qualifiedExpectationsOverrideTheUnqualifiedOnes() throws {
        let matrix = try Self.matrix(Self.scenario("""
            variants {
              policy = v6.2 | patch-v2 | v6.6
              btm    = off | on
            }
            """, tail: """
            exists (x=2)
            eventually done(DEV0)
            Result: Sometimes
            Expect: eventually holds
            Result[policy=v6.2 btm=off]: Never
            Expect[policy=v6.2|patch-v2, btm=off]: eventually violated
            """))
        for scenario in matrix.scenarios {
            let variant = try #require(scenario.variant)
            let v62off = variant.description == "policy=v6.2 btm=off"
            let violated = variant.value(of: "btm") == "off" && variant.value(of: "policy") != "v6.6"
            #expect(scenario.expectations.observation == (v62off ? .never : .sometimes), "\(variant)")
            #expect(scenario.expectations.verdicts["eventually"] == (violated ? .violated : .holds), "\(variant)")
        }
    }

    @Test func expectationErrors() throws {
        let block = "variants {\n  arch = arm64 | x86\n  btm = on | off\n  ats = on | off\n}"
        func error(_ tail: String) -> Diagnostic? {
            Self.matrixError(Self.scenario(block, tail: "exists (x=2)\n" + tail))
        }
        let ambiguous = try #require(error("Result[on]: Never"))
        #expect(ambiguous.message == "'on' is a value of btm and ats; write btm=on")
        #expect(ambiguous.location.description == "t.litmus:13:8")
        let skippedOnly = try #require(error("Result[arch=x86 btm=on]: Never"))
        #expect(skippedOnly.message == "this selector matches only variants the model rejects")
        let twice = try #require(error("Result[arch=x86]: Never\nResult[ats=on]: Always"))
        #expect(twice.message.hasPrefix("two expectations for Result apply to the variant arch=x86 btm=off ats=on"))
        #expect(twice.location.description == "t.litmus:14:8")
        let unknownAxis = try #require(error("Result[arhc=x86]: Never"))
        #expect(unknownAxis.suggestion == "arch")
        let unknownValue = try #require(error("Result[arch=x68]: Never"))
        #expect(unknownValue.message.hasPrefix("'x68' is not a value of 'arch'") && unknownValue.suggestion == "x86")
        let property = try #require(error("Expect[arch=x86]: eventualy holds"))
        #expect(property.suggestion == "eventually")
        let plain = Self.scenario("", tail: "exists (x=2)\nResult[arch=x86]: Never")
        let noBlock = try #require(Self.matrixError(plain))
        #expect(noBlock.message == "an expectation for some variants needs a variants block")
        #expect(throws: LitmusError.self) { try ScenarioLowering.load(source: plain, file: "t.litmus") }
    }

    @Test func aMatrixFileIsNotOneScenario() throws {
        let source = Self.scenario("variants {\n  policy = v6.2 | v6.6\n}")
        do throws(LitmusError) {
            _ = try ScenarioLowering.load(source: source, file: "t.litmus")
            Issue.record("a matrix file lowered to one scenario")
        } catch {
            #expect(error.diagnostics[0].location.description == "t.litmus:2:1")
        }
        let plain = try Self.matrix(Self.scenario("policy = v6.2"))
        #expect(!plain.isMatrix && plain.scenarios.count == 1 && plain.scenarios[0].variant == nil)
    }

    // MARK: - A matrix on the command line

    @Test func commandLineMatrix() throws {
        let source = Self.scenario("policy = v6.2", tail: "exists (x=2)\nResult: Never")
        let commandLine = VariantsAST.commandLine([("policy", ["v6.2", "v6.6"]), ("arch", ["arm64", "x86"]), ("btm", ["on", "off"])])
        #expect(commandLine.source == "--policy v6.2,v6.6 --arch arm64,x86 --btm on,off")
        let matrix = try ScenarioLowering.loadMatrix(source: source, file: "t.litmus", commandLine: commandLine)
        #expect(matrix.scenarios.count == 6 && matrix.skipped.count == 2)
        #expect(matrix.scenarios.allSatisfy { $0.expectations.observation == nil }, "the file's expectations are not judged")

        let typo = VariantsAST.commandLine([("policy", ["v6.2", "v6.3"])])
        do throws(LitmusError) {
            _ = try ScenarioLowering.loadMatrix(source: source, file: "t.litmus", commandLine: typo)
            Issue.record("an unknown policy on the command line was accepted")
        } catch {
            #expect(error.description == """
                command line:1:15: error: unknown policy 'v6.3' (known: \(KernelPolicy.all.map(\.name).joined(separator: ", ")))
                 1 | --policy v6.2,v6.3
                   |               ^
                note: did you mean 'v6.2'?
                """)
        }
        let both = Self.scenario("variants {\n  policy = v6.2\n}")
        #expect(throws: LitmusError.self) {
            try ScenarioLowering.loadMatrix(source: both, file: "t.litmus", commandLine: commandLine)
        }
    }
}
