import ShootdownModel

/// The state of one lowering: the names seen so far and the configuration being built.
struct Lowerer {
    let ast: ScenarioAST
    var architecture = Architecture.arm64
    var policy = KernelPolicy.v6_6
    var iommu = IOMMUConfiguration(kind: .smmuv3)
    var iommuGiven = false
    var tlbCapacity: Int?
    var pages: [PageDeclaration] = []
    var pageIndex: [String: Int] = [:]
    var prefilled: [PrefilledTranslation] = []
    var threads: [ThreadDeclaration] = []
    var threadIndex: [String: Int] = [:]
    var paths: [KernelPath] = []
    var pathIndex: [String: Int] = [:]
    var faults = FaultHandling.handle
    var mirror: MirrorConfiguration?
    /// `mirror = NAME` naming a `subscriber` block, until the blocks are lowered.
    var userSubscriberName: Located<String>?
    /// The subscriber whose fault path each such path is, by the path's name.
    var subscriberOfFaultPath: [String: String] = [:]
    /// Whether an IOMMU that does not fit the architecture is recorded in ``misfit`` instead of
    /// refused (for the variants of a matrix, which are skipped).
    var toleratesMisfit = false
    /// Why the model rejects the IOMMU on this architecture, when ``toleratesMisfit`` is set.
    var misfit: String?
    /// `[thread][register]`: what each register holds, for checking condition constants.
    var registerKinds: [Int: [String: RegisterKind]] = [:]

    /// The variant being lowered, for a file with a variants block.
    var variant: VariantLabel?

    init(ast: ScenarioAST, variant: VariantLabel? = nil) {
        self.ast = ast
        self.variant = variant
    }

    func error(_ message: String, at location: SourceLocation, suggesting word: String? = nil,
               among candidates: [String] = []) -> LitmusError {
        error(message, at: location, suggestion: word.flatMap { NearestWord.suggest($0, among: candidates) })
    }

    func error(_ message: String, at location: SourceLocation, suggestion: String?) -> LitmusError {
        LitmusError(ast.error(message, at: location, suggestion: suggestion))
    }

    mutating func run() throws(LitmusError) -> Scenario {
        try lowerArchitecture()
        try lowerSettings()
        try lowerPaths()
        try lowerSubscribers()
        try lowerThreadNames()
        for declaration in ast.initial where declaration.keyword.value == "page" { try lowerPage(declaration) }
        for declaration in ast.initial where declaration.keyword.value != "page" { try lowerInit(declaration) }
        try lowerThreads()
        try checkMoves()
        let configuration = ModelConfiguration(architecture: architecture, policy: policy, iommu: iommu,
                                               tlbCapacity: tlbCapacity, pages: pages, prefilled: prefilled,
                                               threads: threads, paths: paths, faults: faults,
                                               mirror: mirror)
        var final: FinalCondition?
        if let clause = ast.final {
            let quantifier: FinalCondition.Quantifier
            switch clause.quantifier {
            case .exists: quantifier = .exists
            case .notExists: quantifier = .notExists
            case .forall: quantifier = .forall
            }
            final = FinalCondition(quantifier: quantifier, predicate: try lower(clause.expression), text: clause.text)
        }
        var eventualities: [LivenessCondition] = []
        for clause in ast.eventualities {
            eventualities.append(LivenessCondition(predicate: try lower(clause.expression), text: clause.text))
        }
        let expectations = try lowerExpectations(hasFinal: final != nil, hasLiveness: !eventualities.isEmpty)
        return Scenario(name: ast.name.value, file: ast.name.location.file, description: ast.description,
                        configuration: configuration, final: final, eventualities: eventualities,
                        expectations: expectations, variant: variant, location: ast.name.location,
                        headerLine: Diagnostic.line(ast.name.location.line, of: ast.source))
    }

    private mutating func lowerArchitecture() throws(LitmusError) {
        let names = Architecture.allCases.map(\.rawValue)
        guard let architecture = Architecture(rawValue: ast.arch.value.lowercased()) else {
            throw error("unknown architecture '\(ast.arch.value)' (known: \(names.joined(separator: ", ")))",
                        at: ast.arch.location, suggesting: ast.arch.value, among: names)
        }
        self.architecture = architecture
        iommu = IOMMUConfiguration(kind: Lowerer.defaultIOMMU(for: architecture))
    }
}
