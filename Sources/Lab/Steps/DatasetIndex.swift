import Foundation
import Motion

/// `index.json` of a curated dataset: one record per clip (where its frames are, its captions
/// in both styles, source, tier, action ids, quality), the shard files, and the rejections.
public struct DatasetIndex: Codable, Equatable, Sendable {
    public static let fileName = "index.json"
    public static let format = "mogenlab-dataset-v1"

    /// One curated clip.
    public struct ClipRecord: Codable, Equatable, Sendable {
        public var id: String
        /// The source name it was curated from (`core`, `wild`, …, as `curate(sources:)` names it).
        public var source: String
        /// Motion's source kind (`mocap`, `video`, `synthetic`): how training treats the clip.
        public var kind: String
        public var tier: String
        /// Most-overlapped action first.
        public var actions: [String]
        public var captions: Captions
        /// Shard number and clip position inside that shard.
        public var shard: Int
        public var position: Int
        public var frames: Int
        /// The five joint-based MBench quality dimensions of the curated clip.
        public var quality: QualityScores
    }

    /// One shard file: `shard-00000.safetensors` (a `CuratedClipsFile`: normalised frames, mean, std).
    public struct Shard: Codable, Equatable, Sendable {
        public var file: String
        public var clips: Int
        public var frames: Int
    }

    public var format: String = DatasetIndex.format
    public var sources: [String]
    public var fps: Double
    public var shards: [Shard]
    public var clips: [ClipRecord]
    /// Rejected stretches of takes by reason ("quality filter jitter": 3).
    public var rejections: [String: Int]
    /// Takes read per source.
    public var takes: [String: Int]

    public var frameCount: Int { shards.reduce(0) { $0 + $1.frames } }

    public func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: folder.appendingPathComponent(Self.fileName))
    }

    public init(sources: [String], fps: Double, shards: [Shard], clips: [ClipRecord], rejections: [String: Int], takes: [String: Int]) {
        self.sources = sources; self.fps = fps; self.shards = shards; self.clips = clips
        self.rejections = rejections; self.takes = takes
    }

    /// Reads `index.json` from a dataset folder; errors name the file.
    public init(folder: URL) throws {
        let url = folder.appendingPathComponent(Self.fileName)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DatasetError(file: url.path, "cannot read (\(error.localizedDescription))")
        }
        do { self = try JSONDecoder().decode(DatasetIndex.self, from: data) } catch {
            throw DatasetError(file: url.path, "not a dataset index: \(error)")
        }
        guard format == Self.format else {
            throw DatasetError(file: url.path, "format `\(format)`, expected `\(Self.format)` (made by another MoGenLab version? remove the cache entry to rebuild)")
        }
    }
}

/// A problem with a dataset's files, naming the file.
public struct DatasetError: Error, CustomStringConvertible {
    public let file: String
    public let message: String
    public init(file: String, _ message: String) { self.file = file; self.message = message }
    public var description: String { "\(file): \(message)" }
}
