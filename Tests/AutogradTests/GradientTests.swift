import XCTest
@testable import Autograd

/// Finite-difference checks for the backward of every op.
final class GradientTests: XCTestCase {
    var rng = RandomGenerator(seed: 7)

    func testArithmeticWithBroadcasting() {
        checkGradients("add", [rng.normal([2, 3]), rng.normal([3])]) { $0[0] + $0[1] }
        checkGradients("sub", [rng.normal([2, 1]), rng.normal([1, 3])]) { $0[0] - $0[1] }
        checkGradients("mul", [rng.normal([2, 3, 2]), rng.normal([3, 1])]) { $0[0] * $0[1] }
        checkGradients("div", [rng.normal([2, 3]), rng.uniform([2, 3], low: 1, high: 2)]) { $0[0] / $0[1] }
        checkGradients("scalar forms", [rng.normal([4])]) { (2 - $0[0] * 3 + 1) / 2 }
        checkGradients("reciprocal", [rng.uniform([4], low: 1, high: 2)]) { 1 / $0[0] }
        checkGradients("square", [rng.normal([4])]) { $0[0].square() }
        checkGradients("broadcast", [rng.normal([3, 1])]) { $0[0].broadcast(to: [2, 3, 4]) }
    }

    func testElementwiseFunctions() {
        checkGradients("exp", [rng.normal([5])]) { $0[0].exp() }
        checkGradients("log", [rng.uniform([5], low: 0.5, high: 2)]) { $0[0].log() }
        checkGradients("tanh", [rng.normal([5])]) { $0[0].tanh() }
        checkGradients("sigmoid", [rng.normal([5])]) { $0[0].sigmoid() }
        checkGradients("silu", [rng.normal([5])]) { $0[0].silu() }
        checkGradients("gelu erf", [rng.normal([6])]) { $0[0].gelu(.erf) }
        checkGradients("gelu tanh", [rng.normal([6])]) { $0[0].gelu(.tanh) }
        checkGradients("sqrt", [rng.uniform([5], low: 0.5, high: 2)]) { $0[0].sqrt() }
        checkGradients("relu", [Tensor([-1.5, -0.3, 0.4, 2])]) { $0[0].relu() }
    }

    func testProducts() {
        checkGradients("matmul", [rng.normal([3, 4]), rng.normal([4, 2])]) { matmul($0[0], $0[1]) }
        checkGradients("matmul Aᵀ", [rng.normal([4, 3]), rng.normal([4, 2])]) { matmul($0[0], $0[1], transposeA: true) }
        checkGradients("matmul Bᵀ", [rng.normal([3, 4]), rng.normal([2, 4])]) { matmul($0[0], $0[1], transposeB: true) }
        checkGradients("matmul AᵀBᵀ", [rng.normal([4, 3]), rng.normal([2, 4])]) {
            matmul($0[0], $0[1], transposeA: true, transposeB: true)
        }
        checkGradients("matmul folded", [rng.normal([2, 3, 4]), rng.normal([4, 2])]) { matmul($0[0], $0[1]) }
        checkGradients("matmul folded Bᵀ", [rng.normal([2, 3, 4]), rng.normal([2, 4])]) { matmul($0[0], $0[1], transposeB: true) }
        checkGradients("matmul batched", [rng.normal([2, 3, 4]), rng.normal([2, 4, 2])]) { matmul($0[0], $0[1]) }
        checkGradients("matmul batched AᵀBᵀ", [rng.normal([2, 4, 3]), rng.normal([2, 2, 4])]) {
            matmul($0[0], $0[1], transposeA: true, transposeB: true)
        }
        checkGradients("matmul shared A", [rng.normal([3, 4]), rng.normal([2, 4, 2])]) { matmul($0[0], $0[1]) }
        checkGradients("matmul batched Aᵀ shared B", [rng.normal([2, 4, 3]), rng.normal([4, 2])]) {
            matmul($0[0], $0[1], transposeA: true)
        }
        checkGradients("linear", [rng.normal([2, 3, 4]), rng.normal([5, 4]), rng.normal([5])]) {
            linear($0[0], weight: $0[1], bias: $0[2])
        }
    }

    func testReductionsAndShapes() {
        checkGradients("sum axes", [rng.normal([2, 3, 4])]) { $0[0].sum(axes: [0, 2]) }
        checkGradients("mean keepDims", [rng.normal([2, 3])]) { $0[0].mean(axes: [-1], keepDims: true) }
        checkGradients("reshape", [rng.normal([2, 6])]) { $0[0].reshaped([3, 4]) * $0[0].reshaped([3, 4]) }
        checkGradients("permute", [rng.normal([2, 3, 4])]) { $0[0].permuted([2, 0, 1]) }
        checkGradients("transpose", [rng.normal([2, 3])]) { $0[0].transposed() }
        checkGradients("concat", [rng.normal([2, 2]), rng.normal([2, 3])]) { concat([$0[0], $0[1]], axis: 1) }
        checkGradients("slice", [rng.normal([3, 4])]) { $0[0].slice(axis: 1, 1..<3) }
        checkGradients("split", [rng.normal([4, 3])]) { let p = $0[0].split(parts: 2, axis: 0); return p[0] * p[1] }
        checkGradients("gather", [rng.normal([4, 3])]) { $0[0].gatherRows([2, 0, 2], indexShape: [1, 3]) }
    }

