import ShootdownModel

extension Lowerer {
    static let initKeywords = ["page", "tlb", "iotlb", "atc"]
    static let pageAttributes = ["anon", "file", "mixedmap", "vma", "value", "pte", "cow", "contig", "thp", "hugetlb", "unmapped"]

    /// `page x: anon, vma rw, value 0, pte rw clean, cow`
    mutating func lowerPage(_ declaration: InitDeclAST) throws(LitmusError) {
        guard declaration.subjects.count == 1, let name = declaration.subjects.first else {
            throw error("a page declaration names exactly one page, e.g. 'page x: value 0'", at: declaration.keyword.location)
        }
        guard pageIndex[name.value] == nil else { throw error("page '\(name.value)' is declared twice", at: name.location) }
        guard pages.count < World.maximumPages else {
            throw error("a scenario has at most \(World.maximumPages) pages", at: name.location)
        }
        var page = PageDeclaration(name: name.value, mapping: .present(write: true, dirty: true))
        var unmappedAt: Located<String>?
        var pteAt: Located<String>?
        var backingAt: Located<String>?
        var valueAt: Located<String>?
        var hugeAt: Located<String>?
        for group in declaration.groups {
            guard let head = group.first else { continue }
            let rest = Array(group.dropFirst())
            switch head.value {
            case "anon", "file", "mixedmap":
                try expectNothing(after: head, in: rest)
                if let backingAt, backingAt.value != head.value {
                    throw error("a page is 'anon', 'file' or 'mixedmap', not both '\(backingAt.value)' and '\(head.value)'",
                                at: head.location)
                }
                backingAt = head
                switch head.value {
                case "file": page.backing = .privateFile
                case "mixedmap": page.backing = .dmirrorMixedMap
                default: page.backing = .anonymous
                }
            case "cow":
                try expectNothing(after: head, in: rest)
                page.cowShared = true
            case "contig":
                try expectNothing(after: head, in: rest)
                page.contiguous = true
            case "thp", "hugetlb":
                if let hugeAt { throw error("a page has one huge mapping, not both '\(hugeAt.value)' and '\(head.value)'", at: head.location) }
                page.huge = try lowerHugeMapping(head, rest)
                hugeAt = head
            case "value":
                guard let first = rest.first, let value = first.integerValue, value >= 0 else {
                    throw error("'value' takes one non-negative integer, e.g. 'value 0'", at: (rest.first ?? head).location)
                }
                try expectNothing(after: first, in: Array(rest.dropFirst()))
                page.value = value
                valueAt = head
            case "vma":
                guard rest.count == 1, ["rw", "ro", "none"].contains(rest[0].value) else {
                    throw error("'vma' takes 'rw', 'ro' or 'none' (PROT_NONE)", at: (rest.first ?? head).location,
                                suggesting: rest.first?.value, among: ["rw", "ro", "none"])
                }
                page.vmaWritable = rest[0].value == "rw"
                page.protNone = rest[0].value == "none"
            case "unmapped":
                try expectNothing(after: head, in: rest)
                page.unmapped = true
                unmappedAt = head
            case "pte":
                page.mapping = try lowerMapping(head, rest)
                pteAt = head
            default:
                throw error("unknown page attribute '\(head.value)' (known: \(Lowerer.pageAttributes.joined(separator: ", ")))",
                            at: head.location, suggesting: head.value, among: Lowerer.pageAttributes)
            }
        }
        try lowerBacking(&page, backingAt: backingAt, pteAt: pteAt, valueAt: valueAt, unmappedAt: unmappedAt)
        if let hugeAt { try checkHugeMapping(page, at: hugeAt, pteAt: pteAt, unmappedAt: unmappedAt) }
        if let unmappedAt {
            if let pteAt, page.mapping != .none {
                throw error("an unmapped page (no VMA) has no PTE but 'pte none'", at: pteAt.location)
            }
            if page.protNone || !page.vmaWritable {
                throw error("an unmapped page has no VMA to give a protection", at: unmappedAt.location)
            }
            page.mapping = .none
        } else if case .present(write: true, _) = page.mapping, !page.vmaWritable, !page.protNone {
            throw error("page '\(name.value)' has a writable PTE in a read-only VMA", at: name.location)
        }
        pageIndex[name.value] = pages.count
        pages.append(page)
    }

    /// `file`: a private file mapping, whose PTE is none unless it maps the page-cache page
    /// (`pte ro`). `mixedmap`: the dmirror device's own mapping, whose `mmap` inserted a zeroed
    /// page; `vm_insert_page` maps it with a private mapping's `vm_page_prot`, read-only.
    private func lowerBacking(_ page: inout PageDeclaration, backingAt: Located<String>?, pteAt: Located<String>?,
                              valueAt: Located<String>?, unmappedAt: Located<String>?) throws(LitmusError) {
        guard let backingAt, backingAt.value != "anon" else { return }
        if let unmappedAt { throw error("an unmapped page has no VMA to be '\(backingAt.value)'", at: unmappedAt.location) }
        if page.cowShared || page.contiguous || page.protNone {
            throw error("a '\(backingAt.value)' page is not cow, contig or PROT_NONE", at: backingAt.location)
        }
        if backingAt.value == "file" {
            if let pteAt {
                guard page.mapping == .none || page.mapping == .present(write: false, dirty: false) else {
                    throw error("a private file page maps nothing ('pte none') or its page-cache page read-only ('pte ro')",
                                at: pteAt.location)
                }
            } else {
                page.mapping = .none
            }
            return
        }
        if let pteAt { throw error("the dmirror's mmap maps its page read-only itself: drop 'pte'", at: pteAt.location) }
        if let valueAt { throw error("the dmirror's mmap inserts a zeroed page: drop 'value'", at: valueAt.location) }
        page.mapping = .present(write: false, dirty: false)
        page.value = 0
    }

