import Foundation
@testable import Motion

/// Small synthetic motions for the core tests.
enum CoreTestMotions {
    /// A walk: the body heads along `heading` (radians from +y) at 1.2 m/s, legs and arms
    /// swing at 1 Hz steps, knees bend in swing; the pelvis height keeps the feet near z = 0.
    static func walk(seconds: Double, fps: Double, heading: Float = 0.4, start: SIMD3<Float> = SIMD3(2, -1, 0),
                     leadingTPose: Bool = false) -> SMPLMotion {
        let frames = Int(seconds * fps)
        var rotations: [Mat3] = [], roots: [SIMD3<Float>] = []
        let yaw = Mat3(axis: SIMD3(0, 0, 1), angle: heading)
        for t in 0..<frames {
            let s = Float(Double(t) / fps), phase = 2 * Float.pi * s
            var local = [Mat3](repeating: .identity, count: SMPLJoint.count)
            if !(leadingTPose && t == 0) {
                local[0] = yaw
                local[SMPLJoint.leftHip.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: 0.45 * sin(phase))
                local[SMPLJoint.rightHip.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: -0.45 * sin(phase))
                local[SMPLJoint.leftKnee.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: -0.5 * max(0, sin(phase + 0.6)))
                local[SMPLJoint.rightKnee.rawValue] = Mat3(axis: SIMD3(1, 0, 0), angle: -0.5 * max(0, -sin(phase + 0.6)))
                // Arms down by the sides, swinging against the legs.
                local[SMPLJoint.leftShoulder.rawValue] = Mat3(axis: SIMD3(0, 1, 0), angle: 1.3) * Mat3(axis: SIMD3(0, 0, 1), angle: 0.3 * sin(phase))
                local[SMPLJoint.rightShoulder.rawValue] = Mat3(axis: SIMD3(0, 1, 0), angle: -1.3) * Mat3(axis: SIMD3(0, 0, 1), angle: 0.3 * sin(phase))
                local[SMPLJoint.leftElbow.rawValue] = Mat3(axis: SIMD3(0, 0, 1), angle: 0.3)
            }
            rotations += local
            roots.append(start + yaw * SIMD3(0, 1.2 * s, 0) + SIMD3(0, 0, 0.95 + 0.02 * cos(2 * phase)))
        }
        return SMPLMotion(fps: fps, rootTranslation: roots, rotations: rotations)
    }

    /// Standing still in a relaxed pose (arms down).
    static func stand(seconds: Double, fps: Double) -> SMPLMotion {
        let frames = Int(seconds * fps)
        var local = [Mat3](repeating: .identity, count: SMPLJoint.count)
        local[SMPLJoint.leftShoulder.rawValue] = Mat3(axis: SIMD3(0, 1, 0), angle: 1.3)
        local[SMPLJoint.rightShoulder.rawValue] = Mat3(axis: SIMD3(0, 1, 0), angle: -1.3)
        return SMPLMotion(fps: fps, rootTranslation: Array(repeating: SIMD3(0, 0, 0.95), count: frames),
                          rotations: Array((0..<frames).map { _ in local }.joined()))
    }

    static func captions(_ text: String) -> Captions { Captions(motion: "A person \(text).", video: "A man in a park \(text).") }
}
