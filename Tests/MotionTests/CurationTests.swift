import Autograd
import XCTest
@testable import Motion

final class CurationTests: XCTestCase {
    func testResamplingKeepsDurationAndConstantVelocity() {
        let walk = CoreTestMotions.walk(seconds: 4, fps: 30)
        let resampled = Resampling.resample(walk, to: 20)
        XCTAssertEqual(resampled.fps, 20)
        XCTAssertEqual(resampled.frameCount, 80) // poses at 0, 1/20, …, 3.95 s within 119/30 s
        // The forward component moves at 1.2 m/s before and after; low-pass keeps a ramp intact.
        let heading = Mat3(axis: SIMD3(0, 0, 1), angle: 0.4) * SIMD3<Float>(0, 1, 0)
        for k in [0, 1, 40, 79] {
            let along = dot(resampled.rootTranslation[k] - walk.rootTranslation[0], heading)
            XCTAssertEqual(along, 1.2 * Float(k) / 20, accuracy: 2e-3, "pose \(k)")
        }
        // Rotations are interpolated, not snapped: the hip angle at 0.05 s lies between 30-fps samples.
        let hip = resampled.rotation(frame: 1, joint: SMPLJoint.leftHip.rawValue).axisAngle.x
        XCTAssertEqual(hip, 0.45 * sin(2 * .pi * 0.05), accuracy: 0.01)
        // A 120 → 20 fps decimation removes a 25 Hz wobble that would otherwise alias.
        var wobbly = CoreTestMotions.stand(seconds: 2, fps: 120)
        for t in 0..<wobbly.frameCount { wobbly.rootTranslation[t].x += 0.02 * sin(2 * .pi * 25 * Float(t) / 120) }
        let decimated = Resampling.resample(wobbly, to: 20)
        XCTAssertLessThan(decimated.rootTranslation.map { abs($0.x) }.max()!, 0.002)
    }

    /// A body spinning one and a half turns a second about its planted left foot (15 cm off
    /// the pelvis axis): filtering and interpolating root and rotations separately would let
    /// that foot creep; the stance pin keeps it within a millimetre.
    func testResamplingKeepsAPivotFootPlanted() {
        var spin = CoreTestMotions.stand(seconds: 2, fps: 30)
        let pivot = spin.joints()[frame: 0, joint: SMPLJoint.leftFoot.rawValue]
        let arm = spin.rootTranslation[0] - pivot
        for t in 0..<spin.frameCount {
            let turn = Mat3(axis: SIMD3(0, 0, 1), angle: 3 * .pi * Float(t) / 30)
            spin.rotations[t * SMPLJoint.count] = turn
            spin.rootTranslation[t] = pivot + turn * arm
        }
        let resampled = Resampling.resample(spin, to: 20)
        let joints = resampled.joints()
        for k in 0..<resampled.frameCount {
            let foot = joints[frame: k, joint: SMPLJoint.leftFoot.rawValue]
            XCTAssertEqual(foot.x, pivot.x, accuracy: 1e-3, "pose \(k)")
            XCTAssertEqual(foot.y, pivot.y, accuracy: 1e-3, "pose \(k)")
            XCTAssertEqual(foot.z, pivot.z, accuracy: 1e-3, "pose \(k)")
        }
        // The free right foot still sweeps its circle (the pin moved the root, not the turn).
        let swept = joints[frame: 5, joint: SMPLJoint.rightFoot.rawValue] - joints[frame: 4, joint: SMPLJoint.rightFoot.rawValue]
        XCTAssertGreaterThan(length(swept), 0.05)
    }

    func testTPoseTrimmingAndCanonicalFrame() {
        let take = CoreTestMotions.walk(seconds: 1, fps: 30, leadingTPose: true)
        let kept = TPoseTrimmer().keptRange(take)
        XCTAssertEqual(kept, 1..<30)
        let (canonical, transform) = Canonicalization.canonicalize(take.slice(kept))
        let joints = canonical.joints()
        XCTAssertEqual(joints[frame: 0, joint: 0].x, 0, accuracy: 1e-5)
        XCTAssertEqual(joints[frame: 0, joint: 0].y, 0, accuracy: 1e-5)
        XCTAssertEqual(joints.positions.map(\.z).min()!, 0, accuracy: 1e-5)
        let across = joints[frame: 0, joint: SMPLJoint.rightHip.rawValue] - joints[frame: 0, joint: SMPLJoint.leftHip.rawValue]
        XCTAssertGreaterThan(across.x, 0.1)
        XCTAssertEqual(across.y, 0, accuracy: 1e-5)
        // Facing +y: the walk now heads along +y.
        let travel = joints[frame: 28, joint: 0] - joints[frame: 0, joint: 0]
        XCTAssertEqual(travel.y, 1.2 * 28 / 30, accuracy: 0.01)
        // The template's hip axis is 1° off its x axis, so the heading is 0.4 rad plus that.
        let restAcross = Skeleton.smpl22.offsets[2] - Skeleton.smpl22.offsets[1]
        let tilt = atan2(restAcross.y, restAcross.x)
        XCTAssertEqual(travel.x, travel.y * tan(tilt), accuracy: 1e-3)
        XCTAssertEqual(length(transform.rotation.axisAngle), 0.4 + tilt, accuracy: 1e-4)
    }

