import Foundation
import Motion

/// MBench's Pose Quality stand-in (ARCHITECTURE §3): how far each pose lies from the manifold of
/// plausible poses, measured as the distance to its nearest neighbours in a `PoseBank`.
///
/// The distance between two poses is the mean over the 21 body joints of the geodesic angle
/// between their parent-relative rotations, `acos((tr(RᵀQ) − 1) / 2)` (radians). A pose's score
/// is the mean distance to its `neighbours` nearest bank poses; a motion's score is the mean
/// over every `frameStride`-th frame. Lower is better; a pose taken from the bank scores about 0
/// when `neighbours` is 1.
public struct PoseQuality: Sendable {
    /// The reference poses.
    public let bank: PoseBank
    /// How many nearest bank poses are averaged.
    public var neighbours: Int
    /// How many index clusters are scanned per query.
    public var probes: Int
    /// Every how many frames a pose is scored (poses change little between 20 fps frames).
    public var frameStride: Int

    /// A metric over `bank`.
    public init(bank: PoseBank, neighbours: Int = 5, probes: Int = 3, frameStride: Int = 2) {
        precondition(neighbours > 0 && probes > 0 && frameStride > 0, "PoseQuality: settings must be positive")
        self.bank = bank; self.neighbours = neighbours; self.probes = probes; self.frameStride = frameStride
    }

    /// The mean geodesic distance (radians) of frame `t`'s pose to its nearest bank poses.
    public func score(frame t: Int, of motion: SMPLMotion) -> Double {
        var query = [Float](); query.reserveCapacity(PoseBank.poseSize)
        PoseBank.appendPose(of: motion, frame: t, to: &query)
        return score(query)
    }

    /// The mean over scored frames; throws on an empty or non-finite motion.
    public func callAsFunction(_ motion: SMPLMotion) throws -> Double {
        guard motion.frameCount > 0 else { throw MBenchError.emptyMotion }
        // A NaN or infinity anywhere in a matrix makes the sum of its entries non-finite.
        for (i, r) in motion.rotations.enumerated() where !(r.c0 + r.c1 + r.c2).sum().isFinite {
            throw MBenchError.nonFinite(frame: i / SMPLJoint.count, joint: i % SMPLJoint.count)
        }
        let frames = Array(stride(from: 0, to: motion.frameCount, by: frameStride))
        return frames.reduce(0) { $0 + score(frame: $1, of: motion) } / Double(frames.count)
    }

    /// Scores many motions, spread over the available cores; results in input order.
    public func scores(_ motions: [SMPLMotion]) throws -> [Double] {
        var results = [Result<Double, Error>](repeating: .success(0), count: motions.count)
        results.withUnsafeMutableBufferPointer { out in
            let buffer = out
            DispatchQueue.concurrentPerform(iterations: motions.count) { i in
                buffer[i] = Result { try self(motions[i]) }
            }
        }
        return try results.map { try $0.get() }
    }

    func score(_ query: [Float]) -> Double {
        let d = PoseBank.poseSize, clusters = bank.clusterRanges.count
        // Nearest centroids first.
        var centroidDistances = (0..<clusters).map { (PoseBank.squaredDistance(query, 0, bank.centroids, $0 * d), $0) }
        centroidDistances.sort { $0.0 < $1.0 }
        var nearest = [Float](repeating: .infinity, count: neighbours)
        var scanned = 0
        for (_, cluster) in centroidDistances {
            // Scan at least `probes` clusters and at least `neighbours` poses.
            if scanned >= probes && nearest[neighbours - 1].isFinite { break }
            scanned += 1
            for pose in bank.clusterRanges[cluster] {
                let distance = geodesicDistance(query, bank.poses, pose * d)
                if distance < nearest[neighbours - 1] {
                    var slot = neighbours - 1
                    while slot > 0 && nearest[slot - 1] > distance { nearest[slot] = nearest[slot - 1]; slot -= 1 }
                    nearest[slot] = distance
                }
            }
        }
        let found = nearest.filter(\.isFinite)
        return Double(found.reduce(0, +)) / Double(found.count)
    }

    /// Mean over joints of the angle between corresponding rotations.
    @inline(__always)
    func geodesicDistance(_ a: [Float], _ b: [Float], _ offset: Int) -> Float {
        var total: Float = 0
        for joint in 0..<21 {
            var trace: Float = 0
            let base = joint * 9
            for e in 0..<9 { trace += a[base + e] * b[offset + base + e] }
            total += acos(min(1, max(-1, (trace - 1) / 2)))
        }
        return total / 21
    }
}
