import Motion

/// A motion to be scored, in the three forms the dimensions read: SMPL parameters (Pose
/// Quality), joints (the joint-based dimensions, Body Penetration) and raw 276-dim frames (the
/// judge).
public struct BenchmarkMotion: Sendable {
    public var smpl: SMPLMotion
    public var joints: JointSequence
    /// Raw (not normalised) 276-dim frames.
    public var frames: FeatureFrames

    /// From SMPL parameters (e.g. an imported file); encodes the frames.
    public init(smpl: SMPLMotion) throws {
        self.smpl = smpl
        joints = smpl.joints()
        frames = try FrameEncoding.encode(smpl)
    }

    /// From raw 276-dim frames (a model's output after denormalisation), decoded by
    /// integrating the velocities as the public evaluation code does.
    public init(rawFrames: FeatureFrames) throws {
        let decoded = try FrameEncoding.decode(rawFrames, .integrated, appendFinalPose: true)
        smpl = decoded.smpl; joints = decoded.joints; frames = rawFrames
    }
}
