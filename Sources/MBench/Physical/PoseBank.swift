import Autograd
import Motion

/// A capped bank of clean body poses (the 21 parent-relative joint rotations of SMPL, no root
/// orientation) with a coarse k-means index: the reference manifold of plausible poses for the
/// Pose Quality stand-in (ARCHITECTURE §3, in place of the NRDF pose prior).
///
/// Poses are stored as 21 flattened rotation matrices (189 floats). The index clusters them by
/// k-means on these vectors (squared Frobenius distance is a monotone function of each joint's
/// geodesic angle, so near clusters hold geodesically near poses); a query scans the members of
/// the `probes` clusters whose centroids are nearest.
public struct PoseBank: Sendable {
    /// Floats per pose: 21 joints × 9 matrix entries.
    public static let poseSize = 21 * 9
    /// Flattened poses, `count × poseSize`, grouped by cluster.
    public let poses: [Float]
    /// Cluster centroids, `clusterCount × poseSize`.
    public let centroids: [Float]
    /// Per cluster, the range of its poses in `poses`.
    public let clusterRanges: [Range<Int>]

    /// Number of poses held.
    public var count: Int { poses.count / Self.poseSize }

    /// Builds a bank from the poses of `motions`: at most `capacity` poses, drawn uniformly
    /// without replacement with `seed` when there are more, clustered into about √count
    /// clusters (at most `maximumClusters`) by `kMeansIterations` rounds of Lloyd's algorithm.
    public init(motions: [SMPLMotion], capacity: Int = 8192, seed: UInt64 = 0,
                maximumClusters: Int = 96, kMeansIterations: Int = 8) throws {
        let all = motions.flatMap { motion in (0..<motion.frameCount).map { (motion, $0) } }
        guard !all.isEmpty else { throw MBenchError.emptyPoseBank }
        var rng = RandomGenerator(seed: seed)
        let chosen = all.count > capacity ? Array(rng.permutation(all.count).prefix(capacity)).sorted() : Array(0..<all.count)
        var flat = [Float](); flat.reserveCapacity(chosen.count * Self.poseSize)
        for index in chosen { Self.appendPose(of: all[index].0, frame: all[index].1, to: &flat) }
        self.init(flatPoses: flat, rng: &rng, maximumClusters: maximumClusters, iterations: kMeansIterations)
    }

    init(flatPoses flat: [Float], rng: inout RandomGenerator, maximumClusters: Int, iterations: Int) {
        let n = flat.count / Self.poseSize, d = Self.poseSize
        let k = max(1, min(maximumClusters, Int(Double(n).squareRoot().rounded())))
        var centroids = [Float](); centroids.reserveCapacity(k * d)
        for index in rng.permutation(n).prefix(k) { centroids += flat[(index * d)..<((index + 1) * d)] }
        var assignment = [Int](repeating: 0, count: n)
        for _ in 0..<max(1, iterations) {
            for i in 0..<n { assignment[i] = Self.nearestCentroid(flat, i * d, centroids, k) }
            var sums = [Float](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
            for i in 0..<n {
                counts[assignment[i]] += 1
                for e in 0..<d { sums[assignment[i] * d + e] += flat[i * d + e] }
            }
            // An emptied cluster keeps its old centroid.
            for c in 0..<k where counts[c] > 0 {
                for e in 0..<d { centroids[c * d + e] = sums[c * d + e] / Float(counts[c]) }
            }
        }
        for i in 0..<n { assignment[i] = Self.nearestCentroid(flat, i * d, centroids, k) }
        let order = (0..<n).sorted { (assignment[$0], $0) < (assignment[$1], $1) }
        var grouped = [Float](); grouped.reserveCapacity(flat.count)
        var ranges = [Range<Int>](repeating: 0..<0, count: k)
        var cursor = 0
        for c in 0..<k {
            let start = cursor
            while cursor < n && assignment[order[cursor]] == c {
                grouped += flat[(order[cursor] * d)..<((order[cursor] + 1) * d)]
                cursor += 1
            }
            ranges[c] = start..<cursor
        }
        poses = grouped; self.centroids = centroids; clusterRanges = ranges
    }

    /// Appends frame `t`'s 21 local joint rotations, flattened column by column.
    static func appendPose(of motion: SMPLMotion, frame t: Int, to out: inout [Float]) {
        for j in 1..<SMPLJoint.count {
            let r = motion.rotation(frame: t, joint: j)
            out += [r.c0.x, r.c0.y, r.c0.z, r.c1.x, r.c1.y, r.c1.z, r.c2.x, r.c2.y, r.c2.z]
        }
    }

    static func nearestCentroid(_ x: [Float], _ offset: Int, _ centroids: [Float], _ k: Int) -> Int {
        var best = 0, bestDistance = Float.infinity
        for c in 0..<k {
            let distance = squaredDistance(x, offset, centroids, c * poseSize)
            if distance < bestDistance { bestDistance = distance; best = c }
        }
        return best
    }

    @inline(__always)
    static func squaredDistance(_ a: [Float], _ ao: Int, _ b: [Float], _ bo: Int) -> Float {
        var sum: Float = 0
        for e in 0..<poseSize { let diff = a[ao + e] - b[bo + e]; sum += diff * diff }
        return sum
    }
}

extension PoseBank {
    /// A bank of the clean poses of judge training examples (decoded from their frames), as
    /// the benchmark builds it from its own World sample.
    public init(examples: [JudgeExample], capacity: Int = 8192, seed: UInt64 = 0) throws {
        try self.init(motions: try examples.filter { !$0.isDegraded }.map { try FrameEncoding.decode($0.frames).smpl },
                      capacity: capacity, seed: seed)
    }
}
