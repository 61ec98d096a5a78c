import ShootdownModel
import Testing
@testable import ShootdownLitmus

/// What `shootdown list` prints comes from here: it must name everything the language accepts.
@Suite struct LanguageCatalogTests {
    @Test func everyCallTheLanguageAcceptsIsListed() {
        let listed = LanguageCatalog.operations.map(\.syntax)
        for call in Lowerer.calls {
            #expect(listed.contains { $0.hasPrefix(call + "(") }, "\(call) is not listed")
        }
        for operation in KernelOperation.allCases {
            #expect(listed.contains(operation.spelled(page: "x")))
            #expect(!operation.summary.isEmpty)
        }
        #expect(listed.contains("r0 = *x") && listed.contains("*x = V"))
    }

    @Test func everyRangeSubscriberIsListed() {
        #expect(LanguageCatalog.mirrors.map(\.syntax) == MirrorConfiguration.Kind.allCases.map(\.rawValue) + ["NAME"])
        #expect(LanguageCatalog.subscriberSyntax.count == 18)
    }

    @Test func everyIOMMUAndFeatureIsListed() {
        #expect(LanguageCatalog.iommus.map(\.syntax) == IOMMUConfiguration.Kind.allCases.map(\.rawValue))
        for feature in Lowerer.iommuAttributes {
            #expect(LanguageCatalog.iommuFeatures.contains { $0.syntax.hasPrefix(feature + "=") }, "\(feature) is not listed")
        }
    }

    @Test func everyPathCallHasASummary() {
        for call in PathCall.allCases { #expect(!call.summary.isEmpty, "\(call.rawValue)") }
    }
}
