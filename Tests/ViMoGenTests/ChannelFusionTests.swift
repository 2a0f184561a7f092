import Autograd
import Motion
import XCTest
@testable import ViMoGen

final class ChannelFusionTests: XCTestCase {
    /// The same least-squares problem solved densely: normal equations by Gaussian elimination.
    private func denseFuse(positions p: [Float], velocities v: [Float], weight w: Double) -> [Double] {
        let n = p.count + 1
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n), b = [Double](repeating: 0, count: n)
        for k in 0..<p.count { a[k][k] += w; b[k] += w * Double(p[k]) }
        for k in 0..<p.count {           // (x[k+1] − x[k] − v[k])²
            a[k][k] += 1; a[k + 1][k + 1] += 1; a[k][k + 1] -= 1; a[k + 1][k] -= 1
            b[k] -= Double(v[k]); b[k + 1] += Double(v[k])
        }
        for col in 0..<n {
            for row in (col + 1)..<n where a[row][col] != 0 {
                let f = a[row][col] / a[col][col]
                for c in col..<n { a[row][c] -= f * a[col][c] }
                b[row] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            x[row] = (b[row] - ((row + 1)..<n).reduce(0) { $0 + a[row][$1] * x[$1] }) / a[row][row]
        }
        return x
    }

    func testTheTridiagonalSolveMatchesADenseSolve() {
        var rng = RandomGenerator(seed: 3)
        let p = rng.normal([40]).scalars, v = rng.normal([40]).scalars.map { $0 * 0.1 }
        for w: Float in [0.01, 0.1, 1, 10] {
            let fast = ChannelFusion.fuse(positions: p, velocities: v, weight: w)
            let dense = denseFuse(positions: p, velocities: v, weight: Double(w))
            for (a, b) in zip(fast, dense) { XCTAssertEqual(Double(a), b, accuracy: 1e-4) }
        }
    }

    func testConsistentChannelsAreAFixedPoint() throws {
        let n = SMPLJoint.count, frames = 30
        let motion = SMPLMotion(fps: 20, rootTranslation: (0..<frames).map { SIMD3(0.02 * Float($0), 0.01 * sin(Float($0)), 0.9) },
                                rotations: [Mat3](repeating: .identity, count: frames * n), skeleton: .smpl22)
        let encoded = try FrameEncoding.encode(Canonicalization.canonicalize(motion).motion)
        let fused = try ChannelFusion().apply(encoded)
        for (a, b) in zip(fused.values, encoded.values) { XCTAssertEqual(a, b, accuracy: 2e-5) }
    }

    func testABiasedVelocityNoLongerDrifts() throws {
        // Positions still, velocities biased by 1 cm per frame: integrating drifts 0.59 m over
        // 60 frames; fused, the joint stays within a few centimetres of its positions.
        let n = SMPLJoint.count, count = 60
        let motion = SMPLMotion(fps: 20, rootTranslation: [SIMD3<Float>](repeating: SIMD3(0, 0, 0.9), count: count + 1),
                                rotations: [Mat3](repeating: .identity, count: (count + 1) * n), skeleton: .smpl22)
        var values = try FrameEncoding.encode(Canonicalization.canonicalize(motion).motion).values
        let foot = SMPLJoint.leftFoot.rawValue
        for t in 0..<count { values[t * FrameLayout.dimension + FrameLayout.jointVelocities.lowerBound + foot * 3 + 2] -= 0.01 }
        let frames = FeatureFrames(fps: 20, values: values)
        let drifted = try FrameEncoding.decode(frames).joints
        XCTAssertEqual(drifted[frame: count - 1, joint: foot].z - drifted[frame: 0, joint: foot].z, -0.59, accuracy: 1e-4)
        let fused = try FrameEncoding.decode(try ChannelFusion(positionWeight: 0.1).apply(frames)).joints
        let rest = try FrameEncoding.decode(frames, .direct).joints
        let worst = (0..<count).map { abs(fused[frame: $0, joint: foot].z - rest[frame: $0, joint: foot].z) }.max()!
        XCTAssertLessThan(worst, 0.04)
        XCTAssertGreaterThan(worst, 0.005)   // the velocities still count: not a copy of the positions
        XCTAssertThrowsError(try ChannelFusion(positionWeight: 0).apply(frames))
    }
}
