import Foundation
import Lab
import Motion

/// A tiny procedural take source for the step tests: each take walks forward swinging its
/// arms, 4 s at 30 fps (one curated clip of 79 frames), with one annotated segment.
/// `failAfter` makes it throw after that many takes, to test an interrupted curate.
struct WalkingTakes: TakeSource {
    var seed: Int
    var takesPerSource: Int
    var failAfter: Int? = nil

    var cacheKey: String { "test-walking/\(seed)/\(takesPerSource)" }
    var sourceNames: [String] { ["core", "wild"] }

    func takeCount(of name: String) throws -> Int { takesPerSource }

    func forEachTake(of name: String, _ body: (Take) throws -> Void) throws {
        for k in 0..<takesPerSource {
            if let failAfter, k >= failAfter { throw TestFailure(message: "take generator stopped after \(failAfter) takes") }
            let speed = 0.6 + 0.1 * Float((seed + k) % 5)
            let captions = Captions(motion: "a person walks forward at \(k % 2 == 0 ? "a slow" : "a brisk") pace",
                                    video: "someone strolls down a \(k % 3 == 0 ? "street" : "park path")")
            try body(Take(id: "\(name)-\(k)", source: name == "core" ? .opticalMocap : .inTheWildVideo,
                          motion: Self.walk(seconds: 4, fps: 30, speed: speed),
                          segments: [TakeSegment(actionID: "walk", tier: name, start: 0, end: 4, captions: captions)]))
        }
    }

    static func walk(seconds: Double, fps: Double, speed: Float) -> SMPLMotion {
        let frames = Int(seconds * fps)
        var rotations: [Mat3] = [], roots: [SIMD3<Float>] = []
        for t in 0..<frames {
            let phase = 2 * Float.pi * Float(Double(t) / fps)
            var local = [Mat3](repeating: .identity, count: SMPLJoint.count)
            local[0] = Mat3(axis: SIMD3(1, 0, 0), angle: .pi / 2)   // SMPL's Y-up rest pose stood up in Z-up; faces −y
            local[SMPLJoint.leftHip.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: 0.4 * sin(phase))
            local[SMPLJoint.rightHip.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: -0.4 * sin(phase))
            local[SMPLJoint.leftShoulder.rawValue] = Mat3(axis: SIMD3(0, 0, 1), angle: 1.2 + 0.3 * sin(phase))
            local[SMPLJoint.rightShoulder.rawValue] = Mat3(axis: SIMD3(0, 0, 1), angle: -1.2 + 0.3 * sin(phase))
            rotations += local
            roots.append(SIMD3(0, -speed * Float(Double(t) / fps), 0.92))
        }
        return SMPLMotion(fps: fps, rootTranslation: roots, rotations: rotations)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
