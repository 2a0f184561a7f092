import Autograd
import Foundation
import Motion
import ViMoGen

/// A curated dataset as ViMoGen's `TrainingDataset`. Shards are opened once (safetensors maps
/// the file) and a clip's already-normalised frames are copied straight out of its shard, so
/// random access costs one clip, not one shard, and memory holds only the pages touched.
public final class ShardedTrainingData: TrainingDataset {
    public let dataset: CuratedDataset
    public let style: CaptionStyle
    public let statistics: FeatureStatistics?
    public let captions: [String]
    private var shards: [Int: ShardFrames] = [:]
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
        let frames = try shard(record.shard).clip(record.position)
        return TrainingClip(frames: FeatureFrames(fps: dataset.index.fps, values: frames), caption: record.captions.text(style),
                            source: MotionSource(rawValue: record.kind),
                            isCoreMocap: record.kind == MotionSource.opticalMocap.rawValue && record.tier == "core")
    }

    private func shard(_ k: Int) throws -> ShardFrames {
        lock.lock(); defer { lock.unlock() }
        if let open = shards[k] { return open }
        guard dataset.index.shards.indices.contains(k) else {
            throw DatasetError(file: dataset.folder.path, "has \(dataset.index.shards.count) shards; shard \(k) does not exist")
        }
        let opened = try ShardFrames(url: dataset.folder.appendingPathComponent(dataset.index.shards[k].file))
        shards[k] = opened
        return opened
    }
}

/// The `frames` (normalised, float32) and `clip_lengths` of one shard file, read per clip.
final class ShardFrames {
    let url: URL
    private let frames: NDArray
    private let starts: [Int]
    private let lengths: [Int]

    init(url: URL) throws {
        self.url = url
        let file = try SafeTensorsFile(contentsOf: url)
        frames = try file.tensor("frames")
        lengths = try file.tensor("clip_lengths").int64s().map { Int($0) }
        guard frames.dtype == .f32, frames.shape.count == 2, frames.shape[1] == FrameLayout.dimension,
              lengths.reduce(0, +) == frames.shape[0] else {
            throw DatasetError(file: url.path, "frames \(frames.dtype) \(frames.shape) do not fit clip_lengths (\(lengths.count) clips)")
        }
        var offset = 0
        starts = lengths.map { n in defer { offset += n }; return offset }
    }

    /// Clip `k`'s normalised frames, row-major (frames × 276).
    func clip(_ k: Int) throws -> [Float] {
        guard lengths.indices.contains(k) else { throw DatasetError(file: url.path, "has \(lengths.count) clips; clip \(k) does not exist") }
        let width = FrameLayout.dimension * MemoryLayout<Float>.size
        let range = (starts[k] * width)..<((starts[k] + lengths[k]) * width)
        // Safetensors stores little-endian float32, which is this machine's layout.
        return frames.bytes[frames.bytes.startIndex + range.lowerBound ..< frames.bytes.startIndex + range.upperBound]
            .withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}
