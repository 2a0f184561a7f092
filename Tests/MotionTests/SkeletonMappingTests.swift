import XCTest
@testable import Motion

/// Name conventions and structural cases of the SMPL-22 mapping, on hand-built rest poses (cm, Y up).
final class SkeletonMappingTests: XCTestCase {
    /// Builds names/parents/rest positions from (name, parent name, offset) rows.
    func skeleton(_ rows: [(String, String?, SIMD3<Float>)]) -> (names: [String], parents: [Int], rest: [SIMD3<Float>]) {
        var names: [String] = [], parents: [Int] = [], rest: [SIMD3<Float>] = []
        for (name, parent, offset) in rows {
            let p = parent.flatMap { names.firstIndex(of: $0) } ?? -1
            names.append(name); parents.append(p); rest.append((p >= 0 ? rest[p] : .zero) + offset)
        }
        return (names, parents, rest)
    }

    func body(prefix: String, spine: [String], neck: String, side: (String, String) -> String,
              parts: (hip: String, knee: String, ankle: String, toe: String, collar: String?, arm: String, elbow: String, wrist: String)) -> [(String, String?, SIMD3<Float>)] {
        var rows: [(String, String?, SIMD3<Float>)] = [(prefix + "Hips", nil, SIMD3(0, 95, 0))]
        var last = prefix + "Hips"
        for s in spine { rows.append((prefix + s, last, SIMD3(0, 12, 0))); last = prefix + s }
        rows.append((prefix + neck, last, SIMD3(0, 18, 0)))
        rows.append((prefix + "Head", prefix + neck, SIMD3(0, 10, 0)))
        for (s, x) in [("Left", Float(1)), ("Right", -1)] {
            var armRoot = last
            if let collar = parts.collar { rows.append((prefix + side(s, collar), last, SIMD3(x * 5, 14, 0))); armRoot = prefix + side(s, collar) }
            rows.append((prefix + side(s, parts.arm), armRoot, SIMD3(x * 12, 0, 0)))
            rows.append((prefix + side(s, parts.elbow), prefix + side(s, parts.arm), SIMD3(x * 28, 0, 0)))
            rows.append((prefix + side(s, parts.wrist), prefix + side(s, parts.elbow), SIMD3(x * 25, 0, 0)))
            rows.append((prefix + side(s, parts.hip), prefix + "Hips", SIMD3(x * 9, -6, 0)))
            rows.append((prefix + side(s, parts.knee), prefix + side(s, parts.hip), SIMD3(0, -42, 0)))
            rows.append((prefix + side(s, parts.ankle), prefix + side(s, parts.knee), SIMD3(0, -42, 0)))
            rows.append((prefix + side(s, parts.toe), prefix + side(s, parts.ankle), SIMD3(0, -5, 12)))
        }
        return rows
    }

    func testMixamoNames() throws {
        let rows = body(prefix: "mixamorig:", spine: ["Spine", "Spine1", "Spine2"], neck: "Neck", side: { $0 + $1 },
                        parts: ("UpLeg", "Leg", "Foot", "ToeBase", "Shoulder", "Arm", "ForeArm", "Hand"))
        let s = skeleton(rows)
        let m = try SkeletonMapping(names: s.names, parents: s.parents, rest: s.rest)
        XCTAssertEqual(m.synthesised, [])
        XCTAssertEqual(m.describe(.spine1), "mixamorig:Spine")
        XCTAssertEqual(m.describe(.spine2), "mixamorig:Spine1")
        XCTAssertEqual(m.describe(.spine3), "mixamorig:Spine2")
        XCTAssertEqual(m.describe(.leftCollar), "mixamorig:LeftShoulder")
        XCTAssertEqual(m.describe(.leftShoulder), "mixamorig:LeftArm")
        XCTAssertEqual(m.describe(.rightFoot), "mixamorig:RightToeBase")
    }

    func testMaxBipedAndLowerCaseNames() throws {
        let biped = body(prefix: "Bip01 ", spine: ["Spine", "Spine1"], neck: "Neck", side: { "\($0.prefix(1)) \($1)" },
                         parts: ("Thigh", "Calf", "Foot", "Toe0", "Clavicle", "UpperArm", "Forearm", "Hand"))
        let b = skeleton(biped)
        let mb = try SkeletonMapping(names: b.names, parents: b.parents, rest: b.rest)
        XCTAssertEqual(mb.describe(.leftHip), "Bip01 L Thigh")
        XCTAssertEqual(mb.describe(.rightKnee), "Bip01 R Calf")
        XCTAssertEqual(mb.describe(.leftCollar), "Bip01 L Clavicle")
        XCTAssertEqual(mb.synthesised, [.spine2], "two spine joints above the pelvis: one is interpolated")

        let lower = body(prefix: "", spine: ["spine"], neck: "neck", side: { "\($0.prefix(1).lowercased())_\($1)" },
                         parts: ("hip", "knee", "ankle", "toe", nil, "shoulder", "elbow", "wrist"))
        let l = skeleton(lower)
        let ml = try SkeletonMapping(names: l.names, parents: l.parents, rest: l.rest)
        XCTAssertEqual(ml.describe(.leftAnkle), "l_ankle")
        XCTAssertEqual(ml.describe(.leftShoulder), "l_shoulder")
        XCTAssertEqual(Set(ml.synthesised), [.spine1, .spine2, .leftCollar, .rightCollar],
                       "a single spine joint is the branch point (spine3); spine1/2 and the collars are interpolated")
    }

    func testSynthesisedJointsLieOnTheirChain() throws {
        let rows = body(prefix: "", spine: ["Ab", "Chest"], neck: "Neck", side: { $0 + $1 },
                        parts: ("Hip", "Knee", "Ankle", "Toes", nil, "Shoulder", "Elbow", "Wrist"))
        let s = skeleton(rows)
        let m = try SkeletonMapping(names: s.names, parents: s.parents, rest: s.rest)
        guard case let .interpolated(a, b, t) = m.sources[SMPLJoint.spine2.rawValue] else { return XCTFail("spine2 should be synthesised") }
        XCTAssertEqual([s.names[a], s.names[b]], ["Ab", "Chest"])
        XCTAssertGreaterThan(t, 0); XCTAssertLessThan(t, 1)
        let joints = m.apply(s.rest)
        XCTAssertEqual(joints[SMPLJoint.spine2.rawValue].y, 95 + 12 + 12 * t, accuracy: 1e-4)
    }
}
