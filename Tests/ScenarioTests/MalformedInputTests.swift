import ShootdownLitmus
import Testing

@Suite("Malformed scenarios")
struct MalformedInputTests {
    let valid = """
    arm64 t
    policy = v6.6
    { page x: value 0, pte rw clean; }
     CPU0   | DEV0   ;
     *x = 1 | r0 = *x ;
    exists (DEV0:r0=0)
    Result: Sometimes
    """

    func diagnostic(_ source: String) -> String? {
        do {
            _ = try ScenarioLowering.load(source: source, file: "t.litmus")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("the valid base parses")
    func base() { #expect(diagnostic(valid) == nil) }

    @Test("semantic errors point at the word, with a suggestion", arguments: [
        ("policy = v6.6", "policy = v6.7", "t.litmus:2:10: error: unknown policy 'v6.7'"),
        ("arm64 t", "arm46 t", "t.litmus:1:1: error: unknown architecture 'arm46'"),
        ("r0 = *x", "r0 = *y", "t.litmus:5:17: error: unknown page 'y'"),
        ("DEV0:r0=0", "DEV0:r9=0", "t.litmus:6:14: error: thread DEV0 has no register 'r9'"),
        ("Result: Sometimes", "Result: Somtimes", "t.litmus:7:9: error: a Result is Always, Sometimes or Never"),
        ("pte rw clean", "pte rw clena", "t.litmus:3:27: error: a PTE is 'clean' or 'dirty'"),
    ])
    func located(original: String, replacement: String, expected: String) throws {
        let message = try #require(diagnostic(valid.replacingOccurrences(of: original, with: replacement)))
        #expect(message.hasPrefix(expected), "\(message)")
    }

    @Test("a near miss gets a did-you-mean note")
    func suggestion() throws {
        let message = try #require(diagnostic(valid.replacingOccurrences(of: "policy = v6.6", with: "policy = v6.66")))
        #expect(message.contains("did you mean 'v6.6'?"))
    }
}
