import Foundation
import ShootdownChecker
import ShootdownLitmus
import ShootdownModel
import ShootdownReport
import Testing

/// The built-in range subscribers written in the subscriber language
/// (`Scenarios/subscribers/user/*.inc`) check as the built-ins do, on every bundled scenario
/// that uses them: same states, transitions, verdicts and invariants (docs/SUBSCRIBERS.md).
@Suite("User-defined subscribers")
struct UserSubscriberTests {
    /// A built-in subscriber and the library that writes it, with the name it gets there.
    static let writtenOut = [("hmm", "dmirror.inc", "dmirror_user"), ("kvm", "kvm.inc", "kvm_user")]

    /// The bundled scenarios that set `mirror = hmm` or `mirror = kvm`, without variants.
    static var candidates: [String] {
        BundledScenarios.all.filter { file in
            guard let source = try? BundledScenarios.source(file), !source.contains("variants") else { return false }
            return writtenOut.contains { source.components(separatedBy: "\n").contains("mirror = \($0.0)") }
        }
    }

    /// `source` with its built-in subscriber replaced by the written-out one.
    static func rewritten(_ source: String, file: String) throws -> String {
        let (builtIn, library, name) = try #require(writtenOut.first { source.components(separatedBy: "\n").contains("mirror = \($0.0)") })
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.pathComponents
        let target = URL(fileURLWithPath: BundledScenarios.root + "/Scenarios/subscribers/user/" + library).standardizedFileURL.pathComponents
        let common = zip(folder, target).prefix { $0 == $1 }.count
        let relative = Array(repeating: "..", count: folder.count - common) + target[common...]
        return source.replacingOccurrences(of: "mirror = \(builtIn)\n",
                                           with: "mirror = \(name)\ninclude \"\(relative.joined(separator: "/"))\";\n")
    }

    @Test("there are scenarios of both built-in range subscribers")
    func found() {
        let sources = Self.candidates.compactMap { try? BundledScenarios.source($0) }
        #expect(sources.filter { $0.contains("mirror = hmm\n") }.count >= 30)
        #expect(sources.filter { $0.contains("mirror = kvm\n") }.count >= 3)
    }

    @Test("the written-out subscriber checks as the built-in one", arguments: candidates)
    func writtenOutChecksAsBuiltIn(file: String) throws {
        let source = try BundledScenarios.source(file)
        let copy = try Self.rewritten(source, file: file)
        #expect(copy != source)
        let user = try ScenarioLowering.load(source: copy, file: file)
        #expect(user.configuration.mirror?.definition != nil)
        let original = try ScenarioCheck.run(try ScenarioLowering.load(source: source, file: file))
        let written = try ScenarioCheck.run(user)
        #expect(PastedPathTests.findings(written) == PastedPathTests.findings(original))
    }

    @Test("dmirror without mmu_interval_read_retry, written out, reads the freed page in anon_teardown")
    func brokenWrittenOutMirrorFails() throws {
        let file = BundledScenarios.root + "/Scenarios/hmm/anon-teardown.litmus"
        let source = try Self.rewritten(try BundledScenarios.source(file), file: file)
        let library = try BundledScenarios.source(BundledScenarios.root + "/Scenarios/subscribers/user/dmirror.inc")
        let broken = library.replacingOccurrences(of: "  if snapshot_stale goto stale;", with: "")
        #expect(broken != library)
        let inline = source.replacingOccurrences(of: "include \"../subscribers/user/dmirror.inc\";\n", with: "")
            .replacingOccurrences(of: "{\n  page x", with: broken + "\n{\n  page x")
        #expect(inline.contains("subscriber dmirror_user"))
        let outcome = try ScenarioCheck.run(try ScenarioLowering.load(source: inline, file: file))
        #expect(outcome.result.invariants.first { $0.name == "no-freed-frame-access" }?.holds == false)
    }
}
