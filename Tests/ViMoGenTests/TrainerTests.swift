import Autograd
import Foundation
import Motion
import XCTest
@testable import ViMoGen

final class TrainerTests: XCTestCase {
    private let encoder = HashingTextEncoder()

    private final class Recorder: TrainerObserver {
        var losses: [Float] = []
        var checkpoints: [Int] = []
        func trainer(didFinish progress: TrainingProgress) { losses.append(progress.loss) }
        func trainer(didWriteCheckpoint url: URL, step: Int) { checkpoints.append(step) }
    }

    func testOverfitsOneClip() throws {
        let data = InMemoryDataset(clips: [Fixtures.clip(0, frames: 12)])
        var settings = Fixtures.settings(steps: 150, batch: 4, learningRate: 1e-2)
        settings.textDropout = 0
        let trainer = try Trainer(model: try Fixtures.model(), dataset: data, textEncoder: encoder, settings: settings)
        let recorder = Recorder()
        try trainer.run(observer: recorder)
        let first = recorder.losses.prefix(10).reduce(0, +) / 10
        let last = recorder.losses.suffix(10).reduce(0, +) / 10
        XCTAssertGreaterThan(first, 0.1)
        XCTAssertLessThan(last, 0.15 * first, "loss \(first) → \(last)")
    }

    func testResumeContinuesExactly() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = Fixtures.dataset()
        let straight = try Trainer(model: try Fixtures.model(), dataset: data, textEncoder: encoder, settings: Fixtures.settings(steps: 20))
        try straight.run()

        let first = try Trainer(model: try Fixtures.model(), dataset: data, textEncoder: encoder,
                                settings: Fixtures.settings(steps: 10), checkpointDirectory: directory)
        try first.run()
        // The checkpoint rebuilds the generator's model with the EMA weights.
        let (restored, header) = try ViMoGenCheckpoint.loadModel(from: directory.appendingPathComponent("checkpoint.safetensors"))
        XCTAssertEqual(header.step, 10)
        XCTAssertEqual(restored.parameters.map(\.scalars), try first.emaModel().parameters.map(\.scalars))
        XCTAssertNotEqual(restored.parameters.map(\.scalars), first.model.parameters.map(\.scalars))
        let resumed = try Trainer(model: try Fixtures.model(seed: 99), dataset: data, textEncoder: encoder,
                                  settings: Fixtures.settings(steps: 20))
        try resumed.resume(from: directory.appendingPathComponent("checkpoint.safetensors"))
        XCTAssertEqual(resumed.step, 10)
        try resumed.run()

        for (a, b) in zip(straight.model.namedParameters, resumed.model.namedParameters) {
            XCTAssertEqual(a.tensor.scalars, b.tensor.scalars, a.name)
        }
        for (a, b) in zip(straight.ema.shadow, resumed.ema.shadow) { XCTAssertEqual(a.tensor.scalars, b.tensor.scalars, "ema " + a.name) }
        XCTAssertEqual(straight.rng, resumed.rng)
    }

    /// Assembling batches ahead on a background thread trains exactly as assembling them in turn.
    func testPrefetchedBatchesTrainIdentically() throws {
        let data = Fixtures.dataset()
        var runs: [Trainer] = []
        for prefetching in [true, false] {
            let trainer = try Trainer(model: try Fixtures.model(), dataset: data, textEncoder: encoder,
                                      settings: Fixtures.settings(steps: 8))
            trainer.prefetchesBatches = prefetching
            try trainer.run()
            runs.append(trainer)
        }
        for (a, b) in zip(runs[0].model.namedParameters, runs[1].model.namedParameters) {
            XCTAssertEqual(a.tensor.scalars, b.tensor.scalars, a.name)
        }
        XCTAssertEqual(runs[0].rng, runs[1].rng)
    }

    /// Returns clean clips for the first `goodCalls` calls, then a clip full of NaN.
    private struct PoisonedDataset: TrainingDataset {
        let base = Fixtures.dataset()
        let calls = Counter()
        let goodCalls: Int
        final class Counter { var value = 0 }
        var count: Int { base.count }
        var statistics: FeatureStatistics? { nil }
        var captions: [String] { base.captions }
        func source(at index: Int) -> MotionSource { base.source(at: index) }
        func clip(at index: Int) throws -> TrainingClip {
            calls.value += 1
            var clip = try base.clip(at: index)
            if calls.value > goodCalls { clip.frames.values = clip.frames.values.map { _ in .nan } }
            return clip
        }
    }

    func testNonFiniteLossStopsKeepingLastGoodCheckpoint() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = Fixtures.settings(steps: 10)
        settings.checkpointInterval = 2
        // 4 clips per step: steps 1–5 are clean, step 6 sees NaN.
        let trainer = try Trainer(model: try Fixtures.model(), dataset: PoisonedDataset(goodCalls: 20), textEncoder: encoder,
                                  settings: settings, checkpointDirectory: directory)
        let recorder = Recorder()
        XCTAssertThrowsError(try trainer.run(observer: recorder)) { error in
            guard case ViMoGenError.nonFinite(let step, let quantity, _, let last) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(step, 6)
            XCTAssertEqual(quantity, "loss")
            XCTAssertEqual(last, directory.appendingPathComponent("checkpoint.safetensors").path)
            XCTAssertTrue("\(error)".contains("last good checkpoint"))
        }
        XCTAssertEqual(recorder.checkpoints, [2, 4])
        let (saved, header) = try ViMoGenCheckpoint.loadModel(from: directory.appendingPathComponent("checkpoint.safetensors"), useEMA: false)
        XCTAssertEqual(header.step, 4)
        XCTAssertEqual(header.configuration, trainer.model.configuration)
        XCTAssertTrue(saved.parameters.allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
    }

    func testVideoDerivedTextSamplesSuperviseOnlyLocalPose() throws {
        let data = InMemoryDataset(clips: [Fixtures.clip(1, frames: 12, source: .inTheWildVideo, core: false)])
        var settings = Fixtures.settings(steps: 1, batch: 8)
        settings.textProbabilityOther = 1
        let trainer = try Trainer(model: try Fixtures.model(), dataset: data, textEncoder: encoder, settings: settings)
        let builder = BatchBuilder(dataset: data, settings: settings, configuration: trainer.model.configuration,
                                   schedule: FlowSchedule(), texts: trainer.texts)
        var rng = RandomGenerator(seed: 1)
        let batch = try builder.next(&rng)
        XCTAssertEqual(batch.conditioning.textCount, 8)
        let w = batch.lossWeights.scalars
        XCTAssertTrue((126..<276).allSatisfy { w[$0] == 0 })
        XCTAssertGreaterThan(w[0..<126].reduce(0, +), 0)
    }

    func testCheckpointErrorsNameTheField() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("other.safetensors")
        try SafeTensorsFile(tensors: ["w": try NDArray([Float(1)], shape: [1])]).write(to: url)
        XCTAssertThrowsError(try ViMoGenCheckpoint.loadModel(from: url)) { error in
            XCTAssertEqual("\(error)", "other.safetensors: __metadata__.user.vimogen.configuration: missing (not a ViMoGen checkpoint?)")
        }
    }
}
