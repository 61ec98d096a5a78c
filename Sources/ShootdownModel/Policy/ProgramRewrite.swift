/// An edit a policy makes to the kernel's step programs, at every step of a code site
/// (`function.call`). Policies are data, so two of them can be diffed and a repair search can
/// try a notification at each candidate site.
public struct ProgramRewrite: Sendable, Equatable {
    /// What happens at the site.
    public enum Edit: Sendable, Equatable {
        /// Insert steps right after the site's step.
        case insertAfter([Step])
        /// Put these steps in place of the site's step (none: delete it).
        case replace(with: [Step])
    }

    /// The site (`function.call`) the edit applies to.
    public var site: String
    public var edit: Edit

    public init(site: String, edit: Edit) {
        self.site = site
        self.edit = edit
    }

    /// Inserts `steps` after every step at `afterSite`.
    public init(afterSite: String, steps: [Step]) {
        self.init(site: afterSite, edit: .insertAfter(steps))
    }

    /// Applies the rewrite to a symbolic program.
    func apply(to source: [Instruction]) -> [Instruction] {
        var result: [Instruction] = []
        result.reserveCapacity(source.count + 4)
        for instruction in source {
            guard case let .step(step) = instruction, step.site == site else {
                result.append(instruction)
                continue
            }
            switch edit {
            case let .insertAfter(steps):
                result.append(instruction)
                result.append(contentsOf: steps.map(Instruction.step))
            case let .replace(steps):
                result.append(contentsOf: steps.map(Instruction.step))
            }
        }
        return result
    }
}
