import Motion

/// The nine MBench dimensions under their official names (the JSON `dimension` field and the
/// tracker's metric keys).
public enum MBenchDimension: String, CaseIterable, Sendable, Codable {
    case jitterDegree = "Jitter_Degree"
    case groundPenetration = "Ground_Penetration"
    case footFloating = "Foot_Floating"
    case footSliding = "Foot_Sliding"
    case dynamicDegree = "Dynamic_Degree"
    case bodyPenetration = "Body_Penetration"
    case poseQuality = "Pose_Quality"
    case motionConditionConsistency = "Motion_Condition_Consistency"
    case motionGeneralizability = "Motion_Generalizability"

    /// Lower is better for the artifact measures; higher for Dynamic Degree and the two
    /// judge dimensions (accuracies).
    public var lowerIsBetter: Bool {
        switch self {
        case .dynamicDegree, .motionConditionConsistency, .motionGeneralizability: return false
        default: return true
        }
    }

    /// Whether the judge scores this dimension (it needs to know the prompt's action).
    public var needsJudge: Bool { self == .motionConditionConsistency || self == .motionGeneralizability }

    /// The matching joint-based dimension of Motion, if this is one.
    public var jointBased: QualityDimension? { QualityDimension(rawValue: rawValue) }
}
