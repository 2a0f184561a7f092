import XCTest
import Motion
@testable import MotionWorld

/// Clean World motion must score like real motion capture on the MBench quality metrics
/// (the real CMU and boxing clips score Foot Sliding 0.0016–0.0029, Ground Penetration 0,
/// Jitter Degree 0.019–0.032) and keep joints in human ranges.
final class PlausibilityTests: XCTestCase {
    static func scores(_ motion: SMPLMotion) throws -> QualityScores {
        try QualityScores(Resampling.resample(motion, to: 20).joints())
    }

    /// Clean MoCap takes of a smoke world, measured at 20 fps as curation will see them.
    func testCleanMocapTakesScoreLikeRealCapture() throws {
        let world = World(seed: 11)
        let indices = Array(world.range(of: .core).prefix(60)) + Array(world.range(of: .extended).prefix(60))
        var sliding: [Double] = [], jitter: [Double] = [], penetration: [Double] = []
        for take in try indices.map({ try world.take($0) }) {
            let s = try Self.scores(take.motion)
            if ProcessInfo.processInfo.environment["WORLD_REPORT"] != nil, s.footSliding > 0.003 || s.groundPenetration > 0 {
                print(String(format: "worst: %@ FS %.4f GP %.4f JD %.4f %@", take.id, s.footSliding, s.groundPenetration, s.jitterDegree,
                             take.segments.map(\.actionID).joined(separator: "+")))
            }
            sliding.append(s.footSliding); jitter.append(s.jitterDegree); penetration.append(s.groundPenetration)
        }
        func q(_ v: [Double], _ p: Double) -> Double { let s = v.sorted(); return s[min(s.count - 1, Int(p * Double(s.count)))] }
        let summary = String(format: "FS median %.4f p90 %.4f max %.4f · JD median %.4f p90 %.4f max %.4f · GP>0 in %d of %d",
                             q(sliding, 0.5), q(sliding, 0.9), sliding.max()!, q(jitter, 0.5), q(jitter, 0.9), jitter.max()!,
                             penetration.filter { $0 > 0 }.count, penetration.count)
        print("World plausibility (120 clean takes): " + summary)
        XCTAssertLessThanOrEqual(q(sliding, 0.9), 0.0015, summary)
        XCTAssertLessThanOrEqual(sliding.filter { $0 > 0.003 }.count, 3, summary)
        XCTAssertLessThanOrEqual(q(jitter, 0.5), 0.01, summary)
        XCTAssertLessThanOrEqual(penetration.filter { $0 > 0 }.count, 1, summary)
    }

    /// Ground-truth actions whose clean motion does not yet meet the sliding bound alone:
    /// the pirouette pivots on a toe 15 cm off the pelvis axis, and resampling to 20 fps
    /// interpolates the circling root linearly, so the pivot creeps; the sprint's landings.
    static let slidingGaps: [String: Double] = ["pirouette": 0.012, "sprint": 0.005]
    /// Not tagged highly dynamic, but fast cyclic or ballistic: real capture of these exceeds
    /// Jitter 0.03 too (a running foot swings at about twice the body's speed).
    static let fastNonDynamic: Set<String> = ["jog", "run", "march", "jumping_jacks", "jump", "high_knees", "power_walk"]

    /// Every action of the clean MoCap sources, performed alone, meets the bounds: no floor
    /// penetration anywhere, Foot Sliding ≤ 0.003, Jitter ≤ 0.03 unless highly dynamic; the
    /// known gaps above are held to their current values.
    func testEveryGroundTruthActionMeetsTheBounds() throws {
        let synth = MotionSynthesizer()
        var checked = 0
        for a in Lexicon.standard.actions where a.tier == .core || a.tier == .extended {
            let s = try Self.scores(synth.synthesize([Performance(actionID: a.id, repetitions: 2, duration: 4)]).motion)
            XCTAssertEqual(s.groundPenetration, 0, a.id)
            XCTAssertLessThanOrEqual(s.footSliding, Self.slidingGaps[a.id] ?? 0.003, a.id)
            if Self.fastNonDynamic.contains(a.id) { XCTAssertLessThanOrEqual(s.jitterDegree, 0.07, a.id) }
            else if !a.dynamic { XCTAssertLessThanOrEqual(s.jitterDegree, 0.03, a.id) }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 80)
    }

