import Foundation
import Motion

/// Writes a curated dataset into a folder, streaming: clips are buffered one shard at a time
/// and written raw while the normalisation statistics accumulate; `finish` then rewrites each
/// shard normalised (one shard in memory at a time) and writes `index.json`.
///
/// The folder is a cache entry's private partial folder, so a writer that dies midway leaves
/// nothing that looks like a dataset.
public final class DatasetWriter {
    public let folder: URL
    public let shardClips: Int
    private var buffer: [MotionClip] = []
    private var bufferSources: [String] = []
    private var shards: [DatasetIndex.Shard] = []
    private var records: [DatasetIndex.ClipRecord] = []
    private var statistics = FeatureStatistics.Accumulator()
    private var fps: Double = 20

    /// - Parameter shardClips: clips per shard file (100-frame clips: 256 clips ≈ 28 MB).
    public init(folder: URL, shardClips: Int = 256) {
        precondition(shardClips > 0, "shardClips must be positive")
        self.folder = folder
        self.shardClips = shardClips
    }

    public var clipCount: Int { records.count }

    /// Adds one curated clip, from the source `sourceName`.
    public func add(_ clip: MotionClip, source sourceName: String) throws {
        fps = clip.features.fps
        statistics.add(clip.features)
        records.append(DatasetIndex.ClipRecord(id: clip.id, source: sourceName, kind: clip.source.rawValue, tier: clip.tier, actions: clip.actionIDs,
                                               captions: clip.captions, shard: shards.count, position: buffer.count,
                                               frames: clip.frameCount, quality: clip.quality))
        buffer.append(clip)
        bufferSources.append(sourceName)
        if buffer.count == shardClips { try flush() }
    }

    /// Writes the normalised shards and the index; returns the index.
    public func finish(sources: [String], rejections: [String: Int], takes: [String: Int]) throws -> DatasetIndex {
        try flush()
        guard !records.isEmpty else {
            let reasons = rejections.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            throw DatasetError(file: folder.path, "curation kept no clip from \(takes.values.reduce(0, +)) takes" + (reasons.isEmpty ? "" : " (rejected: \(reasons))"))
        }
        let stats = try statistics.statistics()
        for (k, shard) in shards.enumerated() {
            let raw = folder.appendingPathComponent(Self.rawName(k))
            let file = try CuratedClipsFile(contentsOf: raw)
            try CuratedClipsFile(clips: file.clips, statistics: stats, source: file.source)
                .write(to: folder.appendingPathComponent(shard.file))
            try FileManager.default.removeItem(at: raw)
        }
        let index = DatasetIndex(sources: sources, fps: fps, shards: shards, clips: records, rejections: rejections, takes: takes)
        try index.write(to: folder)
        return index
    }

    /// Writes the buffered clips as a raw shard (identity statistics, i.e. not normalised yet).
    private func flush() throws {
        guard !buffer.isEmpty else { return }
        let k = shards.count
        let identity = try FeatureStatistics(mean: [Float](repeating: 0, count: FrameLayout.dimension),
                                             std: [Float](repeating: 1, count: FrameLayout.dimension))
        let clips = buffer.map { CuratedClipsFile.Clip(id: $0.id, start: $0.start, features: $0.features) }
        try CuratedClipsFile(clips: clips, statistics: identity, source: Set(bufferSources).sorted().joined(separator: "+"))
            .write(to: folder.appendingPathComponent(Self.rawName(k)))
        shards.append(DatasetIndex.Shard(file: Self.shardName(k), clips: buffer.count, frames: buffer.reduce(0) { $0 + $1.frameCount }))
        buffer.removeAll(keepingCapacity: true)
        bufferSources.removeAll(keepingCapacity: true)
    }

    static func shardName(_ k: Int) -> String { String(format: "shard-%05d.safetensors", k) }
    static func rawName(_ k: Int) -> String { String(format: ".raw-%05d.safetensors", k) }
}
