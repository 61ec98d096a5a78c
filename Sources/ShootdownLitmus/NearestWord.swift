/// Finds the word a user probably meant, for "did you mean …?" notes.
public enum NearestWord {
    /// The candidate closest to `word` by Damerau–Levenshtein distance, ignoring case, if it is
    /// within `max(1, word.count / 3)` edits; ties go to the candidate listed first.
    public static func suggest(_ word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        let limit = max(1, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            guard abs(other.count - target.count) <= limit else { continue }
            let distance = damerauLevenshtein(target, other)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The Damerau–Levenshtein distance between two words: the fewest insertions, deletions,
    /// substitutions and transpositions of adjacent characters that turn one into the other.
    /// Case is significant.
    public static func distance(_ a: String, _ b: String) -> Int {
        damerauLevenshtein(Array(a), Array(b))
    }

    /// The unrestricted Damerau–Levenshtein distance (Lowrance–Wagner).
    private static func damerauLevenshtein(_ a: [Character], _ b: [Character]) -> Int {
        let n = a.count, m = b.count
        if n == 0 { return m }
        if m == 0 { return n }
        let infinity = n + m
        let width = m + 2
        var d = [Int](repeating: 0, count: (n + 2) * width)
        d[0] = infinity
        for i in 0...n {
            d[(i + 1) * width] = infinity
            d[(i + 1) * width + 1] = i
        }
        for j in 0...m {
            d[j + 1] = infinity
            d[width + j + 1] = j
        }
        var lastRow: [Character: Int] = [:]
        for i in 1...n {
            var lastColumn = 0
            for j in 1...m {
                let i1 = lastRow[b[j - 1]] ?? 0
                let j1 = lastColumn
                let cost: Int
                if a[i - 1] == b[j - 1] {
                    cost = 0
                    lastColumn = j
                } else {
                    cost = 1
                }
                d[(i + 1) * width + j + 1] = Swift.min(
                    d[i * width + j] + cost,
                    d[(i + 1) * width + j] + 1,
                    d[i * width + j + 1] + 1,
                    d[i1 * width + j1] + (i - i1 - 1) + 1 + (j - j1 - 1)
                )
            }
            lastRow[a[i - 1]] = i
        }
        return d[(n + 1) * width + m + 1]
    }
}
