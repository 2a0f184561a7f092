import Foundation
import Motion
@testable import ViMoGen

/// Helpers of the measurement tests: mean quality scores and a nearest-neighbour action check.
enum MeasurementSupport {
    static func meanScores(_ joints: [JointSequence]) throws -> (jitter: Double, sliding: Double) {
        let scores = try joints.map { try QualityScores($0) }
        return (scores.map(\.jitterDegree).reduce(0, +) / Double(scores.count),
                scores.map(\.footSliding).reduce(0, +) / Double(scores.count))
    }

    /// Time-mean and time-std of each normalised dimension: a crude action descriptor.
    static func descriptor(_ frames: FeatureFrames) -> [Float] {
        let n = frames.frameCount, w = FrameLayout.dimension
        var out: [Float] = []
        for d in 0..<w {
            var s: Float = 0, s2: Float = 0
            for t in 0..<n { let v = frames.values[t * w + d]; s += v; s2 += v * v }
            let m = s / Float(n)
            out += [m, (max(0, s2 / Float(n) - m * m)).squareRoot()]
        }
        return out
    }

    /// How many generated motions have a data clip of their own action as nearest neighbour.
    static func recognised<Label: Equatable>(_ motions: [GeneratedMotion], labels: [Label], dataDescriptors: [[Float]],
                                             dataLabels: [Label]) -> Int {
        var correct = 0
        for (motion, label) in zip(motions, labels) {
            let d = descriptor(motion.normalised)
            func distance(_ i: Int) -> Float { zip(dataDescriptors[i], d).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
            let nearest = dataDescriptors.indices.min { distance($0) < distance($1) }!
            if dataLabels[nearest] == label { correct += 1 }
        }
        return correct
    }
}
