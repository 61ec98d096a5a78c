/// One transition: thread `thread` takes its next step. `choice` picks among the
/// alternatives of a nondeterministic step (which entry a fill into a full TLB evicts).
public struct WorldAction: Hashable, Sendable {
    public var thread: UInt8
    public var choice: UInt8

    public init(thread: Int, choice: Int = 0) {
        self.thread = UInt8(thread)
        self.choice = UInt8(choice)
    }
}
