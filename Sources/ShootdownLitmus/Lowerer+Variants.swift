import ShootdownModel

/// Lowers a file with a `variants` block into one scenario per variant: each variant is the
/// file with the settings its axes choose put in place of the file's own, lowered as usual.
extension Lowerer {
    /// The keys an axis may vary: the architecture, the settings, and the IOMMU's features.
    static let variantKeys = ["arch", "policy", "iommu", "faults", "tlb-capacity"] + iommuAttributes

    /// A variant before lowering: for each axis that applies to it, the alternative chosen.
    typealias Combination = [Int: Int]

    /// Lowers `ast`, variant by variant. `commandLine` is a matrix given outside the file; with
    /// it the file's expectations, written for its own configuration, are not judged.
    static func lowerMatrix(_ ast: ScenarioAST, commandLine: VariantsAST? = nil) throws(LitmusError) -> ScenarioMatrix {
        var ast = ast
        if let commandLine {
            if let own = ast.variants {
                throw Lowerer(ast: ast).error("the file has its own variants block; give no matrix on the command line",
                                              at: own.keyword.location)
            }
            ast.variants = commandLine
            ast.expectations = []
            ast.variantExpectations = []
        }
        guard let variants = ast.variants else {
            var lowering = Lowerer(ast: ast)
            try lowering.refuseQualifiedExpectations()
            return ScenarioMatrix(name: ast.name.value, file: ast.file, axes: [], scenarios: [try lowering.run()])
        }
        let base = Lowerer(ast: ast)
        try base.checkAxes(variants.axes)
        var conditions: [[VariantSelector?]] = []
        for (index, axis) in variants.axes.enumerated() {
            var row: [VariantSelector?] = []
            for alternative in axis.alternatives {
                guard let condition = alternative.condition else {
                    row.append(nil)
                    continue
                }
                row.append(try base.resolve(condition, axes: variants.axes, among: Array(0..<index), condition: true))
            }
            conditions.append(row)
        }
        var qualified: [VariantSelector] = []
        for expectation in ast.variantExpectations {
            qualified.append(try base.resolve(expectation.selector, axes: variants.axes,
                                              among: Array(variants.axes.indices), condition: false))
        }

        var scenarios: [Scenario] = []
        var skipped: [SkippedVariant] = []
        var matched = [Bool](repeating: false, count: qualified.count)
        var matchedSkipped = matched
        for combination in combinations(of: variants.axes, conditions: conditions) {
            let values = Lowerer.values(of: combination, axes: variants.axes)
            let label = VariantLabel(combination.keys.sorted().map {
                VariantLabel.Choice(key: variants.axes[$0].key.value, value: values[$0]!)
            })
            var variantAST = try base.applying(combination, of: variants.axes)
            let matching = qualified.indices.filter { qualified[$0].matches(values) }
            let chosen = base.lastPerProperty(matching)
            let overridden = Set(chosen.map { ast.variantExpectations[$0].expectation.property })
            variantAST.expectations = ast.expectations.filter { !overridden.contains($0.property) }
                + chosen.map { ast.variantExpectations[$0].expectation }
            var lowering = Lowerer(ast: variantAST, variant: label)
            lowering.toleratesMisfit = true
            let scenario = try lowering.run()
            if var problem = lowering.misfit {
                let configuration = scenario.configuration
                if configuration.iommu.kind != Lowerer.defaultIOMMU(for: configuration.architecture),
                   !variants.axes.contains(where: { $0.key.value == "iommu" }) {
                    problem += variants.source == nil
                        ? "; pair IOMMUs with architectures: iommu = smmuv3 (arm64) | vtd (x86)"
                        : "; add --iommu smmuv3,vtd"
                }
                skipped.append(SkippedVariant(variant: label, reason: problem))
                for index in chosen { matchedSkipped[index] = true }
                continue
            }
            try base.refuseOverlaps(matching, label: label)
            for index in chosen { matched[index] = true }
            scenarios.append(scenario)
        }
        guard !scenarios.isEmpty else {
            let reason = skipped.first.map { ": \($0.reason)" } ?? ""
            throw base.error("the model rejects every variant of this block\(reason)", at: variants.keyword.location)
        }
        for (index, expectation) in ast.variantExpectations.enumerated() where !matched[index] {
            let why = matchedSkipped[index] ? "only variants the model rejects" : "no variant"
            throw base.error("this selector matches \(why)", at: expectation.selector.location)
        }
        return ScenarioMatrix(name: ast.name.value, file: ast.file, axes: variants.axes.map(\.key.value),
                              scenarios: scenarios, skipped: skipped)
    }

