/// A declaration of the initial-state block: `KEYWORD SUBJECT* [: GROUP (, GROUP)*] ;`.
///
/// For `page x: anon, value 0, pte rw clean;` the keyword is `page`, the subject `x` and the
/// groups `[anon]`, `[value, 0]` and `[pte, rw, clean]`. The parser gives no meaning to any word.
public struct InitDeclAST: Sendable, Equatable {
    /// The first word of the declaration.
    public var keyword: Located<String>
    /// The words between the keyword and the colon (or the semicolon).
    public var subjects: [Located<String>]
    /// The comma-separated groups after the colon, each one or more words; empty without a colon.
    public var groups: [[Located<String>]]
    /// Where the declaration begins (its keyword).
    public var location: SourceLocation

    /// Creates a declaration.
    public init(
        keyword: Located<String>, subjects: [Located<String>] = [], groups: [[Located<String>]] = [],
        location: SourceLocation
    ) {
        self.keyword = keyword
        self.subjects = subjects
        self.groups = groups
        self.location = location
    }
}
