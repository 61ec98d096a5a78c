/// Integer literals as the litmus language writes them: decimal (`42`) or hexadecimal
/// (`0x2a`), optionally preceded by `-`.
///
/// The parser keeps integers as words in most places; every integer-shaped word that reaches
/// the AST is guaranteed to fit in `Int`, so `value(of:)` never fails on one.
public enum LitmusInteger {
    /// Whether `text` has the shape of an integer literal, whether or not its value fits in `Int`.
    public static func isIntegerShaped(_ text: String) -> Bool {
        digits(of: text) != nil
    }

    /// The value of the integer literal `text`, or `nil` when `text` is not integer-shaped or
    /// its value does not fit in `Int`.
    public static func value(of text: String) -> Int? {
        guard let (negative, digits, radix) = digits(of: text) else { return nil }
        return Int((negative ? "-" : "") + digits, radix: radix)
    }

    /// Splits an integer-shaped word into its sign, its digits and their radix.
    private static func digits(of text: String) -> (negative: Bool, digits: Substring, radix: Int)? {
        var rest = Substring(text)
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        if rest.hasPrefix("0x") || rest.hasPrefix("0X") {
            let hex = rest.dropFirst(2)
            guard !hex.isEmpty, hex.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit }) else { return nil }
            return (negative, hex, 16)
        }
        guard !rest.isEmpty, rest.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return (negative, rest, 10)
    }
}

extension Located where Value == String {
    /// The word read as an integer literal, or `nil` when it is not one.
    public var integerValue: Int? { LitmusInteger.value(of: value) }
}
