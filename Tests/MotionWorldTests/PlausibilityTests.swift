import XCTest
import Motion
@testable import MotionWorld

/// Clean World motion must score like real motion capture on the MBench quality metrics
/// (the real CMU and boxing clips score Foot Sliding 0.0016–0.0029, Ground Penetration 0,
/// Jitter Degree 0.019–0.032) and keep joints in human ranges.
final class PlausibilityTests: XCTestCase {
    func scores(_ perf: [Performance]) throws -> QualityScores {
        let (motion, _) = try MotionSynthesizer().synthesize(perf)
        return try QualityScores(Resampling.resample(motion, to: 20).joints())
    }

    func testEveryActionAloneIsPlausible() throws {
        var report: [String] = []
        for action in Lexicon.standard.actions {
            let perf = Performance(actionID: action.id, repetitions: 2, duration: 4)
            let s = try scores([perf])
            report.append(String(format: "%-22@ FS %.4f GP %.4f JD %.4f DD %.4f", action.id as NSString,
                                 s.footSliding, s.groundPenetration, s.jitterDegree, s.dynamicDegree))
            XCTAssertLessThanOrEqual(s.footSliding, 0.003, action.id)
            XCTAssertEqual(s.groundPenetration, 0, action.id)
            XCTAssertLessThanOrEqual(s.jitterDegree, 0.03, action.id)
        }
        if ProcessInfo.processInfo.environment["WORLD_REPORT"] != nil { print(report.joined(separator: "\n")) }
    }
}
