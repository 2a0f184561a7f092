import Foundation
import Motion
import ViMoGen

/// A curated dataset as ViMoGen's `TrainingDataset`: clips are read from their shard on
/// demand, keeping the last two shards in memory, so training never holds the whole set.
public final class ShardedTrainingData: TrainingDataset {
    public let dataset: CuratedDataset
    public let style: CaptionStyle
    public let statistics: FeatureStatistics?
    public let captions: [String]
    private var loaded: [(shard: Int, file: CuratedClipsFile)] = []
    private let lock = NSLock()

    public init(_ dataset: CuratedDataset, style: CaptionStyle) throws {
        self.dataset = dataset
        self.style = style
        statistics = try dataset.statistics()
        captions = dataset.captions(style)
    }

    public var count: Int { dataset.clipCount }

    public func source(at index: Int) -> MotionSource { MotionSource(rawValue: dataset.index.clips[index].kind) }

    public func clip(at index: Int) throws -> TrainingClip {
        let record = dataset.index.clips[index]
        let file = try shard(record.shard)
        return TrainingClip(frames: statistics!.normalize(file.clips[record.position].features), caption: record.captions.text(style),
                            source: MotionSource(rawValue: record.kind),
                            isCoreMocap: record.kind == MotionSource.opticalMocap.rawValue && record.tier == "core")
    }

    private func shard(_ k: Int) throws -> CuratedClipsFile {
        lock.lock(); defer { lock.unlock() }
        if let hit = loaded.first(where: { $0.shard == k }) { return hit.file }
        let file = try dataset.shard(k)
        loaded.append((k, file))
        if loaded.count > 2 { loaded.removeFirst() }
        return file
    }
}
