import Foundation
import Motion

/// The `curate` step: generates the takes of the chosen sources, runs Motion's `Curator`, fits
/// `FeatureStatistics` and publishes safetensors shards plus `index.json` as one cache entry
/// (`cache/curate/<hash>/`). Captions of both styles are kept, so the caption style a recipe
/// picks is a view of the same cached dataset.
public struct CurateStep: Sendable {
    public static let kind = "curate"
    /// Bump when this step's code changes its results.
    public static let version = "2"  // 2: resampling pins stance feet

    /// Source names in the take source's own order (so `["wild", "core"]` is `["core", "wild"]`).
    public let sources: [String]
    public var settings: CurationSettings
    public var shardClips: Int

    /// Checks the names against the take source (unknown → an error with did-you-mean) and orders them.
    public init(sources: [String], of takes: TakeSource, settings: CurationSettings = CurationSettings(), shardClips: Int = 256) throws {
        guard !sources.isEmpty else { throw UnknownSourceError(name: "", known: takes.sourceNames) }
        for name in sources where !takes.sourceNames.contains(name) { throw UnknownSourceError(name: name, known: takes.sourceNames) }
        self.sources = takes.sourceNames.filter(sources.contains)
        self.settings = settings
        self.shardClips = shardClips
    }

    /// The cache key: kind, version, the sources, and the take source's key.
    public func key(for takes: TakeSource) -> CacheKey {
        CacheKey(kind: Self.kind, version: Self.version, params: ["sources": sources.joined(separator: "+")], inputs: [takes.cacheKey])
    }

    /// The dataset, from the cache or made now.
    public func run(_ takes: TakeSource, cache: StepCache, reporting: StepReporting = .silent) throws -> (dataset: CuratedDataset, wasCached: Bool) {
        let entry = try cache.entry(for: key(for: takes))
        let (folder, wasCached) = try entry.resolve { folder in try write(takes, into: folder, reporting: reporting) }
        return (try CuratedDataset(folder: folder, key: entry.hash), wasCached)
    }

    /// Curates every take into `folder` (a private partial folder).
    func write(_ takes: TakeSource, into folder: URL, reporting: StepReporting) throws {
        let started = Date()
        let writer = DatasetWriter(folder: folder, shardClips: shardClips)
        let curator = Curator(settings)
        var rejections: [String: Int] = [:], takeCounts: [String: Int] = [:], clipCounts: [String: Int] = [:]
        let total = try sources.reduce(0) { $0 + (try takes.takeCount(of: $1)) }
        let bar = reporting.bar("curate", total: total, unit: "takes")
        var done = 0
        for name in sources {
            try takes.forEachTake(of: name) { take in
                let result = try curator(take)
                for clip in result.clips { try writer.add(clip, source: name) }
                for rejection in result.rejections { rejections[rejection.reason, default: 0] += 1 }
                takeCounts[name, default: 0] += 1
                clipCounts[name, default: 0] += result.clips.count
                done += 1
                bar?.progress(completed: done, total: total)
            }
        }
        bar?.finish()
        let index = try writer.finish(sources: sources, rejections: rejections, takes: takeCounts)
        let seconds = Date().timeIntervalSince(started)
        try StepProducer(run: reporting.runID, seconds: seconds).write(to: folder)
        if let metrics = reporting.metrics {
            var values: [String: Double] = ["clips": Double(index.clips.count), "frames": Double(index.frameCount),
                                            "takes": Double(done), "rejected": Double(rejections.values.reduce(0, +)),
                                            "shards": Double(index.shards.count), "seconds": seconds]
            for (name, n) in clipCounts { values["clips.\(name)"] = Double(n) }
            for (reason, n) in rejections { values["rejected.\(reason.replacingOccurrences(of: " ", with: "_"))"] = Double(n) }
            try metrics.record(values, step: 0)
        }
    }
}
