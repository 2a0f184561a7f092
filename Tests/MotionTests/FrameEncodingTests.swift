import XCTest
@testable import Motion

final class FrameEncodingTests: XCTestCase {
    /// A smooth 101-pose motion: walking forward while turning, limbs swinging.
    static func smoothMotion(poses: Int = 101) -> SMPLMotion {
        var rotations: [Mat3] = [], roots: [SIMD3<Float>] = []
        for t in 0..<poses {
            let s = Float(t) / 20
            roots.append(SIMD3(0.3 * sin(s), 1.2 * s, 0.92 + 0.02 * sin(6 * s)))
            for j in 0..<SMPLJoint.count {
                let phase = Float(j) * 0.7
                rotations.append(j == 0 ? Mat3(axis: SIMD3(0, 0, 1), angle: 0.8 * s) * Mat3(axis: SIMD3(1, 0, 0), angle: 0.1 * sin(3 * s))
                                        : Mat3(axis: SIMD3(cos(phase), sin(phase), 0.3), angle: 0.5 * sin(4 * s + phase)))
            }
        }
        return SMPLMotion(fps: 20, rootTranslation: roots, rotations: rotations)
    }

    static func maxDistance(_ a: ArraySlice<SIMD3<Float>>, _ b: ArraySlice<SIMD3<Float>>) -> Float {
        zip(a, b).map { length($0 - $1) }.max() ?? .infinity
    }

    func testLayoutOfAnEncodedFrame() throws {
        let motion = Self.smoothMotion(poses: 3)
        let frames = try FrameEncoding.encode(motion)
        XCTAssertEqual(frames.frameCount, 2)
        let joints = motion.joints()
        // Pelvis position appears both as joint 0 and as the root translation.
        for k in 0..<3 {
            XCTAssertEqual(frames[frame: 1, dim: 126 + k], joints[frame: 1, joint: 0][k])
            XCTAssertEqual(frames[frame: 1, dim: 270 + k], motion.rootTranslation[1][k])
            XCTAssertEqual(frames[frame: 1, dim: 273 + k], motion.rootTranslation[2][k] - motion.rootTranslation[1][k])
            // Left foot (joint 10) velocity.
            XCTAssertEqual(frames[frame: 0, dim: 192 + 30 + k], joints[frame: 1, joint: 10][k] - joints[frame: 0, joint: 10][k], accuracy: 1e-7)
        }
        XCTAssertEqual(Array(frames[frame: 0][0..<6]), motion.rotation(frame: 0, joint: 1).sixD)
        XCTAssertEqual(Array(frames[frame: 0][258..<264]), motion.rotation(frame: 0, joint: 0).sixD)
        let angular = Mat3(sixD: frames[frame: 0][264..<270])
        let expected = motion.rotation(frame: 1, joint: 0) * motion.rotation(frame: 0, joint: 0).transposed
        XCTAssertLessThan(length((angular.transposed * expected).axisAngle), 1e-5)
        XCTAssertThrowsError(try FrameEncoding.encode(Self.smoothMotion(poses: 1))) {
            XCTAssertEqual($0 as? FrameEncodingError, .tooFewPoses(1))
        }
    }

    func testPoseToFeaturesToPoseReproducesJoints() throws {
        let motion = Self.smoothMotion()
        let joints = motion.joints().positions
        let frames = try FrameEncoding.encode(motion)
        XCTAssertEqual(frames.frameCount, 100)
        let n = SMPLJoint.count, kept = 100 * n
        for decoding in [FrameEncoding.Decoding.direct, .integrated] {
            let decoded = try FrameEncoding.decode(frames, decoding)
            XCTAssertEqual(decoded.smpl.frameCount, 100)
            XCTAssertLessThan(Self.maxDistance(decoded.smpl.joints().positions[...], joints[0..<kept]), 1e-5, "\(decoding) FK")
            XCTAssertLessThan(Self.maxDistance(decoded.joints.positions[...], joints[0..<kept]), 1e-5, "\(decoding) channel")
        }
        // With the final pose: its joints and root are exact, its local rotations repeat.
        let full = try FrameEncoding.decode(frames, .integrated, appendFinalPose: true)
        XCTAssertEqual(full.smpl.frameCount, 101)
        XCTAssertLessThan(Self.maxDistance(full.joints.positions[...], joints[...]), 1e-5)
        XCTAssertLessThan(length(full.smpl.rootTranslation[100] - motion.rootTranslation[100]), 1e-5)
        XCTAssertEqual(full.smpl.rotation(frame: 100, joint: 5), full.smpl.rotation(frame: 99, joint: 5))
    }

    func testDecodingRejectsNonFiniteValues() {
        var frames = FeatureFrames(fps: 20, values: [Float](repeating: 0, count: 2 * 276))
        frames[frame: 1, dim: 200] = .nan
        XCTAssertThrowsError(try FrameEncoding.decode(frames)) {
            XCTAssertEqual($0 as? FrameEncodingError, .nonFinite(frame: 1, dim: 200))
        }
        XCTAssertThrowsError(try FrameEncoding.decode(FeatureFrames(fps: 20, values: [])))
        var motion = Self.smoothMotion(poses: 4)
        motion.rootTranslation[2].z = .nan
        XCTAssertThrowsError(try FrameEncoding.encode(motion)) {
            XCTAssertEqual($0 as? FrameEncodingError, .nonFinite(frame: 1, dim: 194)) // pelvis z velocity into pose 2
        }
    }

    func testNormalisationStatistics() throws {
        let a = try FrameEncoding.encode(Self.smoothMotion(poses: 40))
        var b = a
        for i in b.values.indices { b.values[i] *= 2 }
        b[frame: 0, dim: 0] = a[frame: 0, dim: 0] * 2
        let stats = try FeatureStatistics(fitting: [a, b])
        // Dimension 270 (pelvis x): values x and 2x, so the mean is 1.5·mean(x).
        let xs = (0..<a.frameCount).map { Double(a[frame: $0, dim: 270]) }
        XCTAssertEqual(Double(stats.mean[270]), 1.5 * xs.reduce(0, +) / Double(xs.count), accuracy: 1e-6)
        let normalised = stats.normalize(a)
        let back = stats.denormalize(normalised)
        for (x, y) in zip(a.values, back.values) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        // Over both clips every varying dimension has mean 0 and std 1.
        var acc = FeatureStatistics.Accumulator()
        acc.add(normalised); acc.add(stats.normalize(b))
        let unit = try acc.statistics()
        XCTAssertEqual(unit.mean[130], 0, accuracy: 1e-4)
        XCTAssertEqual(unit.std[130], 1, accuracy: 1e-3)
        // A constant dimension keeps the clipped std.
        let constant = FeatureFrames(fps: 20, values: [Float](repeating: 3, count: 5 * 276))
        XCTAssertEqual(try FeatureStatistics(fitting: [constant]).std[7], FeatureStatistics.minimumStd)
        XCTAssertThrowsError(try FeatureStatistics(mean: [0], std: [1])) {
            XCTAssertEqual($0 as? FeatureStatisticsError, .wrongLength(mean: 1, std: 1))
        }
        // Stored as JSON and read back; a zero std in a file is refused.
        let json = try JSONEncoder().encode(stats)
        XCTAssertEqual(try JSONDecoder().decode(FeatureStatistics.self, from: json), stats)
        var broken = stats
        broken.std[9] = 0
        XCTAssertThrowsError(try JSONDecoder().decode(FeatureStatistics.self, from: JSONEncoder().encode(broken))) {
            XCTAssertEqual($0 as? FeatureStatisticsError, .invalidValue(dim: 9))
        }
    }
}
