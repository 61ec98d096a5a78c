import Testing
@testable import ShootdownLitmus

@Suite struct NearestWordTests {
    @Test(arguments: [
        ("exsits", ["exists", "forall", "eventually"], "exists"),
        ("mumap", ["mprotect", "munmap", "mmap"], "munmap"),
        ("mumap", ["mprotect", "mmap", "munmap"], "mmap"),
        ("MUNMAP", ["mmap", "munmap"], "munmap"),
        ("evnetualy", ["exists", "eventually"], "eventually"),
        ("fence", ["fence", "fences"], "fence"),
        ("xyz", ["exists", "forall"], nil),
        ("forall", [], nil),
        ("a", ["b", "c"], "b"),
        ("ab", ["ba", "abc"], "ba"),
        ("mprotcet", ["mprotect", "munmap"], "mprotect"),
        ("rseult", ["Result", "Expect"], "Result"),
    ] as [(String, [String], String?)])
    func suggestions(word: String, candidates: [String], expected: String?) {
        #expect(NearestWord.suggest(word, among: candidates) == expected)
    }

    @Test func shorterDistanceThenCandidateOrder() {
        // "mmap" and "mmat" are both one edit from "mmab"; the first listed wins.
        #expect(NearestWord.suggest("mmab", among: ["mmat", "mmap"]) == "mmat")
        #expect(NearestWord.suggest("mmab", among: ["mmap", "mmat"]) == "mmap")
        // A closer candidate later in the list beats a farther one earlier.
        #expect(NearestWord.suggest("abcdefghi", among: ["abcdefgXY", "abcdefghX"]) == "abcdefghX")
    }

    @Test func limitGrowsWithTheWord() {
        // Two edits are allowed from six letters on, one below.
        #expect(NearestWord.suggest("frall", among: ["forall"]) == "forall")
        #expect(NearestWord.suggest("frl", among: ["forall"]) == nil)
        #expect(NearestWord.suggest("eventally", among: ["eventually"]) == "eventually")
        #expect(NearestWord.suggest("evntly", among: ["eventually"]) == nil)
    }

    @Test func distances() {
        #expect(NearestWord.distance("", "abc") == 3)
        #expect(NearestWord.distance("abc", "abc") == 0)
        #expect(NearestWord.distance("abc", "acb") == 1)
        #expect(NearestWord.distance("ca", "abc") == 2)
        #expect(NearestWord.distance("kitten", "sitting") == 3)
        #expect(NearestWord.distance("Exists", "exists") == 1)
    }
}
