import XCTest
@testable import Autograd

final class TrainingTests: XCTestCase {
    /// A small MLP learns sin on [−π, π].
    func testMLPFitsAFunction() {
        var rng = RandomGenerator(seed: 3)
        let mlp = MLP(1, hidden: 32, 1, activation: .silu, rng: &rng)
        let xs = (0..<64).map { -Float.pi + 2 * Float.pi * Float($0) / 63 }
        let x = Tensor(xs, shape: [64, 1]), y = Tensor(xs.map { Foundation.sin($0) }, shape: [64, 1])
        let optimizer = AdamW(mlp.namedParameters, learningRate: 0.01, weightDecay: 0)
        var loss: Float = .infinity
        for _ in 0..<400 {
            optimizer.zeroGrad()
            let l = mseLoss(mlp(x), y)
            l.backward()
            optimizer.step()
            loss = l.item
        }
        XCTAssertLessThan(loss, 2e-3)
    }

    /// Trains the benchmark transformer at a tiny size, with dropout drawing from the RNG.
    func train(steps: Int, seed: UInt64) -> (model: BenchmarkTransformer, losses: [Float]) {
        var c = TransformerStepBenchmark.Configuration()
        c.layers = 2; c.dim = 16; c.heads = 2; c.hidden = 32; c.batch = 2; c.tokens = 5
        let bench = TransformerStepBenchmark(configuration: c, seed: seed)
        return (bench.model, (0..<steps).map { _ in bench.trainStep() })
    }

    func testSameSeedGivesBitIdenticalTraining() {
        let a = train(steps: 3, seed: 11), b = train(steps: 3, seed: 11), c = train(steps: 3, seed: 12)
        XCTAssertEqual(a.losses, b.losses)
        XCTAssertLessThan(a.losses[2], a.losses[0], "training lowers the loss")
        for (p, q) in zip(a.model.parameters, b.model.parameters) { XCTAssertEqual(p.scalars, q.scalars) }
        XCTAssertNotEqual(a.losses, c.losses)
    }

    /// Save after 2 steps, continue 2 more; a fresh run resumed from the file must match bit for bit.
    func testCheckpointResumeContinuesExactly() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("autograd-resume-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        func run(_ model: MLP, _ optimizer: AdamW, _ rng: inout RandomGenerator, steps: Int) -> [Float] {
            (0..<steps).map { _ in
                let x = rng.normal([4, 3])
                optimizer.zeroGrad()
                let loss = mseLoss(dropout(model(x), p: 0.2, rng: &rng), x.sum(axes: [1], keepDims: true))
                loss.backward()
                optimizer.step()
                return loss.item
            }
        }
        var rng = RandomGenerator(seed: 1)
        let model = MLP(3, hidden: 8, 1, rng: &rng)
        let optimizer = AdamW(model.namedParameters, learningRate: 0.01)
        let ema = EMA(model.namedParameters, decay: 0.5)
        _ = run(model, optimizer, &rng, steps: 2)
        ema.update()
        try Checkpoint.save(to: url, model: model, optimizer: optimizer, ema: ema, step: 2, rng: rng,
                            metadata: ["note": "resume test"])
        let expected = run(model, optimizer, &rng, steps: 2)

        var other = RandomGenerator(seed: 99)
        let resumed = MLP(3, hidden: 8, 1, rng: &other)
        let resumedOptimizer = AdamW(resumed.namedParameters, learningRate: 0.01)
        let resumedEMA = EMA(resumed.namedParameters, decay: 0.5)
        let restored = try Checkpoint.load(from: url, into: resumed, optimizer: resumedOptimizer, ema: resumedEMA)
        XCTAssertEqual(restored.step, 2)
        XCTAssertEqual(restored.metadata, ["note": "resume test"])
        XCTAssertEqual(resumedOptimizer.stepCount, 2)
        XCTAssertEqual(resumedEMA.shadow[0].tensor.scalars, ema.shadow[0].tensor.scalars)
        var resumedRNG = try XCTUnwrap(restored.rng)
        XCTAssertEqual(run(resumed, resumedOptimizer, &resumedRNG, steps: 2), expected)
        for (p, q) in zip(model.parameters, resumed.parameters) { XCTAssertEqual(p.scalars, q.scalars) }
    }

    func testNDArrayBridge() throws {
        let t = Tensor([1.5, -2, 3, 4, 5, 6], shape: [2, 3])
        XCTAssertEqual(try Tensor(t.ndarray).scalars, t.scalars)
        XCTAssertEqual(try Tensor(t.ndarray).shape, [2, 3])
        XCTAssertEqual(try Tensor(NDArray([Int64(7), -1])).scalars, [7, -1])
        XCTAssertEqual(try Tensor(NDArray([Double(0.25)])).scalars, [0.25])
        XCTAssertEqual(try Tensor(NDArray([Float](), shape: [0, 3])).shape, [0, 3])
    }

    func testCheckpointErrorsNameFileAndKey() throws {
        let dir = FileManager.default.temporaryDirectory
        let url = dir.appendingPathComponent("autograd-ckpt-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        var rng = RandomGenerator(seed: 1)
        try Checkpoint.save(to: url, model: Linear(2, 3, rng: &rng), step: 5)
        XCTAssertThrowsError(try Checkpoint.load(from: url, into: Linear(2, 4, rng: &rng))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(url.lastPathComponent) && text.contains("model.weight") && text.contains("[3, 2]"), text)
        }
        XCTAssertThrowsError(try Checkpoint.load(from: url, into: MLP(2, hidden: 3, 2, rng: &rng))) { error in
            XCTAssertTrue("\(error)".contains("model.fc1.weight"), "\(error)")
        }
        XCTAssertThrowsError(try Checkpoint.load(from: url, into: Linear(2, 3, rng: &rng),
                                                 optimizer: AdamW(Linear(2, 3, rng: &rng).namedParameters))) { error in
            XCTAssertTrue("\(error)".contains("optimizer.step"), "\(error)")
        }
        try SafeTensorsFile(tensors: ["w": Tensor.zeros([1]).ndarray]).write(to: url)
        XCTAssertThrowsError(try Checkpoint.load(from: url, into: Linear(2, 3, rng: &rng))) { error in
            XCTAssertTrue("\(error)".contains("__metadata__.format"), "\(error)")
        }
    }
}
