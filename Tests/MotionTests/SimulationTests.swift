import Autograd
import XCTest
@testable import Motion

final class SimulationTests: XCTestCase {
    static func clip() throws -> FeatureFrames {
        let clean = try FrameEncoding.encode(Canonicalization.canonicalize(Resampling.resample(CoreTestMotions.walk(seconds: 5.1, fps: 20), to: 20)).motion)
        return try FeatureStatistics(fitting: [clean]).normalize(clean)
    }

    func testRandomGeneratorIsDeterministicAndGaussianHasUnitSpread() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
        let xa = (0..<5).map { _ in a.next() }
        XCTAssertEqual(xa, (0..<5).map { _ in b.next() })
        XCTAssertNotEqual(xa, (0..<5).map { _ in c.next() })
        var g = RandomGenerator(seed: 1)
        let samples = (0..<20_000).map { _ in Double(g.normal()) }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.05)
    }

    func testReferenceCarriesOnlyPoseAndRootOrientation() throws {
        let frames = try Self.clip()
        let reference = ReferenceMotion(frames)
        XCTAssertEqual(ReferenceMotion.width, 138)
        XCTAssertEqual(reference.frameCount, 101) // 102 poses
        XCTAssertEqual(reference.values[3 * 138 + 5], frames[frame: 3, dim: 5])
        XCTAssertEqual(reference.values[3 * 138 + 126], frames[frame: 3, dim: 258])
        XCTAssertEqual(reference.values[3 * 138 + 137], frames[frame: 3, dim: 269])
    }

    func testReferenceNoiseStrengths() throws {
        let frames = try Self.clip(), clean = ReferenceMotion(frames)
        var noise = ReferenceNoise()
        noise.dropoutRate = 0
        var rng = RandomGenerator(seed: 3)
        // Nothing drawn, nothing changed.
        XCTAssertEqual(noise.corrupt(frames, with: .init(corruptionRate: 0, noiseScale: 0.1, blendRate: 0), using: &rng), clean)
        // Blending every frame: frame t lies on the segment between the clean neighbours.
        let blended = noise.corrupt(frames, with: .init(corruptionRate: 0, noiseScale: 0.1, blendRate: 1), using: &rng)
        let w = ReferenceMotion.width, t = 10
        let d = (0..<w).max { abs(clean.values[(t + 1) * w + $0] - clean.values[(t - 1) * w + $0]) < abs(clean.values[(t + 1) * w + $1] - clean.values[(t - 1) * w + $1]) }!
        let prev = clean.values[(t - 1) * w + d], next = clean.values[(t + 1) * w + d]
        let alpha = (blended.values[t * w + d] - next) / (prev - next)
        XCTAssertTrue((0.35...0.65).contains(alpha), "alpha \(alpha)")
        for k in 0..<w {
            let expected = alpha * clean.values[(t - 1) * w + k] + (1 - alpha) * clean.values[(t + 1) * w + k]
            XCTAssertEqual(blended.values[t * w + k], expected, accuracy: 1e-4)
        }
        XCTAssertEqual(Array(blended.values[0..<w]), Array(clean.values[0..<w]))
        // Corrupting every frame adds noise of the drawn scale.
        let noisy = noise.corrupt(frames, with: .init(corruptionRate: 1, noiseScale: 0.1, blendRate: 0), using: &rng)
        let residual = zip(noisy.values, clean.values).map { Double($0 - $1) }
        let rms = (residual.map { $0 * $0 }.reduce(0, +) / Double(residual.count)).squareRoot()
        XCTAssertEqual(rms, 0.1, accuracy: 0.005)
        // Draws fall in the documented ranges; dropout masks about 2 % of frames.
        let draw = ReferenceNoise().draw(using: &rng)
        XCTAssertTrue((0...0.4).contains(draw.corruptionRate) && (0.05...0.15).contains(draw.noiseScale) && (0.03...0.08).contains(draw.blendRate))
        var dropped = 0
        for _ in 0..<50 {
            let r = ReferenceNoise().corrupt(frames, with: draw, using: &rng)
            dropped += r.kept.filter { !$0 }.count
            for (t, kept) in r.kept.enumerated() where !kept { XCTAssertTrue(r.values[(t * w)..<((t + 1) * w)].allSatisfy { $0 == 0 }) }
        }
        XCTAssertEqual(Double(dropped) / Double(50 * frames.frameCount), 0.02, accuracy: 0.008)
        // The same seed gives the same corruption.
        var r1 = RandomGenerator(seed: 9), r2 = RandomGenerator(seed: 9)
        XCTAssertEqual(ReferenceNoise().corrupt(frames, with: draw, using: &r1), ReferenceNoise().corrupt(frames, with: draw, using: &r2))
    }

    func testCaptureArtifactsDegradeTheMatchingMetric() throws {
        let walk = CoreTestMotions.walk(seconds: 5, fps: 20)
        var rng = RandomGenerator(seed: 11)
        XCTAssertEqual(CaptureArtifacts().apply(to: walk, using: &rng), walk)
        let base = try QualityScores(walk.joints())
        let jittered = try QualityScores(CaptureArtifacts(jitter: 0.01).apply(to: walk, using: &rng).joints())
        let moreJitter = try QualityScores(CaptureArtifacts(jitter: 0.03).apply(to: walk, using: &rng).joints())
        XCTAssertGreaterThan(jittered.jitterDegree, 2 * base.jitterDegree)
        XCTAssertGreaterThan(moreJitter.jitterDegree, 2 * jittered.jitterDegree)
        let sliding = try QualityScores(CaptureArtifacts(footSliding: 0.05).apply(to: CoreTestMotions.stand(seconds: 5, fps: 20), using: &rng).joints())
        XCTAssertGreaterThan(sliding.footSliding, 0.005)
        let drifted = CaptureArtifacts(trajectoryDrift: 0.5).apply(to: CoreTestMotions.stand(seconds: 5, fps: 20), using: &rng)
        let moved = length(drifted.rootTranslation[99] - drifted.rootTranslation[0])
        XCTAssertGreaterThan(moved, 1.5) // 0.5 m/s for 4.95 s along a wandering heading
        XCTAssertLessThan(moved, 2.5)
        let damped = CaptureArtifacts(amplitudeDamping: 1).apply(to: walk, using: &rng)
        let knee = SMPLJoint.leftKnee.rawValue
        XCTAssertLessThan(length((damped.rotation(frame: 0, joint: knee).transposed * damped.rotation(frame: 37, joint: knee)).axisAngle), 1e-5)
        let half = CaptureArtifacts(amplitudeDamping: 0.5).apply(to: walk, using: &rng)
        let swing = { (m: SMPLMotion) in (0..<m.frameCount).map { m.rotation(frame: $0, joint: SMPLJoint.leftHip.rawValue).axisAngle.x }.max()! }
        XCTAssertEqual(swing(half), 0.5 * swing(walk), accuracy: 0.03)
    }
}
