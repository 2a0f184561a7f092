import Foundation

/// The benchmark transformer: pre-norm blocks (LayerNorm → self-attention → residual,
/// LayerNorm → GELU MLP → residual), a final LayerNorm and a linear head. The PyTorch peer
/// `scripts/bench/transformer_step.py` builds exactly the same model.
public final class BenchmarkTransformer: Module {
    public let blocks: [TransformerBlock]
    public let finalNorm: LayerNorm
    public let head: Linear

    public init(layers: Int, dim: Int, heads: Int, hidden: Int, rng: inout RandomGenerator) {
        var made: [TransformerBlock] = []
        for _ in 0..<layers { made.append(TransformerBlock(dim: dim, heads: heads, hidden: hidden, rng: &rng)) }
        blocks = made
        finalNorm = LayerNorm(dim)
        head = Linear(dim, dim, rng: &rng)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        for block in blocks { h = block(h) }
        return head(finalNorm(h))
    }

    public var namedParameters: [NamedParameter] {
        blocks.enumerated().flatMap { $0.element.namedParameters.prefixed("blocks.\($0.offset)") }
            + finalNorm.namedParameters.prefixed("finalNorm") + head.namedParameters.prefixed("head")
    }
}

/// The `train-step` / `infer-step` workload: batch 32 × 100 tokens, d = 256, 4 heads,
/// FFN 1024, 4 layers, MSE loss against a fixed random target, one AdamW step.
public final class TransformerStepBenchmark {
    /// The benchmark's dimensions (the defaults; smaller ones for tests).
    public struct Configuration: Sendable {
        public var layers = 4, dim = 256, heads = 4, hidden = 1024, batch = 32, tokens = 100
        public init() {}
    }

    public let configuration: Configuration
    public let model: BenchmarkTransformer
    public let optimizer: AdamW
    let input: Tensor
    let target: Tensor

    public init(configuration: Configuration = Configuration(), seed: UInt64 = 0) {
        self.configuration = configuration
        var rng = RandomGenerator(seed: seed)
        let c = configuration
        model = BenchmarkTransformer(layers: c.layers, dim: c.dim, heads: c.heads, hidden: c.hidden, rng: &rng)
        optimizer = AdamW(model.namedParameters, learningRate: 1e-4, weightDecay: 0.01)
        input = rng.normal([c.batch, c.tokens, c.dim])
        target = rng.normal([c.batch, c.tokens, c.dim])
    }

    /// Forward, backward and one AdamW step; returns the loss before the update.
    @discardableResult
    public func trainStep() -> Float {
        optimizer.zeroGrad()
        let loss = mseLoss(model(input), target)
        loss.backward()
        optimizer.step()
        return loss.item
    }

    /// A forward pass with no tape; returns the mean of the output (so it cannot be skipped).
    @discardableResult
    public func inferStep() -> Float {
        withNoGrad { model(input).mean().item }
    }

    /// GEMM floating-point operations of one forward pass (the standard 2·m·n·k count).
    public var forwardFLOPs: Double {
        let c = configuration
        let rows = Double(c.batch * c.tokens), d = Double(c.dim)
        let projections = 2 * rows * d * (3 * d + d + 2 * Double(c.hidden))
        let attention = 2 * 2 * Double(c.batch) * Double(c.tokens * c.tokens) * d
        return Double(c.layers) * (projections + attention) + 2 * rows * d * d
    }

    /// A training step does about three forward passes' worth of GEMM work.
    public var trainStepFLOPs: Double { 3 * forwardFLOPs }
}

/// Measures the sgemm rate of this machine on a large square product with the current thread
/// count (the peak the benchmarks' GFLOP/s are compared against).
public func measureSGEMMPeakGFLOPs(size: Int = 1024, repetitions: Int = 5) -> Double {
    let a = Tensor.full([size, size], 0.5), b = Tensor.full([size, size], 0.25)
    let c = Tensor.zeros([size, size])
    var best = Double.infinity
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        BLAS.rawGemm(transA: false, transB: false, m: size, n: size, k: size, alpha: 1, a: a.pointer, lda: size,
                     b: b.pointer, ldb: size, beta: 0, c: c.pointer, ldc: size)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return 2 * Double(size * size * size) / best / 1e9
}
