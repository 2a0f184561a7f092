import XCTest
@testable import Autograd

final class TensorOpsTests: XCTestCase {
    func testBroadcastArithmetic() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([10, 20, 30])
        XCTAssertEqual((a + b).scalars, [11, 22, 33, 14, 25, 36])
        let c = Tensor([1, 2], shape: [2, 1])
        XCTAssertEqual((a * c).scalars, [1, 2, 3, 8, 10, 12])
        XCTAssertEqual((c - b).shape, [2, 3])
        XCTAssertEqual((c - b).scalars, [-9, -19, -29, -8, -18, -28])
        XCTAssertEqual((a / 2).scalars, [0.5, 1, 1.5, 2, 2.5, 3])
        XCTAssertEqual((1 - a).scalars, [0, -1, -2, -3, -4, -5])
    }

    func testMatmulVariants() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([1, 0, 0, 1, 1, 1], shape: [3, 2])
        XCTAssertEqual(matmul(a, b).scalars, [4, 5, 10, 11])
        XCTAssertEqual(matmul(a, a, transposeB: true).scalars, [14, 32, 32, 77])
        XCTAssertEqual(matmul(a, a, transposeA: true).shape, [3, 3])
        XCTAssertEqual(matmul(a, a, transposeA: true).scalars, [17, 22, 27, 22, 29, 36, 27, 36, 45])
        let batched = Tensor((0..<12).map(Float.init), shape: [2, 2, 3])
        let out = matmul(batched, batched, transposeB: true)
        XCTAssertEqual(out.shape, [2, 2, 2])
        XCTAssertEqual(out.scalars, [5, 14, 14, 50, 149, 212, 212, 302])
    }

    func testReductionsAndShapes() {
        let a = Tensor((0..<24).map(Float.init), shape: [2, 3, 4])
        XCTAssertEqual(a.sum(axes: [1]).shape, [2, 4])
        XCTAssertEqual(a.sum(axes: [1]).scalars, [12, 15, 18, 21, 48, 51, 54, 57])
        XCTAssertEqual(a.mean().item, 11.5)
        XCTAssertEqual(a.sum(axes: [0, 2], keepDims: true).shape, [1, 3, 1])
        XCTAssertEqual(a.sum(axes: [0, 2]).scalars, [60, 92, 124])
        let p = a.permuted([2, 0, 1])
        XCTAssertEqual(p.shape, [4, 2, 3])
        XCTAssertEqual(Array(p.scalars.prefix(7)), [0, 4, 8, 12, 16, 20, 1])
        XCTAssertEqual(a.transposed().shape, [2, 4, 3])
        let parts = a.split(sizes: [1, 2], axis: 1)
        XCTAssertEqual(parts[1].shape, [2, 2, 4])
        XCTAssertEqual(concat(parts, axis: 1).scalars, a.scalars)
        XCTAssertEqual(a.slice(axis: -1, 1..<3).scalars.prefix(4), [1, 2, 5, 6])
        XCTAssertEqual(a.reshaped([6, -1]).shape, [6, 4])
    }

    func testSoftmaxMaskAndNorm() {
        let x = Tensor([1, 2, 3, 1, 2, 3], shape: [2, 3])
        let mask = Tensor([1, 1, 0, 0, 0, 0], shape: [2, 3])
        let y = x.softmax(mask: mask).scalars
        let e = Float(M_E)
        XCTAssertEqual(y[0], 1 / (1 + e), accuracy: 1e-6)
        XCTAssertEqual(y[2], 0)
        XCTAssertEqual(Array(y[3...]), [0, 0, 0], "a fully masked row is all zeros")
        let ln = layerNorm(Tensor([1, 2, 3, 4], shape: [1, 4]), weight: nil, bias: nil, eps: 0).scalars
        let s = Float(1.25).squareRoot()
        XCTAssertEqual(ln[0], -1.5 / s, accuracy: 1e-5)
        XCTAssertEqual(ln[3], 1.5 / s, accuracy: 1e-5)
    }

    func testUnaryAccuracy() {
        let xs: [Float] = [-6, -2.5, -0.7, -1e-3, 0, 1e-3, 0.3, 1.2, 3, 9]
        let x = Tensor(xs)
        for (got, v) in zip(x.exp().scalars, xs) { XCTAssertEqual(got, Foundation.exp(v), accuracy: 1e-6 * Swift.max(1, Foundation.exp(v))) }
        for (got, v) in zip(x.tanh().scalars, xs) { XCTAssertEqual(got, Foundation.tanh(v), accuracy: 1e-6) }
        for (got, v) in zip(x.gelu().scalars, xs) {
            XCTAssertEqual(got, 0.5 * v * (1 + Foundation.erf(v / Float(2).squareRoot())), accuracy: 2e-6 * Swift.max(1, abs(v)))
        }
        for (got, v) in zip(x.sigmoid().scalars, xs) { XCTAssertEqual(got, 1 / (1 + Foundation.exp(-v)), accuracy: 1e-6) }
    }

    func testAttentionMatchesComposedOps() {
        var rng = RandomGenerator(seed: 1)
        let q = rng.normal([2, 3, 4]), k = rng.normal([2, 5, 4]), v = rng.normal([2, 5, 4])
        let mask = Tensor([1, 1, 1, 0, 0, 1, 1, 1, 1, 1], shape: [2, 5])
        let fused = scaledDotProductAttention(query: q, key: k, value: v, heads: 2, keyPaddingMask: mask)
        // Reference: split heads with permutes, plain matmul + masked softmax.
        func heads(_ t: Tensor) -> Tensor { t.reshaped([2, t.shape[1], 2, 2]).permuted([0, 2, 1, 3]) }
        let scores = matmul(heads(q), heads(k), transposeB: true) * (1 / Float(2).squareRoot())
        let p = scores.softmax(mask: mask.reshaped([2, 1, 1, 5]))
        let ref = matmul(p, heads(v)).permuted([0, 2, 1, 3]).reshaped([2, 3, 4])
        for (a, b) in zip(fused.scalars, ref.scalars) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    /// Large products split over the compute threads give the same values as one GEMM call.
    func testSplitLargeProductsMatchSingleCall() {
        let savedThreads = ComputeThreads.count, savedSplit = ComputeThreads.splitsLargeProducts
        defer { ComputeThreads.set(savedThreads); ComputeThreads.splitsLargeProducts = savedSplit }
        ComputeThreads.set(2)
        var rng = RandomGenerator(seed: 4)
        let cases: [(Tensor, Tensor, Bool, Bool)] = [
            (rng.normal([300, 64]), rng.normal([64, 120]), false, false),   // split rows
            (rng.normal([64, 300]), rng.normal([120, 64]), true, true),     // split rows, both transposed
            (rng.normal([100, 70]), rng.normal([70, 300]), false, false),   // split columns
            (rng.normal([100, 70]), rng.normal([300, 70]), false, true),    // split columns, Bᵀ
        ]
        for (a, b, ta, tb) in cases {
            ComputeThreads.splitsLargeProducts = true
            let split = matmul(a, b, transposeA: ta, transposeB: tb).scalars
            ComputeThreads.splitsLargeProducts = false
            let single = matmul(a, b, transposeA: ta, transposeB: tb).scalars
            let worst = zip(split, single).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, 1e-4, "shapes \(a.shape) × \(b.shape), transposes \(ta)/\(tb)")
        }
    }
}
