import XCTest
@testable import Autograd

/// Layer outputs against NumPy (float64) references from scripts/fixtures/autograd_reference.py.
final class LayerReferenceTests: XCTestCase {
    func fixture(_ name: String) throws -> Tensor {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/autograd/\(name).npy")
        return try Tensor(NPY.read(contentsOf: url))
    }

    func assertClose(_ actual: Tensor, _ name: String, tolerance: Float = 2e-5,
                     file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try fixture(name)
        XCTAssertEqual(actual.shape, expected.shape, "\(name): shape", file: file, line: line)
        let worst = zip(actual.scalars, expected.scalars).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        XCTAssertLessThan(worst, tolerance, "\(name): largest relative difference \(worst)", file: file, line: line)
    }

    /// Loads the fixture weights named `prefix.<parameter>` into `module`.
    func loadWeights(_ module: Module, prefix: String) throws {
        var state: [String: Tensor] = [:]
        for p in module.namedParameters { state[p.name] = try fixture(prefix + "." + p.name) }
        try module.load(state)
    }

    func testElementwiseAndNorms() throws {
        let x = try fixture("x")
        try assertClose(layerNorm(x, weight: try fixture("ln_weight"), bias: try fixture("ln_bias")), "layer_norm_out")
        try assertClose(rmsNorm(x, weight: try fixture("rms_weight")), "rms_norm_out")
        try assertClose(x.gelu(.erf), "gelu_erf_out")
        try assertClose(x.gelu(.tanh), "gelu_tanh_out")
        try assertClose(linear(x, weight: try fixture("linear_weight"), bias: try fixture("linear_bias")), "linear_out")
        let mask = try fixture("mask")
        try assertClose(x.slice(axis: 2, 0..<5).softmax(mask: mask.reshaped([2, 1, 5])), "softmax_masked_out")
    }

    func testAttentionLayers() throws {
        var rng = RandomGenerator(seed: 0)
        let x = try fixture("x")
        let selfAttention = SelfAttention(dim: 8, heads: 2, rng: &rng)
        try loadWeights(selfAttention, prefix: "self")
        try assertClose(selfAttention(x, keyPaddingMask: try fixture("mask")), "self_attention_out")
        let cross = CrossAttention(dim: 8, contextDim: 6, heads: 2, rng: &rng)
        try loadWeights(cross, prefix: "cross")
        try assertClose(cross(x, context: try fixture("context"), contextMask: try fixture("context_mask")), "cross_attention_out")
    }

    func testMLPAndConditioning() throws {
        var rng = RandomGenerator(seed: 0)
        let x = try fixture("x")
        let mlp = MLP(8, hidden: 16, 8, rng: &rng)
        try loadWeights(mlp, prefix: "mlp")
        try assertClose(mlp(x), "mlp_out")
        try assertClose(sinusoidalEmbedding([0, 1, 10, 500], dim: 8), "sinusoidal_out")
        try assertClose(modulate(x, shift: try fixture("shift"), scale: try fixture("scale")), "modulate_out")
    }

    func testLoadReportsMismatchedKey() throws {
        var rng = RandomGenerator(seed: 0)
        let mlp = MLP(8, hidden: 16, 8, rng: &rng)
        XCTAssertThrowsError(try mlp.load(["fc1.weight": Tensor.zeros([16, 8])])) { error in
            XCTAssertEqual(error as? ModuleLoadError, .missing(key: "fc1.bias"))
        }
        let wrong = Dictionary(uniqueKeysWithValues: mlp.namedParameters.map { ($0.name, $0.tensor) })
            .merging(["fc2.weight": Tensor.zeros([16, 8])]) { $1 }
        XCTAssertThrowsError(try mlp.load(wrong)) { error in
            XCTAssertEqual(error as? ModuleLoadError, .shapeMismatch(key: "fc2.weight", expected: [8, 16], found: [16, 8]))
            XCTAssertTrue("\(error)".contains("fc2.weight"))
        }
    }
}
