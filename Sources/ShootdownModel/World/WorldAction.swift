/// One transition: thread `thread` takes its next step. `choice` picks among the
/// alternatives of a nondeterministic step (which entry a fill into a full TLB evicts).
///
/// `fills`, when not empty, names pages whose speculative IOTLB fills run first, fused into the
/// step (``World/fusesSpeculativeFills``): bit `p` for page `p`.
public struct WorldAction: Hashable, Sendable {
    public var thread: UInt8
    public var choice: UInt8
    public var fills: UInt64

    public init(thread: Int, choice: Int = 0, fills: UInt64 = 0) {
        self.thread = UInt8(thread)
        self.choice = UInt8(choice)
        self.fills = fills
    }
}
