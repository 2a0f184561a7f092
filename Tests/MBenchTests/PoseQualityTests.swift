import XCTest
import Motion
@testable import MBench

final class PoseQualityTests: XCTestCase {
    /// A bank of plausible poses: knees and elbows bent through their natural range, arms
    /// raised and lowered.
    static func naturalMotions() -> [SMPLMotion] {
        (0..<40).map { i in
            let s = Float(i) / 39
            return TestPoses.motion(frames: 2, rotations: [
                .leftKnee: Mat3(axis: SIMD3(1, 0, 0), angle: 1.8 * s),
                .rightKnee: Mat3(axis: SIMD3(1, 0, 0), angle: 1.8 * (1 - s)),
                .leftElbow: Mat3(axis: SIMD3(0, 0, 1), angle: 2.0 * s),
                .leftShoulder: Mat3(axis: SIMD3(0, 1, 0), angle: -1.3 * s),
                .rightShoulder: Mat3(axis: SIMD3(0, 1, 0), angle: 1.3 * (1 - s)),
            ])
        }
    }

    func testBankPoseScoresZeroAndImpossibleKneeScoresHigh() throws {
        let bank = try PoseBank(motions: Self.naturalMotions(), capacity: 1000, seed: 1)
        let metric = PoseQuality(bank: bank, neighbours: 1, probes: 2, frameStride: 1)
        let bankPose = Self.naturalMotions()[17]
        XCTAssertEqual(try metric(bankPose), 0, accuracy: 1e-3)
        // A knee bent 120° the wrong way (forwards, hyperextended) and twisted: no bank pose is near.
        let impossible = TestPoses.motion(rotations: [
            .leftKnee: Mat3(axis: SIMD3(1, 0, 0), angle: -2.1) * Mat3(axis: SIMD3(0, 0, 1), angle: 1.2),
        ])
        let score = try metric(impossible)
        // That joint alone is ≥ 2 rad from every bank pose; averaged over 21 joints ≥ 0.09.
        XCTAssertGreaterThan(score, 0.09)
    }

    func testIndexFindsTheExactNearestNeighbours() throws {
        let motions = Self.naturalMotions()
        let bank = try PoseBank(motions: motions, capacity: 1000, seed: 3, maximumClusters: 8)
        let indexed = PoseQuality(bank: bank, neighbours: 3, probes: 8, frameStride: 1)
        // With every cluster probed the index is exhaustive; with 2 probes it must agree on
        // these smooth poses (the true neighbours sit in the nearest clusters).
        let coarse = PoseQuality(bank: bank, neighbours: 3, probes: 2, frameStride: 1)
        let query = TestPoses.motion(rotations: [.leftKnee: Mat3(axis: SIMD3(1, 0, 0), angle: 0.77)])
        XCTAssertEqual(try coarse(query), try indexed(query), accuracy: 1e-6)
    }

    func testBankIsCappedAndDeterministic() throws {
        let motions = Self.naturalMotions()   // 80 poses
        let a = try PoseBank(motions: motions, capacity: 50, seed: 9)
        let b = try PoseBank(motions: motions, capacity: 50, seed: 9)
        XCTAssertEqual(a.count, 50)
        XCTAssertEqual(a.poses, b.poses)
        XCTAssertThrowsError(try PoseBank(motions: [])) { XCTAssertEqual($0 as? MBenchError, .emptyPoseBank) }
        var broken = TestPoses.tPose
        broken.rotations[4].c1.y = .nan
        XCTAssertThrowsError(try PoseQuality(bank: a)(broken)) { XCTAssertEqual($0 as? MBenchError, .nonFinite(frame: 0, joint: 4)) }
    }
}