    /// The error for `Result[…]:` or `Expect[…]:` in a file without a variants block.
    func refuseQualifiedExpectations() throws(LitmusError) {
        if let first = ast.variantExpectations.first {
            throw error("an expectation for some variants needs a variants block", at: first.selector.location)
        }
    }

    // MARK: - Axes

    /// Checks the keys and values of the axes.
    private func checkAxes(_ axes: [VariantAxisAST]) throws(LitmusError) {
        var seen: [String: SourceLocation] = [:]
        for axis in axes {
            let key = axis.key.value
            guard Lowerer.variantKeys.contains(key) else {
                throw error("a variants block cannot vary '\(key)' (it varies: \(Lowerer.variantKeys.joined(separator: ", ")))",
                            at: axis.key.location, suggesting: key, among: Lowerer.variantKeys)
            }
            if let first = seen[key] {
                throw error("the axis '\(key)' is given twice; the first is at \(first.line):\(first.column)", at: axis.key.location)
            }
            seen[key] = axis.key.location
            var values: Set<String> = []
            for alternative in axis.alternatives where !values.insert(alternative.value.value).inserted {
                throw error("'\(alternative.value.value)' appears twice in '\(key)'; the values of an axis tell its variants apart",
                            at: alternative.value.location)
            }
        }
    }

    /// Every combination of alternatives, the first axis varying slowest. An alternative limited
    /// by a condition is available only where the earlier axes match it; an axis with no
    /// available alternative does not apply to that variant.
    private static func combinations(of axes: [VariantAxisAST], conditions: [[VariantSelector?]]) -> [Combination] {
        var combinations: [Combination] = [[:]]
        for (index, axis) in axes.enumerated() {
            var next: [Combination] = []
            for combination in combinations {
                let values = Lowerer.values(of: combination, axes: axes)
                let available = axis.alternatives.indices.filter { conditions[index][$0]?.matches(values) ?? true }
                if available.isEmpty { next.append(combination) }
                for alternative in available {
                    var extended = combination
                    extended[index] = alternative
                    next.append(extended)
                }
            }
            combinations = next
        }
        return combinations
    }

    /// The value each axis of a combination takes, by axis.
    private static func values(of combination: Combination, axes: [VariantAxisAST]) -> [Int: String] {
        combination.reduce(into: [:]) { $0[$1.key] = axes[$1.key].alternatives[$1.value].value.value }
    }

    /// The file with the combination's settings in place of its own.
    private func applying(_ combination: Combination, of axes: [VariantAxisAST]) throws(LitmusError) -> ScenarioAST {
        var result = ast
        result.variantExpectations = []
        var features: [(key: Located<String>, value: Located<String>)] = []
        for index in combination.keys.sorted() {
            let axis = axes[index]
            let alternative = axis.alternatives[combination[index]!]
            let key = axis.key.value
            if key == "arch" || Lowerer.iommuAttributes.contains(key), let extra = alternative.attributes.first {
                throw error("a value of '\(key)' takes no attributes", at: extra.name.location)
            }
            if key == "arch" {
                result.arch = alternative.value
            } else if Lowerer.iommuAttributes.contains(key) {
                features.append((axis.key, alternative.value))
            } else {
                let setting = SettingAST(key: axis.key, value: alternative.value, attributes: alternative.attributes)
                if let position = result.settings.firstIndex(where: { $0.key.value == key }) {
                    result.settings[position] = setting
                } else {
                    result.settings.append(setting)
                }
            }
        }
        guard let first = features.first else { return result }
        // A feature axis sets an attribute of the `iommu` line, or of the architecture's default
        // IOMMU when the file has none.
        let position: Int
        if let found = result.settings.firstIndex(where: { $0.key.value == "iommu" }) {
            position = found
        } else {
            let architecture = Architecture(rawValue: result.arch.value.lowercased()) ?? .arm64
            result.settings.append(SettingAST(key: Located("iommu", at: first.key.location),
                                              value: Located(Lowerer.defaultIOMMU(for: architecture).rawValue,
                                                             at: first.key.location)))
            position = result.settings.count - 1
        }
        for feature in features {
            result.settings[position].attributes.removeAll { $0.name.value == feature.key.value }
            result.settings[position].attributes.append(AttributeAST(name: feature.key, value: feature.value))
        }
        return result
    }

