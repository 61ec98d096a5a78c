import ShootdownModel

/// Prints how the step programs of two policies differ, program by program, in the manner of a
/// unified diff: `-` lines only the first policy's program has, `+` lines only the second's,
/// and a few unchanged lines around each change. Lines are matched by the standard library's
/// `CollectionDifference`.
public struct ProgramDiffRenderer: Sendable {
    /// Unchanged lines shown before and after each change.
    public var context: Int

    public init(context: Int = 2) {
        self.context = context
    }

    /// The differences between `old` and `new` (built for the same architecture), named
    /// `oldName` and `newName` in the headers; the programs that do not differ are listed last.
    public func render(_ old: KernelPrograms, _ new: KernelPrograms, oldName: String, newName: String) -> String {
        var blocks: [String] = []
        var unchanged: [String] = []
        for (before, after) in zip(old.all, new.all) {
            let hunks = diff(ProgramListing.lines(before), ProgramListing.lines(after))
            guard !hunks.isEmpty else {
                unchanged.append(before.name)
                continue
            }
            var lines = ["--- \(before.name) (\(oldName))", "+++ \(after.name) (\(newName))"]
            for hunk in hunks { lines.append(contentsOf: hunk) }
            blocks.append(lines.joined(separator: "\n"))
        }
        if blocks.isEmpty { blocks.append("No program differs between (\(oldName)) and (\(newName)).") }
        if !unchanged.isEmpty { blocks.append("Unchanged: " + unchanged.joined(separator: ", ")) }
        return blocks.joined(separator: "\n\n")
    }

    /// The changed regions of `new` against `old`, each headed `@@ -A,B +C,D @@` (first line and
    /// count in each listing, from 1) and framed by its context lines.
    public func diff(_ old: [String], _ new: [String]) -> [[String]] {
        let difference = new.difference(from: old)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case let .remove(offset, _, _): removed.insert(offset)
            case let .insert(offset, _, _): inserted.insert(offset)
            }
        }
        // Merge the two listings into one, each line marked and placed in both.
        var merged: [Line] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) {
                merged.append(Line(mark: "-", text: old[i], old: i, new: j))
                i += 1
            } else if j < new.count, inserted.contains(j) {
                merged.append(Line(mark: "+", text: new[j], old: i, new: j))
                j += 1
            } else {
                merged.append(Line(mark: " ", text: old[i], old: i, new: j))
                i += 1
                j += 1
            }
        }
        // Keep the changed lines and `context` lines around them; a gap starts a new hunk.
        let changed = merged.indices.filter { merged[$0].mark != " " }
        var runs: [[Line]] = []
        var last = -1
        for index in merged.indices where changed.contains(where: { abs($0 - index) <= context }) {
            if last < 0 || index > last + 1 { runs.append([]) }
            runs[runs.count - 1].append(merged[index])
            last = index
        }
        return runs.map { run in
            let oldCount = run.filter { $0.mark != "+" }.count
            let newCount = run.filter { $0.mark != "-" }.count
            let header = "@@ -\(run[0].old + 1),\(oldCount) +\(run[0].new + 1),\(newCount) @@"
            return [header] + run.map { "\($0.mark)\($0.text.dropFirst())" }
        }
    }

    /// A line of the merged listing: its mark, its text, and where it stands in each listing.
    private struct Line {
        var mark: Character
        var text: String
        var old: Int
        var new: Int
    }
}
