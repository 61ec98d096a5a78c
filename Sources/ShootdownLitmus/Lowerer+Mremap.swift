import ShootdownModel

/// `mremap(x, y)` and `mremap(x, y, MREMAP_DONTUNMAP)`: what the model can move, and where.
extension Lowerer {
    /// The one flag a scenario writes; `MREMAP_MAYMOVE | MREMAP_FIXED` are implied.
    static let mremapFlag = "MREMAP_DONTUNMAP"

    /// The page `mremap(page, y …)` moves `page` to: a declared page other than `page`, with no
    /// VMA, of an anonymous page outside a contiguous hugetlb group.
    func lowerMoveTarget(_ page: Int, _ arguments: [Located<String>]) throws(LitmusError) -> Int {
        let target = try resolvePage(arguments[1])
        guard target != page else {
            throw error("mremap moves a page to another one: the new page must differ from '\(arguments[0].value)'",
                        at: arguments[1].location)
        }
        guard pages[page].backing == .anonymous, !pages[page].contiguous else {
            throw error("mremap moves an anonymous page; '\(arguments[0].value)' is \(pages[page].contiguous ? "part of a contiguous hugetlb mapping" : "not anonymous")",
                        at: arguments[0].location)
        }
        guard pages[target].unmapped, !pages[target].contiguous else {
            throw error("mremap moves to a page with no VMA (MREMAP_FIXED would unmap what is there first, which the model does not do): declare '\(arguments[1].value)' as 'page \(arguments[1].value): unmapped'",
                        at: arguments[1].location)
        }
        return target
    }

    /// Checks the scenario's mremaps together: a page is the new page of one mremap at most, and
    /// no other thread runs on either page an operation that finds the page through the rmap
    /// rather than under the mmap lock (migration, KSM, uprobes, dmirror's RELEASE, a scenario
    /// path). The model keeps those on the virtual page they name, where mremap may move the
    /// page away from under them.
    func checkMoves() throws(LitmusError) {
        var targeted: Set<Int> = []
        for (index, thread) in ast.threads.enumerated() {
            for cell in thread.operations {
                guard case let .call(_, name, arguments) = cell.kind, name.value == "mremap",
                      let (page, target) = movingPages(arguments) else { continue }
                guard targeted.insert(target).inserted else {
                    throw error("page '\(arguments[1].value)' is already the new page of another mremap; a page is moved to once",
                                at: arguments[1].location)
                }
                for (other, declaration) in threads.enumerated() where other != index {
                    guard let clash = declaration.operations.first(where: { findsPageByRmap($0, page: page) || findsPageByRmap($0, page: target) })
                    else { continue }
                    throw error("mremap moves '\(arguments[0].value)' to '\(arguments[1].value)' while thread \(declaration.name) runs \(describe(clash)), which finds its page through the rmap, not under the mmap lock; the model keeps it on the page it names, so no other thread may run it on either page",
                                at: name.location)
                }
            }
        }
    }

    /// The page and new page of the mremap written with `arguments`.
    private func movingPages(_ arguments: [Located<String>]) -> (Int, Int)? {
        guard arguments.count >= 2, let page = pageIndex[arguments[0].value], let target = pageIndex[arguments[1].value] else {
            return nil
        }
        return (page, target)
    }

    /// Whether `operation` acts on `page` through the rmap (or as a scenario path, which may).
    private func findsPageByRmap(_ operation: Operation, page: Int) -> Bool {
        switch operation {
        case let .kernel(kind, p, _):
            return p == page && [.migrate, .ksmMerge, .uprobeReplacePage].contains(kind)
        case let .path(_, p):
            return p == page
        case .dmirror(.release, _, _):
            // dmirror_device_evict_chunk evicts every page of the device, wherever it is mapped.
            return true
        default:
            return false
        }
    }

    /// How a scenario writes the operation, for messages.
    private func describe(_ operation: Operation) -> String {
        let name = { (page: Int) in self.pages[page].name }
        switch operation {
        case let .kernel(kind, page, target): return kind.spelled(page: name(page), target: target.map(name) ?? "y")
        case let .path(index, page): return "\(paths[index].name)(\(name(page)))"
        case let .dmirror(command, page, _): return command.spelled(page: name(page))
        default: return "an operation"
        }
    }
}
