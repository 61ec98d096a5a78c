/// An error found in a litmus source, rendered in the manner of clang:
///
/// ```
/// path/file.litmus:7:12: error: unknown operation 'mumap'
///  7 | munmap(x) | mumap(y) ;
///    |             ^
/// note: did you mean 'munmap'?
/// ```
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, in a few words, without a trailing period.
    public var message: String
    /// The text of the source line at `location`, quoted under the message when present.
    public var sourceLine: String?
    /// A word the user probably meant, rendered as `note: did you mean '…'?`.
    public var suggestion: String?
    /// Further notes, each rendered as `note: …` after the suggestion, such as where the file
    /// holding the problem was included from.
    public var notes: [String]

    /// Creates a diagnostic from its parts.
    public init(location: SourceLocation, message: String, sourceLine: String? = nil, suggestion: String? = nil,
                notes: [String] = []) {
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
        self.suggestion = suggestion
        self.notes = notes
    }

    /// Builds a diagnostic, filling `sourceLine` from the source text.
    public static func error(
        _ message: String, at location: SourceLocation, in source: String, suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            location: location, message: message,
            sourceLine: line(location.line, of: source), suggestion: suggestion
        )
    }

    /// The rendered diagnostic: the message, the quoted line with a caret, and the note.
    public var description: String {
        var text = "\(location): error: \(message)"
        if let sourceLine {
            let number = String(location.line)
            let gutter = String(repeating: " ", count: number.count)
            text += "\n \(number) | \(Self.printable(sourceLine))"
            text += "\n \(gutter) | \(Self.caretPadding(for: sourceLine, column: location.column))^"
        }
        if let suggestion {
            text += "\nnote: did you mean '\(suggestion)'?"
        }
        for note in notes {
            text += "\nnote: \(note)"
        }
        return text
    }

    /// The 1-based line `number` of `source`, without its line terminator, or `nil` past the end.
    static func line(_ number: Int, of source: String) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = source.unicodeScalars.startIndex
        let scalars = source.unicodeScalars
        var index = start
        while index < scalars.endIndex {
            if scalars[index] == "\n" {
                if current == number { break }
                current += 1
                start = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        guard current == number else { return nil }
        var line = String(scalars[start..<index])
        if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
        return line
    }

    /// Spaces (and tabs where the line has tabs) that put a caret under `column`.
    private static func caretPadding(for line: String, column: Int) -> String {
        var padding = String.UnicodeScalarView()
        var remaining = max(0, column - 1)
        for scalar in line.unicodeScalars where remaining > 0 {
            padding.append(scalar == "\t" ? "\t" : " ")
            remaining -= 1
        }
        padding.append(contentsOf: repeatElement(" ", count: remaining))
        return String(padding)
    }

    /// The line with control characters replaced, so that quoting it cannot disturb a terminal.
    private static func printable(_ line: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            let control = (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            view.append(control ? "\u{FFFD}" : scalar)
        }
        return String(view)
    }
}
