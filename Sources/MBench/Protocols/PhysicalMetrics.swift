import Motion

/// The seven dimensions that need no judge: the five joint-based ones of Motion plus the
/// Body Penetration and Pose Quality stand-ins.
public struct PhysicalMetrics: Sendable {
    /// Pose Quality over a bank of clean poses.
    public var poseQuality: PoseQuality
    /// Body Penetration over the capsule body.
    public var bodyPenetration: BodyPenetration

    /// Metrics with the given pose bank and SMPL's capsule body.
    public init(poseQuality: PoseQuality, bodyPenetration: BodyPenetration = BodyPenetration()) {
        self.poseQuality = poseQuality; self.bodyPenetration = bodyPenetration
    }

    /// The value of `dimension` on `motion`. Precondition: not a judge dimension.
    public func score(_ dimension: MBenchDimension, _ motion: BenchmarkMotion) throws -> Double {
        switch dimension {
        case .bodyPenetration: return try bodyPenetration(motion.joints)
        case .poseQuality: return try poseQuality(motion.smpl)
        default:
            guard let joint = dimension.jointBased else { preconditionFailure("\(dimension) needs the judge") }
            return try QualityScores(motion.joints)[joint]
        }
    }
}
