import ShootdownModel

extension Lowerer {
    static let settingKeys = ["policy", "iommu", "tlb-capacity", "faults", "mirror"]
    static let iommuAttributes = ["btm", "ats", "range", "prefetch", "tlbi-max-ops", "asid"]

    mutating func lowerSettings() throws(LitmusError) {
        var seen: Set<String> = []
        for setting in ast.settings {
            let key = setting.key.value
            guard Lowerer.settingKeys.contains(key) else {
                throw error("unknown setting '\(key)' (known: \(Lowerer.settingKeys.joined(separator: ", ")))",
                            at: setting.key.location, suggesting: key, among: Lowerer.settingKeys)
            }
            guard seen.insert(key).inserted else { throw error("'\(key)' is set twice", at: setting.key.location) }
            switch key {
            case "policy":
                let names = KernelPolicy.all.map(\.name)
                guard let policy = KernelPolicy.named(setting.value.value) else {
                    throw error("unknown policy '\(setting.value.value)' (known: \(names.joined(separator: ", ")))",
                                at: setting.value.location, suggesting: setting.value.value, among: names)
                }
                if let extra = setting.attributes.first {
                    throw error("policy takes no attributes", at: extra.name.location)
                }
                self.policy = policy
            case "iommu":
                try lowerIOMMU(setting)
            case "mirror":
                let names = MirrorConfiguration.Kind.allCases.map(\.rawValue) + ast.subscribers.map(\.name.value)
                if ast.subscribers.contains(where: { $0.name.value == setting.value.value }) {
                    if let extra = setting.attributes.first {
                        throw error("mirror takes no attributes", at: extra.name.location)
                    }
                    userSubscriberName = setting.value  // lowered with the subscriber blocks
                    continue
                }
                guard let kind = MirrorConfiguration.Kind(rawValue: setting.value.value) else {
                    throw error("unknown range subscriber '\(setting.value.value)' (known: \(names.joined(separator: ", ")))",
                                at: setting.value.location, suggesting: setting.value.value, among: names)
                }
                if let extra = setting.attributes.first {
                    throw error("mirror takes no attributes", at: extra.name.location)
                }
                self.mirror = MirrorConfiguration(kind: kind)
            case "faults":
                let names = FaultHandling.allCases.map(\.rawValue)
                guard let faults = FaultHandling(rawValue: setting.value.value) else {
                    throw error("unknown fault handling '\(setting.value.value)' (known: \(names.joined(separator: ", ")))",
                                at: setting.value.location, suggesting: setting.value.value, among: names)
                }
                if let extra = setting.attributes.first {
                    throw error("faults takes no attributes", at: extra.name.location)
                }
                self.faults = faults
            default:
                tlbCapacity = try positiveInteger(setting.value, what: "tlb-capacity")
                if let extra = setting.attributes.first {
                    throw error("tlb-capacity takes no attributes", at: extra.name.location)
                }
            }
        }
    }

    private mutating func lowerIOMMU(_ setting: SettingAST) throws(LitmusError) {
        let kinds = IOMMUConfiguration.Kind.allCases.map(\.rawValue)
        guard let kind = IOMMUConfiguration.Kind(rawValue: setting.value.value) else {
            throw error("unknown IOMMU '\(setting.value.value)' (known: \(kinds.joined(separator: ", ")))",
                        at: setting.value.location, suggesting: setting.value.value, among: kinds)
        }
        var iommu = IOMMUConfiguration(kind: kind)
        for attribute in setting.attributes {
            let name = attribute.name.value
            guard Lowerer.iommuAttributes.contains(name) else {
                throw error("unknown IOMMU feature '\(name)' (known: \(Lowerer.iommuAttributes.joined(separator: ", ")))",
                            at: attribute.name.location, suggesting: name, among: Lowerer.iommuAttributes)
            }
            if name == "asid" {
                guard let value = attribute.value, value.value == "shared" || value.value == "private" else {
                    throw error("asid takes 'shared' (the 6.6-era SMMUv3 driver, the CPU's ASID) or 'private' (the current driver)",
                                at: (attribute.value ?? attribute.name).location, suggesting: attribute.value?.value,
                                among: ["shared", "private"])
                }
                iommu.privateASID = value.value == "private"
                continue
            }
            if name == "tlbi-max-ops" {
                guard let value = attribute.value else {
                    throw error("tlbi-max-ops needs a number of pages, e.g. tlbi-max-ops=512", at: attribute.name.location)
                }
                iommu.maxTLBIOps = try positiveInteger(value, what: "tlbi-max-ops")
                continue
            }
            let on = try switchValue(attribute)
            switch name {
            case "btm": iommu.btm = on
            case "ats": iommu.ats = on
            case "prefetch": iommu.prefetch = on
            default: iommu.rangeInvalidation = on
            }
        }
        if let problem = Lowerer.misfit(of: iommu, on: architecture) {
            // A variant of a matrix is skipped rather than refused: the combination is the problem.
            guard toleratesMisfit else { throw error(problem, at: setting.value.location) }
            misfit = problem
        }
        self.iommu = iommu
    }

    /// Why the model rejects `iommu` on `architecture`, or `nil` when they fit together.
    static func misfit(of iommu: IOMMUConfiguration, on architecture: Architecture) -> String? {
        switch (iommu.kind, architecture) {
        case (.smmuv3, .x86): return "an SMMUv3 belongs to an arm64 system; use 'iommu = vtd' or 'iommu = amd' on x86"
        case (.vtd, .arm64), (.amd, .arm64):
            return "a \(iommu.kind.rawValue) IOMMU belongs to an x86 system; use 'iommu = smmuv3' on arm64"
        default: break
        }
        if iommu.privateASID && iommu.kind != .smmuv3 { return "asid=private is an SMMUv3 setting" }
        if iommu.btm && iommu.kind != .smmuv3 {
            return "btm (broadcast TLB maintenance) is an SMMUv3 feature"
        }
        return nil
    }

    /// The IOMMU of a system whose file names none.
    static func defaultIOMMU(for architecture: Architecture) -> IOMMUConfiguration.Kind {
        architecture == .arm64 ? .smmuv3 : .vtd
    }

    private func switchValue(_ attribute: AttributeAST) throws(LitmusError) -> Bool {
        guard let value = attribute.value else { return true }
        switch value.value {
        case "on", "yes", "true", "1": return true
        case "off", "no", "false", "0": return false
        default:
            throw error("'\(attribute.name.value)' is 'on' or 'off', not '\(value.value)'", at: value.location,
                        suggesting: value.value, among: ["on", "off"])
        }
    }

    func positiveInteger(_ word: Located<String>, what: String) throws(LitmusError) -> Int {
        guard let value = word.integerValue, value >= 1 else {
            throw error("\(what) must be a positive integer, not '\(word.value)'", at: word.location)
        }
        return value
    }
}
