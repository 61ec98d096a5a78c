@testable import ShootdownModel
import Testing

@Suite("Register classes")
struct RegisterClassesTests {
    /// `~exists (T:r1=1 /\ T:r0=0)` for a thread that reads r1, then r0.
    static let condition: StatePredicate = .and(.register(thread: 0, register: 1, value: 1), .register(thread: 0, register: 0, value: 0))

    @Test("the normal form distributes conjunctions and pushes negations down")
    func normalForm() throws {
        let dnf = try #require(ConditionDNF(.not(.or(Self.condition, .constant(false)))))
        // ~(r1=1 /\ r0=0) = r1!=1 \/ r0!=0
        #expect(dnf.disjuncts.count == 2)
        #expect(dnf.disjuncts.allSatisfy { $0.count == 1 && $0.allSatisfy { !$0.positive } })
        let contradiction = try #require(ConditionDNF(.and(.register(thread: 0, register: 0, value: 0),
                                                           .register(thread: 0, register: 0, value: 1))))
        #expect(contradiction.disjuncts.isEmpty)
    }

    @Test("once r1 is settled, its values other than 1 are one class; 1 is another")
    func classes() throws {
        let dnf = try #require(ConditionDNF(Self.condition))
        let fields = [BitField(word: 0, shift: 0, width: 2), BitField(word: 0, shift: 2, width: 2)]
        let builder = RegisterClassBuilder(thread: 0, registers: [0, 1], dnf: dnf, settleAt: [2, 1], fields: fields) { value in
            value.map { UInt64($0) }.flatMap { $0 < 3 ? $0 : nil } ?? 3
        }
        let positions = try #require(builder.positions(count: 3))
        #expect(positions[0] == nil)
        // Position 1: r1 settled; domain {1, other}: two classes, nothing merges.
        let one = try #require(positions[1])
        #expect(one.canonical == [0, 1])
        #expect(one.domainRaw == [[1, 0]])
        // 0, 2 and fault (3) all stand for "other", written as 0.
        #expect(one.domainIndex[0] == [1, 0, 1, 1])
        // Position 2: both settled; the condition is decided: (r0 = 0, r1 = 1) makes it true, the
        // three other valuations false, and they merge.
        let two = try #require(positions[2])
        #expect(two.fields == [fields[0], fields[1]])
        #expect(Set(two.canonical).count == 2)
    }
}
