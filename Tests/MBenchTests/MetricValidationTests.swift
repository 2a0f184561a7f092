import XCTest
import Autograd
import Motion
@testable import MBench

/// Each quality metric must rank five increasing strengths of its artifact in order.
final class MetricValidationTests: XCTestCase {
    /// The real motion-capture fixtures as SMPL motions (IK on the performer's own skeleton).
    static func realClips() throws -> [SMPLMotion] {
        try ["cmu0101_a", "box_real_a"].map { name in
            let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "npy", subdirectory: "Fixtures"))
            let array = try NPY.read(contentsOf: url)
            let values = try array.floats()
            let positions = stride(from: 0, to: values.count, by: 3).map { SIMD3(values[$0], values[$0 + 1], values[$0 + 2]) }
            let joints = JointSequence(fps: 20, jointCount: 22, positions: positions)
            let skeleton = InverseKinematics.performerSkeleton(from: Array(positions.prefix(22)))
            return try InverseKinematics(skeleton: skeleton)(joints)
        }
    }

    static func syntheticClips() -> [SMPLMotion] {
        var rng = RandomGenerator(seed: 12)
        return SyntheticActions.actions.map { SyntheticActions.motion($0, frames: 101, rng: &rng) }
    }

    func validation(bank clips: [SMPLMotion]) throws -> MetricValidation {
        MetricValidation(metrics: PhysicalMetrics(poseQuality: PoseQuality(bank: try PoseBank(motions: clips, capacity: 2000))), seed: 4)
    }

    func check(_ clips: [SMPLMotion], label: String) throws {
        let ladders = try validation(bank: clips).ladders(clips: clips)
        for ladder in ladders {
            let row = ladder.values.map { String(format: "%.4g", $0) }.joined(separator: " | ")
            print("\(label) | \(ladder.artifact.rawValue) | \(ladder.dimension.rawValue) | \(String(format: "%.4g", ladder.clean)) | \(row) | \(ladder.rho)")
            XCTAssertEqual(ladder.rho, 1, "\(label): \(ladder.dimension.rawValue) does not rank \(ladder.artifact.rawValue) in order: \(ladder.values)")
        }
    }

    /// Clean World clips (single actions, all sources' tiers, no video degradation), decoded.
    static func worldClips() throws -> [SMPLMotion] {
        try JudgeTrainingSet.examples(worldSeed: 21, takes: 24, minimumClipsPerAction: 0).map { try FrameEncoding.decode($0.frames).smpl }
    }

    func testWorldClipLadders() throws { try check(try Self.worldClips(), label: "World") }

    func testRealMotionCaptureLadders() throws { try check(try Self.realClips(), label: "CMU + boxing") }

    func testSyntheticCleanClipLadders() throws { try check(Self.syntheticClips(), label: "synthetic") }

    func testSpearman() {
        XCTAssertEqual(spearmanRho([1, 2, 3, 4], [10, 20, 25, 100]), 1, accuracy: 1e-12)
        XCTAssertEqual(spearmanRho([1, 2, 3, 4], [4, 3, 2, 1]), -1, accuracy: 1e-12)
        XCTAssertEqual(spearmanRho([1, 2, 3, 4, 5], [1, 3, 2, 4, 5]), 0.9, accuracy: 1e-12)
        XCTAssertEqual(averageRanks([5, 1, 5, 2]), [3.5, 1, 3.5, 2])
    }
}
