import Foundation

/// One step result in the cache: look it up, or compute and publish it atomically.
public struct CacheEntry: Sendable {
    public let key: CacheKey
    /// Where the entry lives once published.
    public let directory: URL

    /// The manifest written into every entry (kind, version, params, inputs, creation).
    public static let manifestName = ".entry.json"

    public var kind: String { key.kind }
    public var hash: String { key.hash }

    /// Whether a complete entry exists.
    public var isPublished: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(CacheEntry.manifestName).path)
    }

    /// The entry's folder if published (and marks it used, for `gc --older-than`), else nil.
    public func lookup() -> URL? {
        guard isPublished else { return nil }
        try? FileManager.default.setAttributes([.modificationDate: Date()],
                                               ofItemAtPath: directory.appendingPathComponent(CacheEntry.manifestName).path)
        return directory
    }

    /// Runs `write` on a fresh private folder, then publishes it as this entry with one rename.
    ///
    /// If `write` throws, nothing is published and the folder is removed. If another process
    /// published the same entry meanwhile, its copy wins (same key, same content) and ours is dropped.
    @discardableResult
    public func publish(_ write: (URL) throws -> Void) throws -> URL {
        let manager = FileManager.default
        let kindFolder = directory.deletingLastPathComponent()
        let partial = kindFolder.appendingPathComponent(PartialWrite.name(for: key.hash))
        do {
            try manager.createDirectory(at: partial, withIntermediateDirectories: true)
        } catch {
            throw CacheError.fileSystem(path: partial.path, reason: "cannot create: \(error.localizedDescription)")
        }
        do {
            try write(partial)
            let manifest = CacheManifest(key: key, created: Date())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            try encoder.encode(manifest).write(to: partial.appendingPathComponent(CacheEntry.manifestName))
        } catch {
            try? manager.removeItem(at: partial)
            throw CacheError.writeFailed(kind: key.kind, key: key.hash, reason: "\(error)")
        }
        if rename(partial.path, directory.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: partial)
            if isPublished { return directory }
            throw CacheError.fileSystem(path: directory.path, reason: "cannot publish: \(reason)")
        }
        return directory
    }

    /// The published folder, computing it with `write` on a miss.
    public func resolve(_ write: (URL) throws -> Void) throws -> (directory: URL, wasCached: Bool) {
        if let hit = lookup() { return (hit, true) }
        return (try publish(write), false)
    }
}

/// The `.entry.json` of a published entry.
struct CacheManifest: Codable {
    var key: CacheKey
    var created: Date
}

/// A listing row of a published entry.
public struct CacheEntryInfo: Codable, Equatable, Sendable {
    public var kind: String
    public var hash: String
    public var directory: String
    public var version: String
    public var params: [String: String]
    public var inputs: [String]
    public var created: Date
    public var lastUsed: Date
    public var sizeBytes: Int64

    init?(directory: URL, kind: String) {
        let manifestURL = directory.appendingPathComponent(CacheEntry.manifestName)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let data = try? Data(contentsOf: manifestURL),
              let manifest = try? decoder.decode(CacheManifest.self, from: data) else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: manifestURL.path)
        self.kind = kind
        self.hash = directory.lastPathComponent
        self.directory = directory.path
        self.version = manifest.key.version
        self.params = manifest.key.params
        self.inputs = manifest.key.inputs
        self.created = manifest.created
        self.lastUsed = (attributes?[.modificationDate] as? Date) ?? manifest.created
        self.sizeBytes = FolderSize.bytes(of: directory)
    }
}

/// A folder a writer was filling: `.partial-<hash>-<host>-<pid>-<random>`.
public struct PartialWrite: Sendable {
    public let directory: URL
    public let host: String
    public let pid: Int

    static func name(for hash: String) -> String {
        let host = ProcessLiveness.hostName.replacingOccurrences(of: "-", with: "_")
        return ".partial-\(hash)-\(host)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    init?(directory: URL) {
        let parts = directory.lastPathComponent.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == ".partial", let pid = Int(parts[3]) else { return nil }
        self.directory = directory
        self.host = String(parts[2])
        self.pid = pid
    }

    /// A writer on another host is assumed dead after a day; on this host, when its process is gone.
    public var writerIsAlive: Bool {
        if host == ProcessLiveness.hostName.replacingOccurrences(of: "-", with: "_") { return ProcessLiveness.isAlive(pid: pid) }
        let modified = (try? FileManager.default.attributesOfItem(atPath: directory.path)[.modificationDate] as? Date) ?? .distantPast
        return Date().timeIntervalSince(modified) < 86_400
    }
}
