/// A plain-text table: a header row, a rule, and the rows, columns padded to their widest cell
/// and separated by two spaces. Stable and diffable, like the rest of the report.
struct TextTable {
    /// The column titles.
    var headers: [String]
    /// The cells, one array per row, as many as there are headers.
    var rows: [[String]] = []
    /// Columns whose cells are aligned on the right (counts).
    var rightAligned: Set<Int> = []

    func render() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let padded = headers.indices.map { column -> String in
                let cell = column < cells.count ? cells[column] : ""
                guard rightAligned.contains(column) else { return cell.padded(to: widths[column]) }
                return String(repeating: " ", count: max(0, widths[column] - cell.count)) + cell
            }
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }
}
