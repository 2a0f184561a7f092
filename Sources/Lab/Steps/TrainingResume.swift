import Foundation

/// Where an interrupted `train` continues from: a cache entry's writer that died (Ctrl-C, a
/// kill, a crash) leaves its `.partial-<hash>-…` folder behind, holding the last interval
/// checkpoint (weights, EMA, AdamW moments, step and RNG — ViMoGen's resume is bit-exact). The
/// next writer of the same entry takes the newest such checkpoint over instead of starting again.
enum TrainingResume {
    /// Checkpoints are written about this many times per training, so at most a tenth is lost.
    static func interval(steps: Int) -> Int { max(10, steps / 10) }

    /// Moves the newest checkpoint a dead writer of `entry` left into `folder` and returns its
    /// new place; the dead writer's folder is removed. Nil when there is none.
    static func adopt(for entry: CacheEntry, cache: StepCache, into folder: URL, name: String) -> URL? {
        let prefix = ".partial-\(entry.hash)-"
        let candidates = ((try? cache.partials(kind: entry.kind)) ?? []).filter {
            $0.directory.lastPathComponent.hasPrefix(prefix) && !$0.writerIsAlive && $0.directory != folder
        }
        let manager = FileManager.default
        let checkpoints = candidates.map { $0.directory.appendingPathComponent(name) }.filter { manager.fileExists(atPath: $0.path) }
        func modified(_ url: URL) -> Date { ((try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast }
        guard let newest = checkpoints.max(by: { modified($0) < modified($1) }) else { return nil }
        let target = folder.appendingPathComponent(name)
        do {
            try? manager.removeItem(at: target)
            try manager.moveItem(at: newest, to: target)
        } catch { return nil }
        for partial in candidates { try? manager.removeItem(at: partial.directory) }
        return target
    }
}
