/// An edit a policy makes to the kernel's step programs: insert steps right after every step at
/// a code site. Policies are data, so two of them can be diffed and a repair search can try a
/// notification at each candidate site.
public struct ProgramRewrite: Sendable, Equatable {
    /// The site (`function.call`) after which the steps go.
    public var afterSite: String
    /// The steps to insert, in order.
    public var steps: [Step]

    public init(afterSite: String, steps: [Step]) {
        self.afterSite = afterSite
        self.steps = steps
    }

    /// Applies the rewrite to a symbolic program.
    func apply(to source: [Instruction]) -> [Instruction] {
        var result: [Instruction] = []
        result.reserveCapacity(source.count + steps.count)
        for instruction in source {
            result.append(instruction)
            if case let .step(step) = instruction, step.site == afterSite {
                result.append(contentsOf: steps.map(Instruction.step))
            }
        }
        return result
    }
}
