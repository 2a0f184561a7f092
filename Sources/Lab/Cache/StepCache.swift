import Foundation

/// The content-addressed store of step results: `<results root>/cache/<kind>/<hash>/`.
///
/// An entry is written into a hidden `.partial-…` folder beside its final place and published by
/// one `rename`, so an entry folder exists only once it is complete: a killed writer leaves a
/// partial folder (removed by `collectGarbage`), never an entry that looks finished.
///
/// ```swift
/// let cache = StepCache(root: ProjectLocations().cacheRoot)
/// let entry = try cache.entry(kind: "curate", version: "3", params: ["clips": "4000"], inputs: [world.key])
/// let folder = try entry.resolve { dir in try dataset.write(to: dir) }   // computes only on a miss
/// ```
public struct StepCache: Sendable {
    /// The folder holding one sub-folder per kind.
    public let root: URL

    public init(root: URL) { self.root = root }

    /// The cache under `MOGENLAB_RESULTS` (default `./Results/cache`).
    public init(locations: ProjectLocations = ProjectLocations()) { self.init(root: locations.cacheRoot) }

    /// The entry for a step's result, published or not.
    public func entry(kind: String, version: String, params: [String: String] = [:], inputs: [String] = []) throws -> CacheEntry {
        try entry(for: CacheKey(kind: kind, version: version, params: params, inputs: inputs))
    }

    /// The entry for a key.
    public func entry(for key: CacheKey) throws -> CacheEntry {
        try CacheKey.validate(kind: key.kind)
        return CacheEntry(key: key, directory: root.appendingPathComponent(key.kind).appendingPathComponent(key.hash))
    }

    /// Published entries, by kind then creation time.
    public func entries(kind: String? = nil) throws -> [CacheEntryInfo] {
        var result: [CacheEntryInfo] = []
        for kindFolder in try kindFolders(kind) {
            for folder in contents(of: kindFolder) where !folder.lastPathComponent.hasPrefix(".") {
                if let info = CacheEntryInfo(directory: folder, kind: kindFolder.lastPathComponent) { result.append(info) }
            }
        }
        return result.sorted { ($0.kind, $0.created) < ($1.kind, $1.created) }
    }

    /// Folders left by writers that never published (killed, or still writing).
    public func partials(kind: String? = nil) throws -> [PartialWrite] {
        try kindFolders(kind).flatMap { folder in
            contents(of: folder).compactMap { PartialWrite(directory: $0) }
        }
    }

    /// Removes leftovers of dead writers always, and published entries that match: of a `kind`
    /// in `kinds`, or not used for `olderThan` seconds. With neither filter, only leftovers go.
    public func collectGarbage(kinds: [String] = [], olderThan: TimeInterval? = nil, dryRun: Bool = false,
                               now: Date = Date()) throws -> GarbageReport {
        for kind in kinds { try CacheKey.validate(kind: kind) }
        var report = GarbageReport(dryRun: dryRun)
        for partial in try partials() where !partial.writerIsAlive {
            report.partials.append(partial.directory.path)
            report.bytes += FolderSize.bytes(of: partial.directory)
            if !dryRun { try remove(partial.directory) }
        }
        if kinds.isEmpty && olderThan == nil { return report }
        for entry in try entries() {
            let kindMatches = kinds.isEmpty || kinds.contains(entry.kind)
            let ageMatches = olderThan.map { now.timeIntervalSince(entry.lastUsed) > $0 } ?? true
            guard kindMatches && ageMatches else { continue }
            report.entries.append(entry)
            report.bytes += entry.sizeBytes
            if !dryRun { try remove(URL(fileURLWithPath: entry.directory)) }
        }
        return report
    }

    private func kindFolders(_ kind: String?) throws -> [URL] {
        if let kind {
            try CacheKey.validate(kind: kind)
            let folder = root.appendingPathComponent(kind)
            return FileManager.default.fileExists(atPath: folder.path) ? [folder] : []
        }
        return contents(of: root).filter { !$0.lastPathComponent.hasPrefix(".") && FolderSize.isDirectory($0) }
    }

    private func contents(of folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            .map { folder.appendingPathComponent($0) }
    }

    private func remove(_ folder: URL) throws {
        do { try FileManager.default.removeItem(at: folder) } catch {
            throw CacheError.fileSystem(path: folder.path, reason: "cannot remove: \(error.localizedDescription)")
        }
    }
}

/// What `collectGarbage` removed (or would remove, for a dry run).
public struct GarbageReport: Codable, Equatable, Sendable {
    public var dryRun: Bool
    public var partials: [String] = []
    public var entries: [CacheEntryInfo] = []
    public var bytes: Int64 = 0
}

/// Sizes and kinds of file-system items.
enum FolderSize {
    static func bytes(of folder: URL) -> Int64 {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
        var total: Int64 = 0
        for case let file as URL in enumerator {
            total += Int64((try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
        }
        return total
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
