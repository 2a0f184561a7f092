import Motion

/// The World's four data sources (the paper's Table 5 rows).
public enum WorldSource: String, CaseIterable, Sendable, Codable {
    /// Core studio optical MoCap: common indoor actions, human-style captions.
    case core = "mocap/core"
    /// More optical-MoCap data sets (named, label-only, captioned by the annotator step).
    case extended = "mocap/extended"
    /// Motion recovered from in-the-wild video (visual-MoCap artifacts; local pose only).
    case wild = "video/wild"
    /// Long-tail prompts through the video prior, then visual MoCap.
    case synthetic = "video/synthetic"

    /// The coarse source tag curation uses.
    public var motionSource: MotionSource {
        switch self {
        case .core, .extended: return .opticalMocap
        case .wild: return .inTheWildVideo
        case .synthetic: return .syntheticVideo
        }
    }

    /// Which tiers' actions appear in this source, with their shares. Tiers nest: every
    /// ground-truth source avoids the long tail and the held-out tier; only the synthetic
    /// source reaches the long tail; nothing reaches the held-out tier.
    public var tierMix: [(Tier, Double)] {
        switch self {
        case .core: return [(.core, 1)]
        case .extended: return [(.extended, 0.75), (.core, 0.25)]
        case .wild: return [(.wild, 0.6), (.core, 0.2), (.extended, 0.2)]
        case .synthetic: return [(.longtail, 0.7), (.wild, 0.15), (.extended, 0.15)]
        }
    }
}

/// How many takes each source holds.
public struct WorldSize: Sendable, Equatable, Codable {
    public var core: Int, extended: Int, wild: Int, synthetic: Int

    public init(core: Int, extended: Int, wild: Int, synthetic: Int) {
        self.core = core; self.extended = extended; self.wild = wild; self.synthetic = synthetic
    }

    /// The paper's Table 5 sizes (thousands of clips): 89 core, 83 extended, 42 in-the-wild,
    /// 14 synthetic — 228 in all.
    public static let paperProportions: [WorldSource: Double] = [.core: 89, .extended: 83, .wild: 42, .synthetic: 14]

    /// `total` takes split in the paper's proportions (each source at least one take). Preset
    /// totals live in one place, `world_clips` of `Experiments/presets.toml` (read by Lab).
    public static func proportional(total: Int) -> WorldSize {
        let sum = paperProportions.values.reduce(0, +)
        func share(_ s: WorldSource) -> Int { max(1, Int((Double(total) * paperProportions[s]! / sum).rounded())) }
        return WorldSize(core: share(.core), extended: share(.extended), wild: share(.wild), synthetic: share(.synthetic))
    }

    public var total: Int { core + extended + wild + synthetic }

    /// Takes of one source.
    public subscript(source: WorldSource) -> Int {
        switch source {
        case .core: return core
        case .extended: return extended
        case .wild: return wild
        case .synthetic: return synthetic
        }
    }
}

/// Errors of the World's configuration.
public enum WorldError: Error, CustomStringConvertible, Equatable {
    case takeOutOfRange(index: Int, count: Int)
    case noActions(tier: String)

    public var description: String {
        switch self {
        case let .takeOutOfRange(index, count): return "take \(index) is outside the world (it has \(count) takes)"
        case let .noActions(tier): return "the lexicon has no \(tier)-tier action to draw"
        }
    }
}
