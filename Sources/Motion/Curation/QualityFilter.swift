/// A named predicate over a clip's quality scores; curation keeps clips that pass every
/// filter and records the name of the first one that fails.
public struct QualityFilter: Sendable, CustomStringConvertible {
    public var name: String
    public var accepts: @Sendable (QualityScores) -> Bool

    public init(name: String, accepts: @escaping @Sendable (QualityScores) -> Bool) {
        self.name = name; self.accepts = accepts
    }

    public var description: String { name }

    /// Keeps clips whose `dimension` is at most `limit`.
    public static func maximum(_ dimension: QualityDimension, _ limit: Double) -> QualityFilter {
        QualityFilter(name: "\(dimension.rawValue) <= \(limit)") { $0[dimension] <= limit }
    }

    /// Keeps clips whose `dimension` is at least `limit` (e.g. no near-static clips).
    public static func minimum(_ dimension: QualityDimension, _ limit: Double) -> QualityFilter {
        QualityFilter(name: "\(dimension.rawValue) >= \(limit)") { $0[dimension] >= limit }
    }

    /// The paper's curation filters (appendix D.2: "significant jitter or … insufficient
    /// dynamics"), thresholds ours, in metres per frame at 20 fps: real mocap measures a Jitter
    /// Degree of 0.02–0.03 (CMU walking, boxing) and 1 cm of Gaussian noise raises it to 0.09;
    /// standing still measures a Dynamic Degree near 0.
    public static let standard: [QualityFilter] = [
        .maximum(.jitterDegree, 0.08),
        .minimum(.dynamicDegree, 0.003),
    ]
}
