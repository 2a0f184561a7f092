/// A motion read from a file: SMPL-22 joint positions in the canonical frame (metres, Z up,
/// floor z = 0 unless the file says otherwise), SMPL parameters when the file has them, and a
/// report of what the importer found and decided.
public struct ImportedMotion: Sendable {
    public var joints: JointSequence
    /// Rotations read from the file (AMASS); nil when they must come from inverse kinematics.
    public var storedSMPL: SMPLMotion?
    public var report: ImportReport

    public init(joints: JointSequence, storedSMPL: SMPLMotion? = nil, report: ImportReport) {
        self.joints = joints; self.storedSMPL = storedSMPL; self.report = report
    }

    /// SMPL parameters: the file's own, or inverse kinematics (motioncore's
    /// `InverseKinematics`) on a skeleton with the performer's bone lengths, so forward
    /// kinematics gives back the imported joints. `retargeted`: on the SMPL template's bone
    /// lengths instead (`Retargeting.toSMPL`), as training clips need.
    public func smpl(retargeted: Bool = false) throws -> SMPLMotion {
        if let storedSMPL { return storedSMPL }
        if retargeted { return try Retargeting.toSMPL(joints) }
        let first = Array(joints.positions[0..<SMPLJoint.count])
        return try InverseKinematics(skeleton: Skeleton.smpl22.withBoneLengths(from: first))(joints)
    }
}

/// What an importer found and decided, for `runner motion info` and logs.
public struct ImportReport: Equatable, Sendable, Codable {
    public var file: String
    /// "BVH", "AMASS npz", "HumanML3D", "joints npy".
    public var format: String
    public var frames: Int
    public var fps: Double
    public var duration: Double { fps > 0 ? Double(frames) / fps : 0 }
    /// A short description of the source skeleton ("CMU, 31 joints").
    public var skeleton: String
    /// SMPL joint name → source joint (or how it was synthesised).
    public var mapping: [String: String]
    /// SMPL joints no source joint stands for.
    public var synthesised: [String]
    public var unit: String
    public var upAxis: String
    /// Rest-pose height (End Sites included) in metres; 0 when the file has no rest pose.
    public var stature: Double
    /// Tolerated problems and decisions worth knowing (extra rows, unit guesses).
    public var warnings: [String]

    public init(file: String, format: String, frames: Int, fps: Double, skeleton: String,
                mapping: [String: String] = [:], synthesised: [String] = [], unit: String, upAxis: String,
                stature: Double = 0, warnings: [String] = []) {
        self.file = file; self.format = format; self.frames = frames; self.fps = fps; self.skeleton = skeleton
        self.mapping = mapping; self.synthesised = synthesised; self.unit = unit; self.upAxis = upAxis; self.stature = stature
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case file, format, frames, fps, duration, skeleton, mapping, synthesised, unit, upAxis = "up_axis", stature, warnings
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file); try c.encode(format, forKey: .format)
        try c.encode(frames, forKey: .frames); try c.encode(fps, forKey: .fps)
        try c.encode(duration, forKey: .duration); try c.encode(skeleton, forKey: .skeleton)
        try c.encode(mapping, forKey: .mapping); try c.encode(synthesised, forKey: .synthesised)
        try c.encode(unit, forKey: .unit); try c.encode(upAxis, forKey: .upAxis)
        try c.encode(stature, forKey: .stature)
        try c.encode(warnings, forKey: .warnings)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try c.decode(String.self, forKey: .file), format: try c.decode(String.self, forKey: .format),
                  frames: try c.decode(Int.self, forKey: .frames), fps: try c.decode(Double.self, forKey: .fps),
                  skeleton: try c.decode(String.self, forKey: .skeleton),
                  mapping: try c.decode([String: String].self, forKey: .mapping),
                  synthesised: try c.decode([String].self, forKey: .synthesised),
                  unit: try c.decode(String.self, forKey: .unit), upAxis: try c.decode(String.self, forKey: .upAxis),
                  stature: try c.decode(Double.self, forKey: .stature),
                  warnings: try c.decode([String].self, forKey: .warnings))
    }
}