    func testCurationCutsClipsAndJoinsSpannedCaptions() throws {
        let take = Take(id: "walk-1", source: .opticalMocap,
                        motion: CoreTestMotions.walk(seconds: 12, fps: 30, leadingTPose: true),
                        segments: [
                            TakeSegment(actionID: "walk", tier: "core", start: 0, end: 3, captions: CoreTestMotions.captions("walks forward")),
                            TakeSegment(actionID: "stroll", tier: "extended", start: 3, end: 12, captions: CoreTestMotions.captions("strolls on")),
                        ])
        let result = try Curator()(take)
        // 359 poses at 30 fps → 239 at 20 fps → clips of 101, 101 and a 37-pose tail (dropped).
        XCTAssertEqual(result.clips.map(\.frameCount), [100, 100])
        XCTAssertEqual(result.rejections.count, 1)
        XCTAssertEqual(result.rejections[0].frames, 36)
        XCTAssertTrue(result.rejections[0].reason.contains("60"))
        let first = result.clips[0]
        XCTAssertEqual(first.id, "walk-1#0")
        XCTAssertEqual(first.start, 1.0 / 30, accuracy: 1e-9)
        XCTAssertEqual(first.captions.motion, "A person walks forward then a person strolls on")
        XCTAssertEqual(first.captions.video, "A man in a park walks forward then a man in a park strolls on")
        XCTAssertEqual(first.actionIDs, ["walk", "stroll"])
        XCTAssertEqual(first.tier, "core")
        XCTAssertEqual(result.clips[1].captions.motion, "A person strolls on")
        XCTAssertEqual(result.clips[1].actionIDs, ["stroll"])
        // Each clip is canonical: pelvis of the first frame at the origin of the floor plane.
        let decoded = try FrameEncoding.decode(result.clips[1].features)
        XCTAssertEqual(decoded.joints[frame: 0, joint: 0].x, 0, accuracy: 1e-5)
        XCTAssertEqual(decoded.joints[frame: 0, joint: 0].y, 0, accuracy: 1e-5)
        XCTAssertGreaterThan(first.quality.dynamicDegree, 0.01)
    }

    func testQualityFiltersAndVideoSmoothing() throws {
        let still = Take(id: "still", source: .opticalMocap, motion: CoreTestMotions.stand(seconds: 6, fps: 30))
        let rejected = try Curator()(still)
        XCTAssertTrue(rejected.clips.isEmpty)
        XCTAssertTrue(rejected.rejections[0].reason.contains("Dynamic_Degree"), rejected.rejections[0].reason)

        var rng = RandomGenerator(seed: 5)
        let shaky = CaptureArtifacts(jitter: 0.01).apply(to: CoreTestMotions.walk(seconds: 6, fps: 30), using: &rng)
        var settings = CurationSettings()
        settings.filters = []
        let asMocap = try Curator(settings)(Take(id: "a", source: .opticalMocap, motion: shaky))
        let asVideo = try Curator(settings)(Take(id: "b", source: .inTheWildVideo, motion: shaky))
        XCTAssertLessThan(asVideo.clips[0].quality.jitterDegree, 0.7 * asMocap.clips[0].quality.jitterDegree)
        // The jitter filter catches the unsmoothed version.
        let strict = try Curator()(Take(id: "c", source: .opticalMocap,
                                        motion: CaptureArtifacts(jitter: 0.03).apply(to: CoreTestMotions.walk(seconds: 6, fps: 30), using: &rng)))
        XCTAssertTrue(strict.rejections.contains { $0.reason.contains("Jitter_Degree") })
    }

    func testBadTakesAreReportedByName() {
        var motion = CoreTestMotions.walk(seconds: 1, fps: 30)
        motion.rootTranslation[7].y = .infinity
        XCTAssertThrowsError(try Curator()(Take(id: "broken", source: .opticalMocap, motion: motion))) {
            XCTAssertEqual("\($0)", "take broken: root translation at frame 7 is NaN or infinite")
        }
        let backwards = TakeSegment(actionID: "x", tier: "core", start: 2, end: 1, captions: CoreTestMotions.captions("x"))
        XCTAssertThrowsError(try Curator()(Take(id: "seg", source: .opticalMocap, motion: CoreTestMotions.walk(seconds: 1, fps: 30),
                                                segments: [backwards]))) {
            XCTAssertTrue("\($0)".contains("segment 0 (x)"))
        }
    }
}
