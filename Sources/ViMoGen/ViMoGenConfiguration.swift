import Motion

/// Which cross-attention branches a model has: the full dual-branch ViMoGen, or one of the
/// single-branch models (ViMoGen-light and Table 7's T2M-only / M2M-only baselines).
public enum BranchSet: String, Codable, Sendable, CaseIterable {
    case both, textOnly, motionOnly

    public var hasText: Bool { self != .motionOnly }
    public var hasMotion: Bool { self != .textOnly }
}

/// What the network's head predicts. `x0` (the default at our scale, ARCHITECTURE §5 "Evidence
/// at our scale") outputs the clean motion and the sampler derives the velocity from it;
/// `velocity` outputs v = ε − x0 directly, as the public code does.
public enum Parameterisation: String, Codable, Sendable, CaseIterable {
    case x0, velocity
}

/// How captions reach the model: precomputed per-token features of a fixed width (MiniLM), or
/// token ids embedded by a table that belongs to this model (the `bow` encoder).
public enum TextInputKind: Codable, Sendable, Equatable {
    case features(width: Int)
    case tokenIDs(vocabularySize: Int, embeddingWidth: Int)
}

/// The sizes and options of a ViMoGen network. Stored in every checkpoint.
public struct ViMoGenConfiguration: Codable, Sendable, Equatable {
    public var width: Int
    public var depth: Int
    public var heads: Int
    /// Self-attention blocks in the M2M branch's reference encoder.
    public var referenceEncoderDepth: Int
    /// FFN hidden width as a multiple of `width`.
    public var ffnMultiplier: Int
    public var text: TextInputKind
    public var branches: BranchSet
    public var parameterisation: Parameterisation
    /// Longest clip in frames (positions are encoded up to this length).
    public var maxFrames: Int

    public init(width: Int, depth: Int, heads: Int, referenceEncoderDepth: Int, ffnMultiplier: Int = 4,
                text: TextInputKind, branches: BranchSet = .both, parameterisation: Parameterisation = .x0,
                maxFrames: Int = 100) {
        self.width = width; self.depth = depth; self.heads = heads
        self.referenceEncoderDepth = referenceEncoderDepth; self.ffnMultiplier = ffnMultiplier
        self.text = text; self.branches = branches; self.parameterisation = parameterisation
        self.maxFrames = maxFrames
    }

    /// Tiny: tests and CI.
    public static func smoke(text: TextInputKind) -> ViMoGenConfiguration {
        ViMoGenConfiguration(width: 32, depth: 1, heads: 2, referenceEncoderDepth: 1, text: text)
    }

    /// What the tables use: width 128 × depth 4 (ARCHITECTURE §5).
    public static func small(text: TextInputKind) -> ViMoGenConfiguration {
        ViMoGenConfiguration(width: 128, depth: 4, heads: 4, referenceEncoderDepth: 1, text: text)
    }

    /// Overnight: width 256 × depth 8; a two-block reference encoder keeps the shared share
    /// of the parameters near §5's (54 % here, 56 % at small; 48 % with four blocks).
    public static func large(text: TextInputKind) -> ViMoGenConfiguration {
        ViMoGenConfiguration(width: 256, depth: 8, heads: 8, referenceEncoderDepth: 2, text: text)
    }

    /// Checks the sizes; throws naming the offending field.
    public func validate() throws {
        func fail(_ field: String, _ why: String) -> ViMoGenError { .invalidConfiguration(field: field, reason: why) }
        guard width > 0, width % 2 == 0 else { throw fail("width", "must be a positive even number, got \(width)") }
        guard depth > 0 else { throw fail("depth", "must be at least 1, got \(depth)") }
        guard heads > 0, width % heads == 0 else { throw fail("heads", "\(heads) does not divide width \(width)") }
        guard referenceEncoderDepth >= 0 else { throw fail("referenceEncoderDepth", "must be ≥ 0, got \(referenceEncoderDepth)") }
        guard ffnMultiplier > 0 else { throw fail("ffnMultiplier", "must be ≥ 1, got \(ffnMultiplier)") }
        guard maxFrames > 1 else { throw fail("maxFrames", "must be ≥ 2, got \(maxFrames)") }
        switch text {
        case .features(let w) where w <= 0: throw fail("text", "feature width must be positive, got \(w)")
        case .tokenIDs(let v, let e) where v <= 0 || e <= 0:
            throw fail("text", "vocabulary size and embedding width must be positive, got \(v) and \(e)")
        default: break
        }
    }

    /// Frame width (276) and reference width (138, dims 0:126 and 258:270).
    public static let frameWidth = FrameLayout.dimension
    public static let referenceWidth = FrameLayout.referenceDimensions.count
}
