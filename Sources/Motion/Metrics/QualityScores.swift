/// The five joint-based MBench quality dimensions, keyed by their official names.
public enum QualityDimension: String, CaseIterable, Sendable, Codable {
    case jitterDegree = "Jitter_Degree"
    case dynamicDegree = "Dynamic_Degree"
    case groundPenetration = "Ground_Penetration"
    case footSliding = "Foot_Sliding"
    case footFloating = "Foot_Floating"

    /// True for every dimension but Dynamic Degree (more movement is not worse).
    public var lowerIsBetter: Bool { self != .dynamicDegree }
}

/// The joint-based quality of one motion: all five dimensions computed together.
public struct QualityScores: Equatable, Sendable, Codable {
    public var jitterDegree: Double
    public var dynamicDegree: Double
    public var groundPenetration: Double
    public var footSliding: Double
    public var footFloating: Double

    // JSON uses the official dimension names.
    enum CodingKeys: String, CodingKey {
        case jitterDegree = "Jitter_Degree", dynamicDegree = "Dynamic_Degree"
        case groundPenetration = "Ground_Penetration", footSliding = "Foot_Sliding"
        case footFloating = "Foot_Floating"
    }

    public init(jitterDegree: Double, dynamicDegree: Double, groundPenetration: Double,
                footSliding: Double, footFloating: Double) {
        self.jitterDegree = jitterDegree; self.dynamicDegree = dynamicDegree
        self.groundPenetration = groundPenetration; self.footSliding = footSliding
        self.footFloating = footFloating
    }

    /// Measures every dimension of `joints` (see `QualityMetrics`).
    public init(_ joints: JointSequence) throws {
        try QualityMetrics.validate(joints, minimumFrames: 3)
        self.init(jitterDegree: QualityMetrics.unvalidatedJitter(joints),
                  dynamicDegree: QualityMetrics.unvalidatedDynamic(joints),
                  groundPenetration: QualityMetrics.unvalidatedGroundPenetration(joints),
                  footSliding: QualityMetrics.unvalidatedFootSliding(joints),
                  footFloating: FootFloating.unvalidatedScore(joints))
    }

    public subscript(dimension: QualityDimension) -> Double {
        switch dimension {
        case .jitterDegree: return jitterDegree
        case .dynamicDegree: return dynamicDegree
        case .groundPenetration: return groundPenetration
        case .footSliding: return footSliding
        case .footFloating: return footFloating
        }
    }

    /// `["Jitter_Degree": …, …]`, the keys the tracker and the official JSON use.
    public var byOfficialName: [String: Double] {
        Dictionary(uniqueKeysWithValues: QualityDimension.allCases.map { ($0.rawValue, self[$0]) })
    }
}