    // MARK: - Selectors

    /// Resolves a selector's terms to axes among `candidates` (the axes above an alternative for
    /// a condition; every axis for an expectation).
    private func resolve(_ selector: SelectorAST, axes: [VariantAxisAST], among candidates: [Int],
                         condition: Bool) throws(LitmusError) -> VariantSelector {
        var terms: [(axis: Int, values: Set<String>)] = []
        for term in selector.terms {
            let axis: Int
            if let key = term.key {
                guard let found = candidates.first(where: { axes[$0].key.value == key.value }) else {
                    if condition, axes.contains(where: { $0.key.value == key.value }) {
                        throw error("a condition names only axes written above its own; '\(key.value)' is not",
                                    at: key.location)
                    }
                    let keys = candidates.map { axes[$0].key.value }
                    throw error("no axis '\(key.value)' (axes: \(keys.joined(separator: ", ")))", at: key.location,
                                suggesting: key.value, among: keys)
                }
                axis = found
            } else {
                let word = term.values[0]
                let holders = candidates.filter { axes[$0].alternatives.contains { $0.value.value == word.value } }
                guard let found = holders.first else {
                    let values = candidates.flatMap { axes[$0].alternatives.map(\.value.value) }
                    throw error("no axis\(condition ? " above this one" : "") has the value '\(word.value)'",
                                at: word.location, suggesting: word.value, among: values)
                }
                guard holders.count == 1 else {
                    let keys = holders.map { axes[$0].key.value }
                    throw error("'\(word.value)' is a value of \(keys.joined(separator: " and ")); write \(keys[0])=\(word.value)",
                                at: word.location)
                }
                axis = found
            }
            let known = axes[axis].alternatives.map(\.value.value)
            for value in term.values where !known.contains(value.value) {
                throw error("'\(value.value)' is not a value of '\(axes[axis].key.value)' (values: \(known.joined(separator: ", ")))",
                            at: value.location, suggesting: value.value, among: known)
            }
            terms.append((axis, Set(term.values.map(\.value))))
        }
        return VariantSelector(terms: terms)
    }

    /// Of the qualified expectations `matching` a variant (indices in source order), the last
    /// one for each property.
    private func lastPerProperty(_ matching: [Int]) -> [Int] {
        var chosen: [String: Int] = [:]
        for index in matching { chosen[ast.variantExpectations[index].expectation.property] = index }
        return chosen.values.sorted()
    }

    /// The error for two qualified expectations about the same property that match one variant.
    private func refuseOverlaps(_ matching: [Int], label: VariantLabel) throws(LitmusError) {
        var first: [String: Int] = [:]
        for index in matching {
            let expectation = ast.variantExpectations[index]
            if let other = first[expectation.expectation.property] {
                let at = ast.variantExpectations[other].selector.location
                throw error("two expectations for \(expectation.expectation.property) apply to the variant \(label) "
                            + "(the other is at \(at.line):\(at.column))", at: expectation.selector.location)
            }
            first[expectation.expectation.property] = index
        }
    }
}

/// A resolved selector: every term's axis must apply to the variant with one of its values.
struct VariantSelector {
    var terms: [(axis: Int, values: Set<String>)]

    func matches(_ values: [Int: String]) -> Bool {
        terms.allSatisfy { term in values[term.axis].map(term.values.contains) ?? false }
    }
}

extension ExpectationAST {
    /// What the expectation is about: `Result`, or `Expect: PROPERTY`.
    var property: String {
        switch self {
        case .result: "Result"
        case let .expect(property, _): "Expect: \(property.value)"
        }
    }
}
