import Foundation
import Motion

/// A published curated dataset (a `curate` cache entry), read lazily: the index is loaded at
/// once, clip frames one shard at a time, so a dataset larger than memory can be walked.
public struct CuratedDataset: Sendable {
    /// The cache entry folder.
    public let folder: URL
    /// The cache key's hash: later steps use it as their input key.
    public let key: String
    public let index: DatasetIndex

    public init(folder: URL, key: String) throws {
        self.folder = folder
        self.key = key
        index = try DatasetIndex(folder: folder)
    }

    public var clipCount: Int { index.clips.count }

    /// The normalisation statistics (stored in every shard; read from the first).
    public func statistics() throws -> FeatureStatistics {
        try shard(0).statistics
    }

    /// Shard `k` (frames denormalised by `CuratedClipsFile`; `statistics.normalize` gives the training view).
    public func shard(_ k: Int) throws -> CuratedClipsFile {
        guard index.shards.indices.contains(k) else {
            throw DatasetError(file: folder.path, "has \(index.shards.count) shards; shard \(k) does not exist")
        }
        return try CuratedClipsFile(contentsOf: folder.appendingPathComponent(index.shards[k].file))
    }

    /// Calls `body` with each shard's clips and their index records, one shard in memory at a time.
    public func forEachShard(_ body: (_ clips: [CuratedClipsFile.Clip], _ records: [DatasetIndex.ClipRecord]) throws -> Void) throws {
        var byShard = [[DatasetIndex.ClipRecord]](repeating: [], count: index.shards.count)
        for record in index.clips { byShard[record.shard].append(record) }
        for k in index.shards.indices {
            let file = try shard(k)
            let records = byShard[k].sorted { $0.position < $1.position }
            guard records.count == file.clips.count else {
                throw DatasetError(file: folder.appendingPathComponent(index.shards[k].file).path,
                                   "holds \(file.clips.count) clips but the index lists \(records.count)")
            }
            try body(file.clips, records)
        }
    }

    /// The clips at `positions` of the index (loading only the shards they live in), not normalised.
    public func clips(at positions: [Int]) throws -> [(record: DatasetIndex.ClipRecord, features: FeatureFrames)] {
        for p in positions where !index.clips.indices.contains(p) {
            throw DatasetError(file: folder.path, "has \(clipCount) clips; clip \(p) does not exist")
        }
        var loaded: [Int: CuratedClipsFile] = [:]
        return try positions.map { p in
            let record = index.clips[p]
            if loaded[record.shard] == nil { loaded[record.shard] = try shard(record.shard) }
            return (record, loaded[record.shard]!.clips[record.position].features)
        }
    }

    /// The captions of every clip in one style, in index order.
    public func captions(_ style: CaptionStyle) -> [String] { index.clips.map { $0.captions.text(style) } }

    /// Mean of each quality dimension over the clips, by official MBench name (`Jitter_Degree`, …).
    public func meanQuality() -> [String: Double] {
        var sums: [String: Double] = [:]
        for clip in index.clips { for (k, v) in clip.quality.byOfficialName { sums[k, default: 0] += v } }
        return sums.mapValues { $0 / Double(max(1, clipCount)) }
    }
}
