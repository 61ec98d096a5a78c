/// A `variants { … }` block: axes whose cross product gives one scenario per variant.
///
/// ```
/// variants {
///   policy = v6.2 | patch-v2 | v6.6
///   arch   = arm64 | x86
///   iommu  = smmuv3 (arm64) | vtd (x86)
///   btm    = on | off
/// }
/// ```
public struct VariantsAST: Sendable, Equatable {
    /// The word `variants` (or, for a matrix given on the command line, where it begins).
    public var keyword: Located<String>
    /// The axes, in source order; the first varies slowest.
    public var axes: [VariantAxisAST]
    /// The text the locations point into when it is not the scenario's file: a matrix given on
    /// the command line is quoted from the command line. `nil` for a block in the file.
    public var source: String?

    /// Creates a block from its axes.
    public init(keyword: Located<String>, axes: [VariantAxisAST], source: String? = nil) {
        self.keyword = keyword
        self.axes = axes
        self.source = source
    }
}

/// One axis of a variants block: `KEY = ALTERNATIVE | ALTERNATIVE …`.
public struct VariantAxisAST: Sendable, Equatable {
    /// The setting the axis varies (`policy`, `arch`, `iommu`, `btm`, …).
    public var key: Located<String>
    /// The values it takes, in source order.
    public var alternatives: [VariantAlternativeAST]

    /// Creates an axis.
    public init(key: Located<String>, alternatives: [VariantAlternativeAST]) {
        self.key = key
        self.alternatives = alternatives
    }
}

/// One value of an axis: `VALUE ATTR* [(SELECTOR)]`, such as `smmuv3 ats=on (arm64)`.
public struct VariantAlternativeAST: Sendable, Equatable {
    /// The value.
    public var value: Located<String>
    /// Attributes after the value, as on a setting line (`iommu` alternatives only).
    public var attributes: [AttributeAST]
    /// The values of earlier axes this alternative is limited to, if any.
    public var condition: SelectorAST?

    /// Creates an alternative.
    public init(value: Located<String>, attributes: [AttributeAST] = [], condition: SelectorAST? = nil) {
        self.value = value
        self.attributes = attributes
        self.condition = condition
    }
}

/// The variants a qualified expectation or a limited alternative applies to: every term must
/// match, such as `policy=v6.2|patch-v1 arch=arm64`, or `x86` when only one axis has that value.
public struct SelectorAST: Sendable, Equatable {
    /// The terms; a variant matches when it matches all of them.
    public var terms: [SelectorTermAST]
    /// Where the selector begins.
    public var location: SourceLocation

    /// Creates a selector.
    public init(terms: [SelectorTermAST], location: SourceLocation) {
        self.terms = terms
        self.location = location
    }
}

/// `KEY=VALUE|VALUE…`, or a lone `VALUE` whose axis is the only one that has it.
public struct SelectorTermAST: Sendable, Equatable {
    /// The axis, when written.
    public var key: Located<String>?
    /// The values any one of which matches.
    public var values: [Located<String>]

    /// Creates a term.
    public init(key: Located<String>?, values: [Located<String>]) {
        self.key = key
        self.values = values
    }
}

/// `Result[SELECTOR]: …` or `Expect[SELECTOR]: …`: an expectation for some variants only.
public struct VariantExpectationAST: Sendable, Equatable {
    /// The variants it applies to.
    public var selector: SelectorAST
    /// The expectation itself.
    public var expectation: ExpectationAST

    /// Creates a qualified expectation.
    public init(selector: SelectorAST, expectation: ExpectationAST) {
        self.selector = selector
        self.expectation = expectation
    }
}
