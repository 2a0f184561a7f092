import Motion

/// Small hand-built poses and motions for the MBench tests.
enum TestPoses {
    static let n = SMPLJoint.count

    /// `frames` copies of one pose: identity rotations except those given (local, by joint).
    static func motion(frames: Int = 1, rotations: [SMPLJoint: Mat3] = [:], height: Float = 0.95) -> SMPLMotion {
        var pose = [Mat3](repeating: .identity, count: n)
        for (joint, r) in rotations { pose[joint.rawValue] = r }
        return SMPLMotion(fps: 20, rootTranslation: Array(repeating: SIMD3(0, 0, height), count: frames),
                          rotations: Array((0..<frames).map { _ in pose }.joined()))
    }

    /// The SMPL rest pose: a T-pose (arms straight out sideways).
    static var tPose: SMPLMotion { motion() }

    /// Arms forward and folded so that the forearms cross through each other in front of the
    /// chest and the hands sink into the opposite upper arms: an interpenetrating pose.
    /// Canonical frame: +x is the body's right, +y forward, +z up; the left arm points along −x.
    static var crossedArms: SMPLMotion {
        // Shoulders swing the arms from sideways to forward (about z); elbows fold them
        // inward across the chest, past each other.
        motion(rotations: [
            .leftShoulder: Mat3(axis: SIMD3(0, 0, 1), angle: -(.pi / 2 - 0.15)),
            .rightShoulder: Mat3(axis: SIMD3(0, 0, 1), angle: .pi / 2 - 0.15),
            .leftElbow: Mat3(axis: SIMD3(0, 0, 1), angle: -2.0),
            .rightElbow: Mat3(axis: SIMD3(0, 0, 1), angle: 2.0),
        ])
    }

    /// Arms hanging at the sides (a relaxed standing pose).
    static var armsDown: SMPLMotion {
        motion(rotations: [
            .leftShoulder: Mat3(axis: SIMD3(0, 1, 0), angle: -1.35),
            .rightShoulder: Mat3(axis: SIMD3(0, 1, 0), angle: 1.35),
        ])
    }
}
