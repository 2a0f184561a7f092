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
        let cleaned = try FootContactCleanup(legReach: nil).apply(frames)
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
        let pinned = try FrameEncoding.decode(try FootContactCleanup(legReach: nil).apply(frames)).joints
        XCTAssertLessThan(try QualityMetrics.footSliding(pinned), 1e-5)
        XCTAssertEqual(try FrameEncoding.decode(try FootContactCleanup(pinFeet: false, legReach: nil).apply(frames)).joints.positions,
                       try FrameEncoding.decode(frames).joints.positions)   // the right foot anchors: no body shift
        // A pin never holds a foot further than `maximumPin` from where the network put it.
        let capped = try FrameEncoding.decode(try FootContactCleanup(maximumPin: 0.02, legReach: nil).apply(frames)).joints
        let original = try FrameEncoding.decode(frames).joints
        for t in 0..<still.frameCount {
            let d = capped[frame: t, joint: foot] - original[frame: t, joint: foot]
            XCTAssertLessThanOrEqual((d * d).sum().squareRoot(), 0.02 + 1e-5)
        }
    }

    func testFastFeetAreNotPlanted() throws {
        // 6 cm per frame (1.2 m/s) is above the planted-speed bound: nothing changes.
        let frames = try gliding(step: 0.06)
        XCTAssertEqual(try FootContactCleanup(legReach: nil).apply(frames).values, frames.values)
    }

    func testAHoveringClipIsGroundedBeforeContactsAreRead() throws {
        // The network's positions put a standing body 15 cm up, its feet drifting 4 mm per frame.
        let still = try gliding(step: 0, frames: 21)
        var values = still.values
        for t in 0..<still.frameCount {
            let row = t * FrameLayout.dimension
            for j in 0..<SMPLJoint.count { values[row + FrameLayout.jointPositions.lowerBound + j * 3 + 2] += 0.15 }
            values[row + FrameLayout.rootTranslation.lowerBound + 2] += 0.15
            for foot in FootContactCleanup.feet {
                values[row + FrameLayout.jointPositions.lowerBound + foot * 3] += 0.004 * Float(t)
                values[row + FrameLayout.jointVelocities.lowerBound + foot * 3] += 0.004
            }
        }
        let frames = FeatureFrames(fps: 20, values: values)
        let grounded = try FrameEncoding.decode(try FootContactCleanup(pinFeet: false).grounded(frames, quantile: 0.05)).joints
        XCTAssertEqual(grounded[frame: 10, joint: SMPLJoint.leftFoot.rawValue].z,
                       try FrameEncoding.decode(still).joints[frame: 10, joint: SMPLJoint.leftFoot.rawValue].z, accuracy: 1e-5)
        XCTAssertLessThan(try QualityMetrics.footSliding(try FrameEncoding.decode(try FootContactCleanup().apply(frames)).joints), 1e-5)
        // Without grounding the feet are too high to read as planted and keep sliding.
        XCTAssertEqual(try QualityMetrics.footSliding(try FrameEncoding.decode(try FootContactCleanup(groundQuantile: nil).apply(frames)).joints),
                       0.004, accuracy: 1e-4)
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

final class FootSkateCleanupTests: XCTestCase {
    /// A crouched body (hips and ankles flexed, knees bent) whose root glides `step` metres per
    /// frame along x with both feet on the floor: a shuffling walk whose feet slide with it.
    private func slidingCrouch(step: Float, frames: Int = 24, knee kneeAngle: Float = -1.0) throws -> FeatureFrames {
        let n = SMPLJoint.count
        var pose = [Mat3](repeating: .identity, count: n)
        for (hip, knee, ankle) in [(SMPLJoint.leftHip, SMPLJoint.leftKnee, SMPLJoint.leftAnkle),
                                   (SMPLJoint.rightHip, SMPLJoint.rightKnee, SMPLJoint.rightAnkle)] {
            pose[hip.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: 0.5)
            pose[knee.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: kneeAngle)
            pose[ankle.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: 0.5)
        }
        let rest = Skeleton.smpl22.forwardKinematics(rootPosition: .zero, rotations: ArraySlice(pose))
        let lift = 0.01 - min(rest[SMPLJoint.leftFoot.rawValue].z, rest[SMPLJoint.rightFoot.rawValue].z)
        let motion = SMPLMotion(fps: 20, rootTranslation: (0..<frames).map { SIMD3(Float($0) * step, 0, lift) },
                                rotations: Array((0..<frames).map { _ in pose }.joined()), skeleton: .smpl22)
        return try FrameEncoding.encode(motion)
    }

    func testASlidingCrouchIsHeldWithRigidBonesAndFeetOnTheirLegs() throws {
        let frames = try slidingCrouch(step: 0.006)
        let before = try QualityMetrics.footSliding(try FrameEncoding.decode(frames).joints)
        XCTAssertEqual(before, 0.006, accuracy: 1e-4)
        let cleaned = try FootSkateCleanup().apply(frames)
        XCTAssertEqual(cleaned.frameCount, frames.frameCount)
        let integrated = try FrameEncoding.decode(cleaned).joints
        XCTAssertLessThan(try QualityMetrics.footSliding(integrated), 2e-4)
        // The body still travels (the root is not dragged back to the feet).
        let pelvis = SMPLJoint.pelvis.rawValue
        XCTAssertGreaterThan(integrated[frame: integrated.frameCount - 1, joint: pelvis].x - integrated[frame: 0, joint: pelvis].x, 0.1)
        // Positions, velocities and rotations agree: the integrated joints are the FK of the
        // decoded rotations, so every bone keeps the skeleton's length and each foot hangs off its leg.
        let fk = try FrameEncoding.decode(cleaned, appendFinalPose: true).smpl.joints()
        let skeleton = Skeleton.smpl22
        for t in 0..<integrated.frameCount {
            for j in 0..<SMPLJoint.count {
                XCTAssertLessThan(length(integrated[frame: t, joint: j] - fk[frame: t, joint: j]), 1e-3)
                let parent = skeleton.parents[j]
                guard parent >= 0 else { continue }
                XCTAssertEqual(length(integrated[frame: t, joint: j] - integrated[frame: t, joint: parent]),
                               skeleton.boneLengths[j], accuracy: 1e-3)
            }
        }
        // The leg rotations changed (exports show the fix too).
        let rotations = FrameLayout.localRotations
        XCTAssertNotEqual(Array(cleaned.values[(10 * FrameLayout.dimension + rotations.lowerBound)..<(10 * FrameLayout.dimension + rotations.upperBound)]),
                          Array(frames.values[(10 * FrameLayout.dimension + rotations.lowerBound)..<(10 * FrameLayout.dimension + rotations.upperBound)]))
    }

    func testKneesBentTheWrongWayStillHoldTheFeet() throws {
        // Generated poses can bend a knee backwards; leg IK must still reach (it did not when
        // LegReach's knee guard applied here: Foot Sliding 3.6× → 14× on the small preset).
        let frames = try slidingCrouch(step: 0.006, knee: 0.6)
        let cleaned = try FrameEncoding.decode(try FootSkateCleanup().apply(frames)).joints
        XCTAssertLessThan(try QualityMetrics.footSliding(cleaned), 2e-4)
    }

    func testASunkBodyIsLiftedOntoTheFloorAndAFloatingOneIsLeftAlone() throws {
        func moved(_ frames: FeatureFrames, up: Float) -> FeatureFrames {
            var values = frames.values
            for t in 0..<frames.frameCount {
                let row = t * FrameLayout.dimension
                values[row + FrameLayout.rootTranslation.lowerBound + 2] += up
                for j in 0..<SMPLJoint.count { values[row + FrameLayout.jointPositions.lowerBound + j * 3 + 2] += up }
            }
            return FeatureFrames(fps: frames.fps, values: values)
        }
        let still = try slidingCrouch(step: 0)
        // 10 cm under the floor: lifted until the feet stand at `groundHeight` (1 cm).
        let lifted = try FrameEncoding.decode(try FootSkateCleanup().apply(moved(still, up: -0.1))).joints
        for t in 0..<lifted.frameCount {
            XCTAssertEqual(FootSkateCleanup.lowerFootHeight(lifted, frame: t), 0.01, accuracy: 1e-4)
        }
        // 30 cm up, contact heights counted from the floor: nothing is near it, nothing changes.
        let floating = moved(try slidingCrouch(step: 0.006), up: 0.3)
        let cleaned = try FrameEncoding.decode(try FootSkateCleanup(standingQuantile: nil).apply(floating)).joints
        let original = try FrameEncoding.decode(floating).joints
        for (a, b) in zip(cleaned.positions, original.positions) { XCTAssertLessThan(length(a - b), 1e-4) }
        // Counted from the motion's own standing level, its gliding feet are held.
        let held = try FrameEncoding.decode(try FootSkateCleanup().apply(floating)).joints
        XCTAssertLessThan(try QualityMetrics.footSliding(held), 0.1 * (try QualityMetrics.footSliding(original)))
    }
}
