import XCTest
@testable import Autograd

final class OptimizerTests: XCTestCase {
    /// Two AdamW steps against values worked out by hand (in Double) from the update rule.
    func testAdamWMatchesHandComputation() {
        let p = Tensor([1, -2], shape: [2], requiresGrad: true)
        let optimizer = AdamW([(name: "p", tensor: p)], learningRate: 0.1, beta1: 0.9, beta2: 0.999,
                              eps: 1e-8, weightDecay: 0.1)
        func expectStep(grad: [Double], m: inout [Double], v: inout [Double], value: inout [Double], t: Double) {
            for i in 0..<2 {
                value[i] *= 1 - 0.1 * 0.1
                m[i] = 0.9 * m[i] + 0.1 * grad[i]
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i]
                let mHat = m[i] / (1 - pow(0.9, t)), vHat = v[i] / (1 - pow(0.999, t))
                value[i] -= 0.1 * mHat / (vHat.squareRoot() + 1e-8)
            }
        }
        var m = [0.0, 0.0], v = [0.0, 0.0], value = [1.0, -2.0]
        // Step 1: the bias-corrected update is lr·sign(g): [1·0.99 − 0.1, −2·0.99 − 0.1].
        p.grad = Tensor([0.5, 0.1])
        optimizer.step()
        expectStep(grad: [0.5, 0.1], m: &m, v: &v, value: &value, t: 1)
        XCTAssertEqual(Double(p.scalars[0]), 0.89, accuracy: 1e-6)
        XCTAssertEqual(Double(p.scalars[1]), -2.08, accuracy: 1e-6)
        // Step 2 with a gradient of a different sign and size.
        p.grad = Tensor([-0.2, 0.3])
        optimizer.step()
        expectStep(grad: [-0.2, 0.3], m: &m, v: &v, value: &value, t: 2)
        XCTAssertEqual(Double(p.scalars[0]), value[0], accuracy: 1e-6)
        XCTAssertEqual(Double(p.scalars[1]), value[1], accuracy: 1e-6)
        XCTAssertEqual(Double(optimizer.firstMoments[0].scalars[1]), m[1], accuracy: 1e-7)
        XCTAssertEqual(optimizer.stepCount, 2)
    }

    func testExcludedParametersAreNotDecayed() {
        let w = Tensor([1], shape: [1], requiresGrad: true), b = Tensor([1], shape: [1], requiresGrad: true)
        let optimizer = AdamW([(name: "w", tensor: w), (name: "b", tensor: b)], learningRate: 0.1, weightDecay: 0.5,
                              excludeFromDecay: { $0 == "b" })
        w.grad = Tensor([0]); b.grad = Tensor([0])
        optimizer.step()
        XCTAssertEqual(w.item, 0.95, accuracy: 1e-7)
        XCTAssertEqual(b.item, 1)
    }

    func testGradientClipping() {
        let a = Tensor([0, 0], shape: [2], requiresGrad: true), b = Tensor([0], shape: [1], requiresGrad: true)
        a.grad = Tensor([3, 0]); b.grad = Tensor([4])
        let norm = clipGradientNorm([a, b], maxNorm: 1)
        XCTAssertEqual(norm, 5, accuracy: 1e-6)
        XCTAssertEqual(a.grad!.scalars[0], 0.6, accuracy: 1e-5)
        XCTAssertEqual(b.grad!.scalars[0], 0.8, accuracy: 1e-5)
        XCTAssertEqual(gradientNorm([a, b], maxNorm: 2).scale, 1)
    }

    func testSchedules() {
        let constant = WarmupConstant(peak: 1e-3, warmupSteps: 4)
        XCTAssertEqual(constant.rate(at: 0), 2.5e-4, accuracy: 1e-9)
        XCTAssertEqual(constant.rate(at: 3), 1e-3, accuracy: 1e-9)
        XCTAssertEqual(constant.rate(at: 100), 1e-3)
        let cosine = WarmupCosine(peak: 1, warmupSteps: 2, totalSteps: 12, floor: 0.1)
        XCTAssertEqual(cosine.rate(at: 1), 1)
        XCTAssertEqual(cosine.rate(at: 2), 1, accuracy: 1e-6)
        XCTAssertEqual(cosine.rate(at: 7), 0.55, accuracy: 1e-6)  // half way: floor + (1 − floor)/2
        XCTAssertEqual(cosine.rate(at: 12), 0.1, accuracy: 1e-6)
        XCTAssertEqual(cosine.rate(at: 50), 0.1, accuracy: 1e-6)
    }

    func testEMA() throws {
        var rng = RandomGenerator(seed: 1)
        let layer = Linear(2, 1, rng: &rng)
        let ema = EMA(layer.namedParameters, decay: 0.9)
        let start = layer.weight.scalars
        layer.weight.assign(Tensor(start.map { $0 + 1 }, shape: [1, 2]))
        ema.update()
        XCTAssertEqual(ema.shadow[0].tensor.scalars[0], start[0] + 0.1, accuracy: 1e-6)
        try ema.copy(into: layer)
        XCTAssertEqual(layer.weight.scalars[1], start[1] + 0.1, accuracy: 1e-6)
    }

    func testRandomGeneratorStreams() throws {
        var a = RandomGenerator(seed: 5), b = RandomGenerator(seed: 5)
        XCTAssertEqual(a.normal([10]).scalars, b.normal([10]).scalars)
        let saved = a.state
        let next = a.uniform([4]).scalars
        var restored = try RandomGenerator(state: saved)
        XCTAssertEqual(restored.uniform([4]).scalars, next)
        XCTAssertEqual(a.permutation(10).sorted(), Array(0..<10))
        XCTAssertNotEqual(RandomGenerator(seed: 6).state, RandomGenerator(seed: 5).state)
        var sampler = RandomGenerator(seed: 9)
        let sample = sampler.normal([20_000])
        XCTAssertEqual(sample.mean().item, 0, accuracy: 0.03)
        XCTAssertEqual((sample * sample).mean().item, 1, accuracy: 0.04)
        XCTAssertThrowsError(try RandomGenerator(state: [0, 0, 0, 0]))
    }

    /// A large normal tensor (transformed in parallel) holds exactly the values that pair-by-pair
    /// draws give, and leaves the generator in the same state; an odd count still uses a pair.
    func testNormalTensorMatchesPairwiseDraws() {
        var big = RandomGenerator(seed: 12), pairwise = RandomGenerator(seed: 12)
        let values = big.normal([40_001], mean: 0.5, std: 2).scalars
        let expected = (0..<20_001).flatMap { _ in pairwise.normal([2], mean: 0.5, std: 2).scalars }.prefix(40_001)
        XCTAssertEqual(values, Array(expected))
        XCTAssertEqual(big.state, pairwise.state)
        var single = RandomGenerator(seed: 12)
        XCTAssertEqual(single.normal(), (values[0] - 0.5) / 2, accuracy: 1e-6)
    }
}