    func testNormalisationSoftmaxAttention() {
        checkGradients("layerNorm", [rng.normal([3, 5]), rng.normal([5]), rng.normal([5])]) {
            layerNorm($0[0], weight: $0[1], bias: $0[2])
        }
        checkGradients("rmsNorm", [rng.normal([3, 5]), rng.normal([5])]) { rmsNorm($0[0], weight: $0[1]) }
        checkGradients("softmax", [rng.normal([2, 4])]) { $0[0].softmax() }
        checkGradients("softmax axis 0 masked", [rng.normal([3, 2])]) {
            $0[0].softmax(axis: 0, mask: Tensor([1, 0, 1, 1, 0, 1], shape: [3, 2]))
        }
        checkGradients("logSoftmax", [rng.normal([2, 4])]) { $0[0].logSoftmax() }
        let mask = Tensor([1, 1, 0, 1, 1, 1], shape: [2, 3])
        checkGradients("attention cross", [rng.normal([2, 2, 4]), rng.normal([2, 3, 4]), rng.normal([2, 3, 6])]) {
            scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], heads: 2, keyPaddingMask: mask)
        }
        checkGradients("attention packed causal", [rng.normal([2, 3, 12])]) {
            scaledDotProductAttention(packedQKV: $0[0], heads: 2, causal: true)
        }
        checkGradients("attention packed KV", [rng.normal([1, 2, 4]), rng.normal([1, 3, 8])]) {
            scaledDotProductAttention(query: $0[0], packedKV: $0[1], heads: 2)
        }
        // One tensor as query, key and value: its gradient blocks overlap, so they accumulate.
        checkGradients("attention shared operand", [rng.normal([2, 3, 4])]) {
            scaledDotProductAttention(query: $0[0], key: $0[0], value: $0[0], heads: 2, keyPaddingMask: mask)
        }
    }

    /// The fused per-sample modulation against finite differences, and against the broadcasting
    /// arithmetic it replaces (values and gradients), including operands that alias.
    func testPerSampleModulation() {
        checkGradients("modulate [B,D]", [rng.normal([2, 3, 4]), rng.normal([2, 4]), rng.normal([2, 4])]) {
            modulate($0[0], shift: $0[1], scale: $0[2])
        }
        checkGradients("modulate [B,1,D]", [rng.normal([3, 2, 4]), rng.normal([3, 1, 4]), rng.normal([3, 1, 4])]) {
            modulate($0[0], shift: $0[1], scale: $0[2])
        }
        checkGradients("gate", [rng.normal([2, 5, 3]), rng.normal([2, 3])]) { gated($0[0], gate: $0[1]) }
        checkGradients("modulate, shift = scale", [rng.normal([2, 3, 4]), rng.normal([2, 4])]) {
            modulate($0[0], shift: $0[1], scale: $0[1])
        }
        checkGradients("modulate rank 2", [rng.normal([3, 4]), rng.normal([3, 4]), rng.normal([3, 4])]) {
            modulate($0[0], shift: $0[1], scale: $0[2])
        }
        // Fused and broadcast forms agree to rounding, forward and backward.
        let x = rng.normal([4, 6, 8]), shift = rng.normal([4, 1, 8]), scale = rng.normal([4, 1, 8])
        let weights = rng.normal([4, 6, 8])
        func grads(_ f: (Tensor, Tensor, Tensor) -> Tensor) -> [[Float]] {
            for t in [x, shift, scale] { t.requiresGrad = true; t.grad = nil }
            (f(x, shift, scale) * weights).sum().backward()
            return [f(x, shift, scale).scalars] + [x, shift, scale].map { $0.grad!.scalars }
        }
        let fused = grads { modulate($0, shift: $1, scale: $2) }
        let reference = grads { $0 * (1 + $2) + $1 }
        for (a, b) in zip(fused, reference) {
            let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, 1e-5)
        }
    }

    func testLossesAndDropout() {
        let target = rng.normal([2, 3])
        checkGradients("mse", [rng.normal([2, 3])]) { mseLoss($0[0], target) }
        checkGradients("cross entropy", [rng.normal([3, 4])]) { crossEntropyLoss($0[0], labels: [1, 0, 3]) }
        checkGradients("dropout", [rng.normal([6])]) { x in
            var local = RandomGenerator(seed: 3)  // same mask on every evaluation
            return dropout(x[0], p: 0.5, rng: &local)
        }
    }
}
