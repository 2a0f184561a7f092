import Foundation
import Motion
import XCTest
@testable import Lab

final class CurateStepTests: XCTestCase {
    func testCuratesShardsIndexAndStatisticsThenHitsTheCache() throws {
        let root = try makeTemporaryFolder(self)
        let cache = StepCache(root: root)
        let takes = WalkingTakes(seed: 1, takesPerSource: 3)
        let recorder = MetricRecorder()
        let step = try CurateStep(sources: ["wild", "core"], of: takes, shardClips: 4)
        XCTAssertEqual(step.sources, ["core", "wild"], "sources follow the take source's order")

        let (dataset, wasCached) = try step.run(takes, cache: cache, reporting: StepReporting(metrics: recorder, runID: "abcd1234"))
        XCTAssertFalse(wasCached)
        XCTAssertEqual(dataset.folder.path, root.appendingPathComponent("curate/\(step.key(for: takes).hash)").path)
        XCTAssertEqual(dataset.clipCount, 6)
        XCTAssertEqual(dataset.index.shards.map(\.clips), [4, 2])
        XCTAssertEqual(dataset.index.clips.filter { $0.source == "wild" }.count, 3)
        XCTAssertEqual(dataset.index.clips[0].captions.video, "someone strolls down a street")
        XCTAssertEqual(dataset.index.clips[0].actions, ["walk"])
        XCTAssertEqual(recorder.values(of: "clips"), [6])
        XCTAssertEqual(recorder.values(of: "takes"), [6])
        XCTAssertEqual(recorder.values(of: "clips.wild"), [3])
        XCTAssertEqual(StepProducer.read(from: dataset.folder)?.run, "abcd1234")
        // No raw (unnormalised) shard survives; the shards hold normalised frames.
        let files = try FileManager.default.contentsOfDirectory(atPath: dataset.folder.path).sorted()
        XCTAssertEqual(files, [".entry.json", "index.json", "producer.json", "shard-00000.safetensors", "shard-00001.safetensors"])

        // Statistics fitted over every frame: normalised, each varying dimension has mean ≈ 0.
        let stats = try dataset.statistics()
        var sum = [Double](repeating: 0, count: FrameLayout.dimension), count = 0
        try dataset.forEachShard { clips, records in
            XCTAssertEqual(clips.map(\.id), records.map(\.id))
            for clip in clips {
                let normalised = stats.normalize(clip.features)
                for t in 0..<normalised.frameCount { for d in 0..<FrameLayout.dimension { sum[d] += Double(normalised[frame: t, dim: d]) } }
                count += clip.features.frameCount
            }
        }
        XCTAssertEqual(count, dataset.index.frameCount)
        // (Dimensions constant up to float rounding, std clipped at 1e-8, are left out.)
        let varying = (0..<FrameLayout.dimension).filter { stats.std[$0] > 1e-4 }
        XCTAssertGreaterThan(varying.count, 100)
        XCTAssertLessThan(varying.map { abs(sum[$0]) / Double(count) }.max()!, 1e-3)

        let again = try step.run(takes, cache: cache)
        XCTAssertTrue(again.wasCached)
        XCTAssertEqual(again.dataset.key, dataset.key)
    }

    func testAnInterruptedCurateLeavesNoEntryAndTheNextRunCompletes() throws {
        let root = try makeTemporaryFolder(self)
        let cache = StepCache(root: root)
        let failing = WalkingTakes(seed: 2, takesPerSource: 3, failAfter: 2)
        let step = try CurateStep(sources: ["core"], of: failing, shardClips: 1)
        XCTAssertThrowsError(try step.run(failing, cache: cache)) { error in
            XCTAssertTrue("\(error)".contains("stopped after 2 takes"), "\(error)")
        }
        XCTAssertEqual(try cache.entries(kind: "curate").count, 0)
        XCTAssertEqual(try cache.partials().count, 0, "a failed writer removes its partial folder")

        // A killed writer leaves a partial folder: not an entry; the next run publishes.
        let working = WalkingTakes(seed: 2, takesPerSource: 3)
        let entry = try cache.entry(for: step.key(for: working))
        let leftover = root.appendingPathComponent("curate/.partial-\(entry.hash)-otherhost-1-7")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        XCTAssertFalse(entry.isPublished)
        let (dataset, wasCached) = try step.run(working, cache: cache)
        XCTAssertFalse(wasCached)
        XCTAssertEqual(dataset.clipCount, 3)
    }

    func testUnknownSourceSuggestsTheNearestName() {
        XCTAssertThrowsError(try CurateStep(sources: ["wlid"], of: WalkingTakes(seed: 0, takesPerSource: 1))) { error in
            XCTAssertEqual("\(error)", "unknown source `wlid`; did you mean `wild`? (sources: core, wild)")
        }
    }

    func testSourcesAreResultChangingParams() throws {
        let takes = WalkingTakes(seed: 1, takesPerSource: 1)
        let a = try CurateStep(sources: ["core"], of: takes).key(for: takes)
        let b = try CurateStep(sources: ["core", "wild"], of: takes).key(for: takes)
        XCTAssertNotEqual(a.hash, b.hash)
        XCTAssertEqual(b.params["sources"], "core+wild")
        let otherWorld = WalkingTakes(seed: 2, takesPerSource: 1)
        XCTAssertNotEqual(a.hash, try CurateStep(sources: ["core"], of: otherWorld).key(for: otherWorld).hash, "the world is an input")
    }
}

final class ShardedTrainingDataTests: XCTestCase {
    func testClipsComeNormalisedFromTheirShardsWithCaptionsAndSources() throws {
        let cache = StepCache(root: try makeTemporaryFolder(self))
        let takes = WalkingTakes(seed: 3, takesPerSource: 3)
        let dataset = try CurateStep(sources: ["core", "wild"], of: takes, shardClips: 2).run(takes, cache: cache).dataset
        let data = try ShardedTrainingData(dataset, style: .motion)
        XCTAssertEqual(data.count, 6)
        let stats = try XCTUnwrap(data.statistics)
        for index in [5, 0, 3] {   // across shards, out of order
            let clip = try data.clip(at: index)
            let expected = stats.normalize(try dataset.clips(at: [index])[0].features)
            XCTAssertEqual(clip.frames.frameCount, expected.frameCount)
            XCTAssertLessThan(zip(clip.frames.values, expected.values).map { abs($0 - $1) }.max()!, 1e-4)
            XCTAssertEqual(clip.caption, dataset.index.clips[index].captions.motion)
        }
        XCTAssertEqual(data.source(at: 0), .opticalMocap)
        XCTAssertEqual(data.source(at: 5), .inTheWildVideo)
        XCTAssertTrue(try data.clip(at: 0).isCoreMocap)
        XCTAssertFalse(try data.clip(at: 5).isCoreMocap)
    }
}
