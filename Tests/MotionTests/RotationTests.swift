import Autograd
import XCTest
@testable import Motion

final class RotationTests: XCTestCase {
    /// Rotations spread over the sphere of axes and angles up to π·0.95.
    static func sampleRotations(_ n: Int, seed: UInt64 = 1) -> [Mat3] {
        var rng = RandomGenerator(seed: seed)
        return (0..<n).map { _ in
            let axis = SIMD3(Float.random(in: -1...1, using: &rng), Float.random(in: -1...1, using: &rng),
                             Float.random(in: -1...1, using: &rng))
            return Mat3(axis: axis, angle: Float.random(in: 0...(0.95 * .pi), using: &rng))
        }
    }

    func assertClose(_ a: Mat3, _ b: Mat3, tolerance: Float = 1e-5, _ message: String = "", line: UInt = #line) {
        for r in 0..<3 { for c in 0..<3 {
            XCTAssertEqual(a[r, c], b[r, c], accuracy: tolerance, "\(message) [\(r),\(c)]", line: line)
        } }
    }

    func testAxisAngleRoundTrip() {
        for r in Self.sampleRotations(50) { assertClose(Mat3(axisAngle: r.axisAngle), r) }
        // A known value: a quarter turn about z takes x to y.
        let q = Mat3(axisAngle: SIMD3(0, 0, .pi / 2)) * SIMD3<Float>(1, 0, 0)
        XCTAssertEqual(q.y, 1, accuracy: 1e-6); XCTAssertEqual(q.x, 0, accuracy: 1e-6)
    }

    func testSixDIsFirstTwoColumnsAndRoundTrips() {
        let r = Mat3(axis: SIMD3(1, 2, 3), angle: 1.1)
        XCTAssertEqual(r.sixD, [r[0, 0], r[0, 1], r[1, 0], r[1, 1], r[2, 0], r[2, 1]])
        for r in Self.sampleRotations(50) { assertClose(Mat3(sixD: r.sixD), r) }
        // Gram–Schmidt repairs a scaled, skewed input.
        let skewed = zip(r.sixD, [2, 2, 2, 2, 2, 2] as [Float]).map { $0 * $1 }
        assertClose(Mat3(sixD: skewed), r)
    }

    func testQuaternionRoundTripAndProduct() {
        let rs = Self.sampleRotations(40)
        for r in rs { assertClose(Quat(r).matrix, r) }
        for (a, b) in zip(rs, rs.dropFirst()) {
            assertClose((Quat(a) * Quat(b)).matrix, a * b)
            let v = SIMD3<Float>(0.3, -1, 2)
            let d = Quat(a) * v - a * v
            XCTAssertLessThan(length(d), 1e-5)
            assertClose(Quat(axisAngle: a.axisAngle).matrix, a)
        }
    }

    func testEulerRoundTripInEveryBVHChannelOrder() {
        var rng = RandomGenerator(seed: 7)
        for order in ["XYZ", "XZY", "YXZ", "YZX", "ZXY", "ZYX"] {
            for _ in 0..<30 {
                let angles = (0..<3).map { i in Float.random(in: i == 1 ? -1.4...1.4 : -3.0...3.0, using: &rng) }
                let r = Mat3(euler: order, radians: angles)
                let back = r.eulerAngles(order: order)
                assertClose(Mat3(euler: order, radians: back), r, tolerance: 2e-5, order)
                for (a, b) in zip(angles, back) { XCTAssertEqual(a, b, accuracy: 1e-3, "\(order)") }
            }
            // Gimbal lock still rebuilds the same matrix.
            let locked = Mat3(euler: order, radians: [0.4, .pi / 2, -0.7])
            assertClose(Mat3(euler: order, radians: locked.eulerAngles(order: order)), locked, tolerance: 1e-4, "\(order) locked")
        }
        // BVH order means R = R_Z · R_X · R_Y for "ZXY".
        let zxy = Mat3(euler: "ZXY", radians: [0.3, 0.2, 0.1])
        assertClose(zxy, Mat3.elementary("Z", 0.3) * Mat3.elementary("X", 0.2) * Mat3.elementary("Y", 0.1))
    }

    func testMinimalRotationAndSlerp() {
        let a = SIMD3<Float>(0, 0, -1), b = SIMD3<Float>(0.6, 0.8, 0)
        let r = Mat3(rotating: a, onto: b)
        XCTAssertLessThan(length(r * a - b), 1e-6)
        XCTAssertEqual(length(r.axisAngle), .pi / 2, accuracy: 1e-5)
        let flip = Mat3(rotating: a, onto: -a)
        XCTAssertLessThan(length(flip * a + a), 1e-6)
        XCTAssertEqual(flip.determinant, 1, accuracy: 1e-6)
        let half = Quat.slerp(.identity, Quat(Mat3(axis: SIMD3(0, 0, 1), angle: 1.2)), 0.5)
        XCTAssertLessThan(length(half.matrix.axisAngle - SIMD3(0, 0, 0.6)), 1e-5)
    }
}
