import Motion
import XCTest
@testable import ViMoGen

final class FootContactCleanupTests: XCTestCase {
    /// A rest-pose body on the floor whose root glides `step` metres per frame along x.
    private func gliding(step: Float, frames: Int = 30) throws -> FeatureFrames {
        let n = SMPLJoint.count
        let motion = SMPLMotion(fps: 20, rootTranslation: (0..<frames).map { SIMD3(Float($0) * step, 0.9, 0) },
                                rotations: [Mat3](repeating: .identity, count: frames * n), skeleton: .smpl22)
        return try FrameEncoding.encode(Canonicalization.canonicalize(motion).motion)
    }

    func testPlantedFeetStopSlidingAndChannelsStayConsistent() throws {
        let frames = try gliding(step: 0.008)
        let before = try QualityMetrics.footSliding(try FrameEncoding.decode(frames).joints)
        XCTAssertEqual(before, 0.008, accuracy: 1e-4)
        let cleaned = try FootContactCleanup().apply(frames)
        let integrated = try FrameEncoding.decode(cleaned).joints
        XCTAssertLessThan(try QualityMetrics.footSliding(integrated), 1e-5)
        // Direct decoding (position channels) agrees with integrating the corrected velocities.
        let direct = try FrameEncoding.decode(cleaned, .direct).joints
        let gap = zip(direct.positions, integrated.positions).map { (($0 - $1) * ($0 - $1)).sum().squareRoot() }.max()!
        XCTAssertLessThan(gap, 1e-4)
        // Rotations are untouched.
        for t in 0..<cleaned.frameCount {
            let row = t * FrameLayout.dimension
            XCTAssertEqual(Array(cleaned.values[row..<(row + 126)]), Array(frames.values[row..<(row + 126)]))
        }
    }

    func testAGlidingFootIsPinnedWhileTheOtherAnchors() throws {
        // The body stands still; only the left foot's channels glide 8 mm per frame.
        let still = try gliding(step: 0, frames: 11)
        var values = still.values
        let foot = SMPLJoint.leftFoot.rawValue
        for t in 0..<still.frameCount {
            let row = t * FrameLayout.dimension
            values[row + FrameLayout.jointPositions.lowerBound + foot * 3] += 0.008 * Float(t)
            values[row + FrameLayout.jointVelocities.lowerBound + foot * 3] += 0.008
        }
        let frames = FeatureFrames(fps: 20, values: values)
        XCTAssertGreaterThan(try QualityMetrics.footSliding(try FrameEncoding.decode(frames).joints), 0.003)
        let pinned = try FrameEncoding.decode(try FootContactCleanup().apply(frames)).joints
        XCTAssertLessThan(try QualityMetrics.footSliding(pinned), 1e-5)
        XCTAssertEqual(try FrameEncoding.decode(try FootContactCleanup(pinFeet: false).apply(frames)).joints.positions,
                       try FrameEncoding.decode(frames).joints.positions)   // the right foot anchors: no body shift
        // A pin never holds a foot further than `maximumPin` from where the network put it.
        let capped = try FrameEncoding.decode(try FootContactCleanup(maximumPin: 0.02).apply(frames)).joints
        let original = try FrameEncoding.decode(frames).joints
        for t in 0..<still.frameCount {
            let d = capped[frame: t, joint: foot] - original[frame: t, joint: foot]
            XCTAssertLessThanOrEqual((d * d).sum().squareRoot(), 0.02 + 1e-5)
        }
    }

    func testFastFeetAreNotPlanted() throws {
        // 5 cm per frame (1 m/s) is above the planted-speed bound: nothing changes.
        let frames = try gliding(step: 0.05)
        XCTAssertEqual(try FootContactCleanup().apply(frames).values, frames.values)
    }

    func testPlantedWeightFadesBetweenTheBounds() {
        let cleanup = FootContactCleanup(height: 0.06, speed: 0.03, lockedFraction: 0.5)
        XCTAssertEqual(cleanup.plantedWeight(height: 0.01, speed: 0.01), 1)
        XCTAssertEqual(cleanup.plantedWeight(height: 0.045, speed: 0.01), 0.5, accuracy: 1e-6)
        XCTAssertEqual(cleanup.plantedWeight(height: 0.01, speed: 0.03), 0)
        XCTAssertEqual(cleanup.plantedWeight(height: 0.2, speed: 0), 0)
    }

    func testEMAWarmupRampsToTheTarget() {
        XCTAssertEqual(EMAWarmup.decay(target: 0.999, step: 1), 2.0 / 11.0, accuracy: 1e-7)
        XCTAssertEqual(EMAWarmup.decay(target: 0.999, step: 600), 601.0 / 610.0, accuracy: 1e-7)
        XCTAssertEqual(EMAWarmup.decay(target: 0.99, step: 100_000), 0.99)
    }
}