    /// Walking, sitting, waving and the other everyday actions meet the bounds one by one.
    func testEverydayActionsMeetTheBoundsOneByOne() throws {
        let synth = MotionSynthesizer()
        for id in ["walk", "sneak", "carry_box", "sit_down", "stand_up", "squat", "pick_up", "wave", "clap", "bow",
                   "lie_down", "get_up", "kneel", "punch", "chop_wood", "tai_chi", "stretch", "turn_around"] {
            let s = try Self.scores(synth.synthesize([Performance(actionID: id, repetitions: 2, duration: 4)]).motion)
            XCTAssertLessThanOrEqual(s.footSliding, 0.003, id)
            XCTAssertEqual(s.groundPenetration, 0, id)
            XCTAssertLessThanOrEqual(s.jitterDegree, 0.03, id)
        }
    }

    func testReportDynamicDegreePerAction() throws {
        guard ProcessInfo.processInfo.environment["WORLD_DD"] != nil else { throw XCTSkip("set WORLD_DD=1 to list Dynamic Degree per action") }
        let synth = MotionSynthesizer()
        var meeting = 0, failing: [String] = []
        for a in Lexicon.standard.actions {
            let s = try Self.scores(synth.synthesize([Performance(actionID: a.id, repetitions: 2, duration: 4)]).motion)
            if s.dynamicDegree < 0.004 { print(String(format: "lowDD %@ %.4f", a.id, s.dynamicDegree)) }
            if s.footSliding <= 0.003 && s.groundPenetration == 0 && s.jitterDegree <= 0.03 { meeting += 1 } else {
                failing.append(String(format: "%@(FS %.4f GP %.4f JD %.3f)", a.id, s.footSliding, s.groundPenetration, s.jitterDegree))
            }
        }
        print("actions meeting all three bounds alone: \(meeting) of \(Lexicon.standard.actions.count); others: \(failing.joined(separator: ", "))")
    }

    /// Wild (video-derived) takes are visibly worse than clean ones: the artifacts are there.
    func testVideoTakesCarryCaptureArtifacts() throws {
        let world = World(seed: 11)
        var clean: [Double] = [], video: [Double] = []
        for i in world.range(of: .core).prefix(15) { clean.append(try Self.scores(world.take(i).motion).jitterDegree) }
        for i in world.range(of: .wild).prefix(15) { video.append(try Self.scores(world.take(i).motion).jitterDegree) }
        XCTAssertGreaterThan(video.reduce(0, +) / 15, 2 * clean.reduce(0, +) / 15)
    }

    /// No joint angle leaves the human range the rig clamps to, and no joint goes below the floor.
    func testJointAnglesStayInHumanRanges() throws {
        let synth = MotionSynthesizer()
        for action in Lexicon.standard.actions {
            let frames = try synth.programFrames(Performance(actionID: action.id, amplitude: 1.3, repetitions: 1, duration: 3), heading: 0)
            let motion = try synth.synthesize([Performance(actionID: action.id, amplitude: 1.3, repetitions: 1, duration: 3)]).motion
            let knee = SMPLJoint.leftKnee.rawValue
            for t in 0..<motion.frameCount {
                // A knee only flexes: the shank never swings forward past the thigh's line.
                let r = motion.rotation(frame: t, joint: knee)
                XCTAssertLessThanOrEqual(r[2, 1], 1e-4, "\(action.id) left knee hyperextends at frame \(t)")
            }
            XCTAssertFalse(frames.isEmpty)
            let joints = motion.joints()
            XCTAssertGreaterThanOrEqual(joints.positions.map(\.z).min()!, 0, action.id)
        }
    }
}