    /// `pte none | pte zero | pte ro [clean|dirty] | pte rw [clean|dirty]` (ro is clean, rw dirty by default)
    private func lowerMapping(_ head: Located<String>, _ words: [Located<String>]) throws(LitmusError) -> PageDeclaration.Mapping {
        let forms = ["none", "zero", "ro", "rw"]
        guard let first = words.first else {
            throw error("'pte' takes one of \(forms.joined(separator: ", "))", at: head.location)
        }
        switch first.value {
        case "none", "zero":
            try expectNothing(after: first, in: Array(words.dropFirst()))
            return first.value == "none" ? .none : .zeroPage
        case "ro", "rw":
            let writable = first.value == "rw"
            try expectNothing(after: words[words.count > 2 ? 1 : 0], in: Array(words.dropFirst(2)))
            guard let state = words.dropFirst().first else { return .present(write: writable, dirty: writable) }
            guard state.value == "clean" || state.value == "dirty" else {
                throw error("a PTE is 'clean' or 'dirty', not '\(state.value)'", at: state.location,
                            suggesting: state.value, among: ["clean", "dirty"])
            }
            return .present(write: writable, dirty: state.value == "dirty")
        default:
            throw error("unknown PTE state '\(first.value)' (known: \(forms.joined(separator: ", ")))", at: first.location,
                        suggesting: first.value, among: forms)
        }
    }

    /// `tlb CPU0 x: ro`, `iotlb x: rw`, `atc DEV0 x: ro`
    mutating func lowerInit(_ declaration: InitDeclAST) throws(LitmusError) {
        let keyword = declaration.keyword
        guard Lowerer.initKeywords.contains(keyword.value) else {
            throw error("unknown declaration '\(keyword.value)' (known: \(Lowerer.initKeywords.joined(separator: ", ")))",
                        at: keyword.location, suggesting: keyword.value, among: Lowerer.initKeywords)
        }
        let needsThread = keyword.value != "iotlb"
        guard declaration.subjects.count == (needsThread ? 2 : 1) else {
            let form = needsThread ? "'\(keyword.value) THREAD PAGE: ro|rw'" : "'iotlb PAGE: ro|rw'"
            throw error("expected \(form)", at: keyword.location)
        }
        let pageWord = declaration.subjects.last!
        let page = try resolvePage(pageWord)
        guard declaration.groups.count == 1, declaration.groups[0].count == 1,
              ["ro", "rw"].contains(declaration.groups[0][0].value) else {
            throw error("a cached translation is 'ro' or 'rw'", at: declaration.groups.first?.first?.location ?? keyword.location,
                        suggesting: declaration.groups.first?.first?.value, among: ["ro", "rw"])
        }
        let writable = declaration.groups[0][0].value == "rw"
        if pages[page].protNone {
            throw error("page '\(pageWord.value)' is PROT_NONE: no translation of it can be cached", at: pageWord.location)
        }
        guard case .present = pages[page].mapping else {
            if case .zeroPage = pages[page].mapping, !writable {
                return appendPrefill(keyword, declaration, page: page, writable: false)
            }
            throw error("page '\(pageWord.value)' has no private frame to cache a translation of", at: pageWord.location)
        }
        if writable, case .present(write: false, _) = pages[page].mapping {
            throw error("a writable translation of a read-only PTE cannot be cached", at: declaration.groups[0][0].location)
        }
        if needsThread {
            let threadWord = declaration.subjects[0]
            let thread = try resolveThread(threadWord)
            let wanted: ThreadDeclaration.Kind = keyword.value == "tlb" ? .cpu : .device
            guard threads[thread].kind == wanted else {
                throw error("'\(keyword.value)' belongs to a \(wanted == .cpu ? "CPU" : "device") thread", at: threadWord.location)
            }
            if keyword.value == "atc" && !iommu.ats {
                throw error("an ATC needs ATS: add 'ats=on' to the iommu setting", at: keyword.location)
            }
        }
        appendPrefill(keyword, declaration, page: page, writable: writable)
    }

    private mutating func appendPrefill(_ keyword: Located<String>, _ declaration: InitDeclAST, page: Int, writable: Bool) {
        let cache: PrefilledTranslation.Cache
        switch keyword.value {
        case "tlb": cache = .cpuTLB(thread: threadIndex[declaration.subjects[0].value]!)
        case "atc": cache = .atc(thread: threadIndex[declaration.subjects[0].value]!)
        default: cache = .iotlb
        }
        prefilled.append(PrefilledTranslation(cache: cache, page: page, writable: writable))
    }

    /// Checks that no word follows `word` in its group; one that does most likely lacks a comma.
    private func expectNothing(after word: Located<String>, in rest: [Located<String>]) throws(LitmusError) {
        guard let extra = rest.first else { return }
        let hint = Lowerer.pageAttributes.contains(extra.value) ? "; separate attributes with ','" : ""
        throw error("unexpected '\(extra.value)' after '\(word.value)'\(hint)", at: extra.location)
    }

    func resolvePage(_ word: Located<String>) throws(LitmusError) -> Int {
        guard let index = pageIndex[word.value] else {
            throw error("unknown page '\(word.value)'; declare it in the initial state with 'page \(word.value): ...'",
                        at: word.location, suggesting: word.value, among: pages.map(\.name))
        }
        return index
    }

    func resolveThread(_ word: Located<String>) throws(LitmusError) -> Int {
        guard let index = threadIndex[word.value] else {
            throw error("unknown thread '\(word.value)'", at: word.location, suggesting: word.value,
                        among: threads.map(\.name))
        }
        return index
    }
}
