@testable import ShootdownModel
import Testing

/// ``World/usedFrames(in:)`` reads the frames in use off whole state words; it must agree with
/// reading every frame's state field one by one.
@Suite("Used frames")
struct UsedFramesTests {
    @Test("the word-wise mask equals the frames whose state is not unused, in every reachable state")
    func agreesWithFieldByField() {
        var compared = 0
        var sawFreed = false
        for (name, world) in FootprintSoundnessTests.worlds where world.frameMasks.enabled {
            for state in FootprintSoundnessTests.reachable(world, limit: 5_000) {
                var expected: UInt64 = 0
                for frame in 0 ..< world.frameCount where world.frameState(frame, in: state) != .unused {
                    expected |= 1 << UInt64(frame)
                    if world.frameState(frame, in: state) == .freed { sawFreed = true }
                }
                compared += 1
                #expect(world.usedFrames(in: state) == expected, "\(name)")
                if world.usedFrames(in: state) != expected { return }
            }
        }
        #expect(compared > 10_000)
        #expect(sawFreed)
    }
}
