/// Breaks text into lines of a fixed character width, for drawings that cannot wrap by
/// themselves (SVG text).
enum TextWrapping {
    /// Characters after which a long word may be broken when no space is near.
    private static let breakAfter: Set<Character> = ["_", "(", ",", "/", ".", "-", ">", ":", ")"]

    /// `text` in lines of at most `width` characters: broken at spaces, else after `_`, `(`, `,`
    /// and the like, else cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 4)
        var rest = Array(text)
        var lines: [String] = []
        while rest.count > width {
            let window = rest[0...width]
            if let space = window.lastIndex(of: " "), space >= width / 3 {
                lines.append(String(rest[..<space]))
                rest = Array(rest[(space + 1)...])
            } else if let mark = rest[0..<width].lastIndex(where: { breakAfter.contains($0) }), mark >= width / 3 {
                lines.append(String(rest[...mark]))
                rest = Array(rest[(mark + 1)...])
            } else {
                lines.append(String(rest[..<width]))
                rest = Array(rest[width...])
            }
        }
        if !rest.isEmpty || lines.isEmpty { lines.append(String(rest)) }
        return lines
    }
}
