import Autograd

/// A metric's mean over repetitions with its 95 % half-width, `1.96 · std / √repetitions`
/// (population std, as the HumanML3D evaluation scripts compute it).
public struct Interval: Codable, Hashable, Sendable, CustomStringConvertible {
    public var mean: Double
    public var halfWidth: Double

    /// The interval of `values`.
    public init(_ values: [Double]) {
        let n = Double(values.count)
        let average = values.reduce(0, +) / n
        mean = average
        let variance = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / n
        halfWidth = 1.96 * variance.squareRoot() / n.squareRoot()
    }

    public var description: String { String(format: "%.3f ± %.3f", mean, halfWidth) }
}

/// The HumanML3D-style metrics of Table 8 on the judge's embeddings.
public struct HumanML3DScores: Codable, Hashable, Sendable {
    /// R-precision top-1, top-2, top-3 (groups of `groupSize`).
    public var rPrecision: [Interval]
    /// Mean matched text–motion distance.
    public var multimodalDistance: Interval
    /// Fréchet distance of generated to real motion embeddings.
    public var fid: Interval
    /// Mean distance over random pairs of generated motions.
    public var diversity: Interval
    /// Mean distance between generations of one text (nil when no multi-generation set was given).
    public var multimodality: Interval?
}

/// Computes `HumanML3DScores` (ARCHITECTURE §6) from embeddings: each metric is repeated
/// `repetitions` times over one set of generations and reported as mean ± 1.96·std/√n.
///
/// Per repetition: R-precision and MM-Dist over a fresh random partition into groups of
/// `groupSize` (a last partial group is dropped; within a group each motion ranks the group's
/// texts by Euclidean distance and counts a hit at k when its own text is among the k
/// nearest); FID between a bootstrap resample of the generated embeddings and the real ones;
/// Diversity over `diversityPairs` fresh random pairs; MultiModality over `multimodalityPairs`
/// fresh pairs within each text's generations, averaged over texts.
public struct HumanML3DEvaluation: Sendable {
    public var repetitions = 20
    public var groupSize = 32
    public var diversityPairs = 300
    public var multimodalityPairs = 10
    public var seed: UInt64 = 0

    /// The defaults above.
    public init() {}

    /// `texts[i]` and `generated[i]` are a prompt's and its generated motion's embeddings;
    /// `real` the ground-truth motions' embeddings; `generationsPerText` (optional) holds
    /// several generations of each of some texts.
    public func evaluate(texts: [[Float]], generated: [[Float]], real: [[Float]],
                         generationsPerText: [[[Float]]] = []) throws -> HumanML3DScores {
        guard texts.count == generated.count else {
            throw MBenchError.mismatchedCounts(what: "generated motions for the texts", got: generated.count, expected: texts.count)
        }
        guard generated.count >= groupSize else {
            throw MBenchError.tooFewSamples(what: "generated motions for R-precision groups", got: generated.count, need: groupSize)
        }
        guard generated.count >= 2, real.count >= 2 else {
            throw MBenchError.tooFewSamples(what: "embeddings for FID", got: min(generated.count, real.count), need: 2)
        }
        var rng = RandomGenerator(seed: seed)
        var top = [[Double]](repeating: [], count: 3), mmDist: [Double] = [], fid: [Double] = []
        var diversity: [Double] = [], multimodality: [Double] = []
        for _ in 0..<repetitions {
            let order = rng.permutation(generated.count)
            var hits = [0, 0, 0], matchedDistance = 0.0, counted = 0
            for start in stride(from: 0, through: order.count - groupSize, by: groupSize) {
                let group = Array(order[start..<(start + groupSize)])
                for i in group {
                    let own = euclidean(generated[i], texts[i])
                    let closer = group.filter { euclidean(generated[i], texts[$0]) < own }.count
                    for k in 0..<3 where closer <= k { hits[k] += 1 }
                    matchedDistance += Double(own)
                    counted += 1
                }
            }
            for k in 0..<3 { top[k].append(Double(hits[k]) / Double(counted)) }
            mmDist.append(matchedDistance / Double(counted))
            let resample = (0..<generated.count).map { _ in generated[rng.integer(below: generated.count)] }
            fid.append(try FrechetDistance.between(resample, real))
            diversity.append((0..<diversityPairs).reduce(0.0) { sum, _ in
                sum + Double(euclidean(generated[rng.integer(below: generated.count)], generated[rng.integer(below: generated.count)]))
            } / Double(diversityPairs))
            let sets = generationsPerText.filter { $0.count >= 2 }
            if !sets.isEmpty {
                multimodality.append(sets.reduce(0.0) { sum, set in
                    sum + (0..<multimodalityPairs).reduce(0.0) { inner, _ in
                        let a = rng.integer(below: set.count)
                        var b = rng.integer(below: set.count - 1)
                        if b >= a { b += 1 }
                        return inner + Double(euclidean(set[a], set[b]))
                    } / Double(multimodalityPairs)
                } / Double(sets.count))
            }
        }
        return HumanML3DScores(rPrecision: top.map(Interval.init), multimodalDistance: Interval(mmDist),
                               fid: Interval(fid), diversity: Interval(diversity),
                               multimodality: multimodality.isEmpty ? nil : Interval(multimodality))
    }
}

/// Euclidean distance of two equal-length vectors.
func euclidean(_ a: [Float], _ b: [Float]) -> Float {
    var sum: Float = 0
    for i in a.indices { let d = a[i] - b[i]; sum += d * d }
    return sum.squareRoot()
}
