import XCTest
@testable import Motion

final class QualityMetricsTests: XCTestCase {
    /// `frames` copies of a pose built by `pose(t)`.
    static func sequence(_ frames: Int, _ pose: (Int) -> [SIMD3<Float>]) -> JointSequence {
        JointSequence(fps: 20, jointCount: 22, positions: Array((0..<frames).map(pose).joined()))
    }

    static let standing: [SIMD3<Float>] = SMPLMotion(fps: 20, rootTranslation: [SIMD3(0, 0, 0.93)],
                                                       rotations: Array(repeating: .identity, count: 22)).joints().positions

    func testHandComputedValues() throws {
        // The whole body gliding 3 mm per frame along x with the feet on the floor.
        let feetDown = Self.standing.map { $0 - SIMD3(0, 0, Self.standing[10].z) }
        let glide = Self.sequence(30) { t in feetDown.map { $0 + SIMD3(0.003 * Float(t), 0, 0) } }
        let s = try QualityScores(glide)
        XCTAssertEqual(s.dynamicDegree, 0.003, accuracy: 1e-6) // global only: the local pose is still
        XCTAssertEqual(s.jitterDegree, 0, accuracy: 1e-6)
        XCTAssertEqual(s.footSliding, 0.003, accuracy: 1e-6)
        XCTAssertEqual(s.groundPenetration, 0)
        // Root speed 0.003 > 0.001, feet move with the body (rate 0 < 0.6) while in contact:
        // the reference flags every frame.
        XCTAssertEqual(s.footFloating, 1)

        // Sunk 1 cm: every foot sample counts; sunk 4 mm: inside the tolerance.
        func feet(at z: Float) -> JointSequence {
            Self.sequence(5) { _ in var p = feetDown; p[10].z = z; p[11].z = z; return p }
        }
        XCTAssertEqual(try QualityMetrics.groundPenetration(feet(at: -0.01)), 0.01, accuracy: 1e-6)
        let barely = feet(at: -0.004)
        XCTAssertEqual(try QualityMetrics.groundPenetration(barely), 0)

        // One joint shaking ±1 cm on alternate frames: second differences of 4 cm (2 cm at the ends
        // of the pattern do not occur: every interior frame flips).
        let shake = Self.sequence(10) { t in
            var p = Self.standing
            p[15].x += t % 2 == 0 ? 0.01 : -0.01
            return p
        }
        XCTAssertEqual(try QualityMetrics.jitterDegree(shake), 2 * 0.04 / 22, accuracy: 1e-6)
        XCTAssertEqual(try QualityMetrics.dynamicDegree(shake), 2 * 0.02 / 22, accuracy: 1e-6)
    }

    func testFindPeaksAndRunsFollowTheReference() {
        // scipy.signal.find_peaks([0, 1, 0, 2, 2, 0, 3, 3, 3]) → [1, 3]: the flat top counts once,
        // a plateau running into the end does not.
        XCTAssertEqual(FootFloating.localMaximaCount([0, 1, 0, 2, 2, 0, 3, 3, 3]), 2)
        XCTAssertEqual(FootFloating.localMaximaCount([0, 1, 1, 2, 0]), 1)
        XCTAssertEqual(FootFloating.localMaximaCount([3, 1, 2]), 0)
        XCTAssertEqual(FootFloating.runs(of: [true, true, false, true, false, false, true]), [0..<2, 3..<4, 6..<7])
        XCTAssertEqual(FootFloating.degreesBetween(SIMD3(1, 0, 0), SIMD3(0, 2, 0)), 90, accuracy: 1e-3)
    }

    func testBadInputIsNamed() {
        let two = Self.sequence(2) { _ in Self.standing }
        XCTAssertThrowsError(try QualityMetrics.jitterDegree(two)) {
            XCTAssertEqual($0 as? MotionQualityError, .tooFewFrames(got: 2, need: 3))
        }
        XCTAssertNoThrow(try QualityMetrics.dynamicDegree(two))
        let few = JointSequence(fps: 20, jointCount: 11, positions: Array(repeating: .zero, count: 33))
        XCTAssertThrowsError(try QualityScores(few)) { XCTAssertEqual($0 as? MotionQualityError, .tooFewJoints(got: 11)) }
        var nan = Self.sequence(4) { _ in Self.standing }
        nan[frame: 2, joint: 11] = SIMD3(0, .nan, 0)
        XCTAssertThrowsError(try QualityScores(nan)) {
            XCTAssertEqual("\($0)", "joint 11 at frame 2 is NaN or infinite")
        }
    }

    func testScoresUseOfficialNamesInJSON() throws {
        let s = QualityScores(jitterDegree: 0.1, dynamicDegree: 0.2, groundPenetration: 0, footSliding: 0.3, footFloating: 0.4)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(s)) as! [String: Double]
        XCTAssertEqual(json, s.byOfficialName)
        XCTAssertEqual(json["Foot_Floating"], 0.4)
        XCTAssertEqual(try JSONDecoder().decode(QualityScores.self, from: JSONEncoder().encode(s)), s)
    }
}
