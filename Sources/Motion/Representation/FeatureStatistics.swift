/// Per-dimension mean and standard deviation of a dataset's feature frames, stored beside
/// every dataset and checkpoint; models see `(x − mean) / std`.
///
/// The std is the population std (divide by N), clipped below at 1e-8 so constant dimensions
/// (e.g. the first frame's planar pelvis position, always 0 after canonicalisation) stay finite.
public struct FeatureStatistics: Equatable, Sendable, Codable {
    public static let minimumStd: Float = 1e-8

    public var mean: [Float]
    public var std: [Float]

    public init(mean: [Float], std: [Float]) throws {
        guard mean.count == FrameLayout.dimension, std.count == FrameLayout.dimension else {
            throw FeatureStatisticsError.wrongLength(mean: mean.count, std: std.count)
        }
        if let bad = std.firstIndex(where: { !($0 > 0 && $0.isFinite) }) ?? mean.firstIndex(where: { !$0.isFinite }) {
            throw FeatureStatisticsError.invalidValue(dim: bad)
        }
        self.mean = mean; self.std = std
    }

    /// Decoding checks lengths and values like `init(mean:std:)`, so a damaged stats file is
    /// reported when it is read, not when a model first produces NaNs.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(mean: c.decode([Float].self, forKey: .mean), std: c.decode([Float].self, forKey: .std))
    }

    /// Statistics of all frames of `clips` (accumulated in Double).
    public init(fitting clips: [FeatureFrames]) throws {
        var acc = Accumulator()
        for c in clips { acc.add(c) }
        self = try acc.statistics()
    }

    /// `(x − mean) / std`, frame by frame.
    public func normalize(_ frames: FeatureFrames) -> FeatureFrames {
        var out = frames
        applyPerDimension(&out.values) { v, d in (v - mean[d]) / std[d] }
        return out
    }

    /// `x · std + mean`, the inverse of `normalize`.
    public func denormalize(_ frames: FeatureFrames) -> FeatureFrames {
        var out = frames
        applyPerDimension(&out.values) { v, d in v * std[d] + mean[d] }
        return out
    }

    private func applyPerDimension(_ values: inout [Float], _ f: (Float, Int) -> Float) {
        let D = FrameLayout.dimension
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<v.count { v[i] = f(v[i], i % D) }
        }
    }

    /// Streams frames in, so a dataset larger than memory can be summarised shard by shard.
    public struct Accumulator: Sendable {
        private var count = 0
        private var sum = [Double](repeating: 0, count: FrameLayout.dimension)
        private var sumSquares = [Double](repeating: 0, count: FrameLayout.dimension)

        public init() {}

        public mutating func add(_ frames: FeatureFrames) {
            let D = FrameLayout.dimension
            for t in 0..<frames.frameCount {
                for d in 0..<D {
                    let x = Double(frames.values[t * D + d])
                    sum[d] += x; sumSquares[d] += x * x
                }
            }
            count += frames.frameCount
        }

        public func statistics() throws -> FeatureStatistics {
            guard count > 0 else { throw FeatureStatisticsError.noFrames }
            let n = Double(count)
            let mean = sum.map { Float($0 / n) }
            let std = zip(sum, sumSquares).map { s, q -> Float in
                let m = s / n
                return max(Float(max(0, q / n - m * m).squareRoot()), FeatureStatistics.minimumStd)
            }
            return try FeatureStatistics(mean: mean, std: std)
        }
    }
}

/// Why statistics could not be built or read.
public enum FeatureStatisticsError: Error, Equatable, CustomStringConvertible {
    case wrongLength(mean: Int, std: Int)
    case invalidValue(dim: Int)
    case noFrames

    public var description: String {
        switch self {
        case let .wrongLength(m, s): return "normalisation statistics need \(FrameLayout.dimension) means and stds, got \(m) and \(s)"
        case let .invalidValue(d): return "normalisation statistics: dimension \(d) has a non-finite mean or a std that is not positive"
        case .noFrames: return "normalisation statistics need at least one frame"
        }
    }
}
