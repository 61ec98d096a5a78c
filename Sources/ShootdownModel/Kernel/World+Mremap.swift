/// The effect of mremap's steps (``MremapProgram``): the VMA and the entry of the thread's page
/// move to the operation's target page.
extension World {
    /// The page the thread's current operation moves its page to (mremap's new address), if it
    /// has one.
    func moveTarget(of thread: Int, in state: WorldState) -> Int? {
        currentOperation(thread, in: state)?.moveTarget
    }

    func performMoveStep(_ kind: StepKind, thread: Int, page: Int, in state: inout WorldState, log: inout StepLog) {
        guard let target = moveTarget(of: thread, in: state) else {
            preconditionFailure("\(kind) runs only in mremap, which names a target page")
        }
        let fields = layout.threads[thread]
        let name = pageName(page), targetName = pageName(target)
        switch kind {
        case .copyVMA:
            // copy_vma: the new VMA has the old one's flags (vm_flags, vm_page_prot).
            state.setFlag(layout.vmaPresent[target], state.flag(layout.vmaPresent[page]))
            state.setFlag(layout.vmaWritable[target], state.flag(layout.vmaWritable[page]))
            state.setFlag(layout.vmaNone[target], state.flag(layout.vmaNone[page]))
            log.effect("VMA of \(targetName) created with the flags of \(name)'s")
        case .takeMovedPTE:
            // get_and_clear_full_ptes; force_flush when the entry was present.
            let entry = pte(page, in: state)
            setPTE(page, .none, in: &state)
            setOrig(thread, entry, in: &state)
            state.setFlag(fields.changed, entry.present)
            log.effect("pte[\(name)] (\(entry)) taken off the old address")
        case .setMovedPTE:
            let entry = orig(thread, in: state)
            setPTE(target, entry, in: &state)
            log.effect("pte[\(targetName)] = \(entry)")
        case .unmapSourceVMA:
            state.setFlag(layout.vmaPresent[page], false)
            state.setFlag(layout.vmaWritable[page], false)
            state.setFlag(layout.vmaNone[page], false)
            log.effect("VMA of \(name) removed")
        default:
            preconditionFailure("\(kind) is not an mremap step")
        }
    }
}
