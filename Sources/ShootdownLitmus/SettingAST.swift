/// A setting line: `KEY = VALUE ATTR*`, such as `iommu = smmuv3 btm=off ats=on`.
public struct SettingAST: Sendable, Equatable {
    /// The word before `=`.
    public var key: Located<String>
    /// The word after `=`.
    public var value: Located<String>
    /// The attributes after the value, in source order.
    public var attributes: [AttributeAST]

    /// Creates a setting.
    public init(key: Located<String>, value: Located<String>, attributes: [AttributeAST] = []) {
        self.key = key
        self.value = value
        self.attributes = attributes
    }
}
