/// Which states the world's canonical form (``World/canonical(_:)``) merges: its checker
/// stores one state per class.
public struct CanonicalForm: Sendable {
    /// Merge states that differ by a permutation of interchangeable devices (sound only when
    /// every condition checked is symmetric in them; the caller decides).
    public var deviceSymmetry = true
    /// Merge states whose registers, read by nothing but this final condition, hold values it
    /// cannot tell apart (``RegisterClasses``); `nil`: registers stay exact.
    public var registerCondition: StatePredicate?
    /// Conditions whose registers are never merged: those that hold across a whole execution
    /// (liveness) rather than on its terminal state.
    public var exactRegisterConditions: [StatePredicate] = []

    public init(deviceSymmetry: Bool = true, registerCondition: StatePredicate? = nil,
                exactRegisterConditions: [StatePredicate] = []) {
        self.deviceSymmetry = deviceSymmetry
        self.registerCondition = registerCondition
        self.exactRegisterConditions = exactRegisterConditions
    }
}
