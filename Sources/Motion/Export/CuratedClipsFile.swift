import Autograd
import Foundation

/// Curated, normalised 276-dim clips in one safetensors file: `frames` (all clips' frames,
/// F×276 float32, normalised), `clip_lengths` (int64, frames per clip), `mean` and `std`
/// (276 each), and `__metadata__` with `format`, `fps`, `source` and `clip_ids` /
/// `clip_starts` (JSON arrays).
public struct CuratedClipsFile: Sendable {
    /// One clip: its id, start (seconds into the take) and frames (not normalised).
    public struct Clip: Equatable, Sendable {
        public var id: String
        public var start: Double
        public var features: FeatureFrames
        public init(id: String, start: Double, features: FeatureFrames) { self.id = id; self.start = start; self.features = features }
    }

    public static let format = "mogenlab-clips-v1"

    public var clips: [Clip]
    public var statistics: FeatureStatistics
    public var source: String

    public init(clips: [Clip], statistics: FeatureStatistics, source: String) {
        self.clips = clips; self.statistics = statistics; self.source = source
    }

    /// Curates an imported take (retargeted to the SMPL template, `Curator` with `settings`)
    /// and fits normalisation statistics on its clips.
    public static func curate(_ motion: ImportedMotion, settings: CurationSettings = CurationSettings()) throws -> (file: CuratedClipsFile, result: CurationResult) {
        let file = motion.report.file
        let smpl: SMPLMotion
        do { smpl = try motion.smpl(retargeted: true) } catch { throw MotionFileError(file: file, "\(error)") }
        let id = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let result: CurationResult
        do { result = try Curator(settings)(Take(id: id, source: .opticalMocap, motion: smpl)) } catch {
            throw MotionFileError(file: file, "curation failed: \(error)")
        }
        guard !result.clips.isEmpty else {
            let reasons = Set(result.rejections.map(\.reason)).sorted().joined(separator: "; ")
            throw MotionFileError(file: file, "curation kept no clip (\(result.rejections.count) rejected: \(reasons))")
        }
        let statistics: FeatureStatistics
        do { statistics = try FeatureStatistics(fitting: result.clips.map(\.features)) } catch {
            throw MotionFileError(file: file, "\(error)")
        }
        let clips = result.clips.map { Clip(id: $0.id, start: $0.start, features: $0.features) }
        return (CuratedClipsFile(clips: clips, statistics: statistics, source: file), result)
    }

    public func write(to url: URL) throws {
        var values: [Float] = []
        for c in clips { values += statistics.normalize(c.features).values }
        func json<T: Encodable>(_ v: T) -> String { String(decoding: (try? JSONEncoder().encode(v)) ?? Data("[]".utf8), as: UTF8.self) }
        do {
            let file = SafeTensorsFile(tensors: [
                "frames": try NDArray(values, shape: [values.count / FrameLayout.dimension, FrameLayout.dimension]),
                "clip_lengths": NDArray(clips.map { Int64($0.features.frameCount) }),
                "mean": NDArray(statistics.mean), "std": NDArray(statistics.std),
            ], metadata: [
                "format": Self.format, "fps": "\(clips.first?.features.fps ?? 20)", "source": source,
                "clip_ids": json(clips.map(\.id)), "clip_starts": json(clips.map(\.start)),
            ])
            try file.write(to: url)
        } catch { throw MotionFileError(file: url.path, "cannot write clips (\(error))") }
    }

    /// Reads a file written by `write(to:)`; clips come back denormalised.
    public init(contentsOf url: URL) throws {
        let path = url.path
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(contentsOf: url) } catch { throw MotionFileError(file: path, "\(error)") }
        func tensor(_ key: String) throws -> NDArray {
            guard let t = file.tensors[key] else {
                throw MotionFileError(file: path, .key(key), "missing (is this a curated clips file? it has \(file.names.joined(separator: ", ")))")
            }
            return t
        }
        let frames = try tensor("frames"), lengths = try tensor("clip_lengths")
        guard frames.shape.count == 2, frames.shape[1] == FrameLayout.dimension else {
            throw MotionFileError(file: path, .key("frames"), "shape \(frames.shape); expected (frames, \(FrameLayout.dimension))")
        }
        let counts: [Int]
        do { counts = try lengths.int64s().map { Int($0) } } catch { throw MotionFileError(file: path, .key("clip_lengths"), "\(error)") }
        guard counts.allSatisfy({ $0 > 0 }), counts.reduce(0, +) == frames.shape[0] else {
            throw MotionFileError(file: path, .key("clip_lengths"), "lengths \(counts.prefix(8)) do not add up to the \(frames.shape[0]) frames")
        }
        do {
            statistics = try FeatureStatistics(mean: try tensor("mean").floats(), std: try tensor("std").floats())
        } catch let e as MotionFileError { throw e } catch { throw MotionFileError(file: path, .key("mean/std"), "\(error)") }
        let fps = Double(file.metadata["fps"] ?? "") ?? 20
        let ids = (try? JSONDecoder().decode([String].self, from: Data((file.metadata["clip_ids"] ?? "").utf8))) ?? []
        let starts = (try? JSONDecoder().decode([Double].self, from: Data((file.metadata["clip_starts"] ?? "").utf8))) ?? []
        let values: [Float]
        do { values = try frames.floats() } catch { throw MotionFileError(file: path, .key("frames"), "\(error)") }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw MotionFileError(file: path, .key("frames"), "frame \(bad / FrameLayout.dimension), dim \(bad % FrameLayout.dimension) is NaN or infinite")
        }
        var clips: [Clip] = [], offset = 0
        for (k, n) in counts.enumerated() {
            let slice = Array(values[(offset * FrameLayout.dimension)..<((offset + n) * FrameLayout.dimension)])
            clips.append(Clip(id: k < ids.count ? ids[k] : "clip\(k)", start: k < starts.count ? starts[k] : 0,
                              features: statistics.denormalize(FeatureFrames(fps: fps, values: slice))))
            offset += n
        }
        self.clips = clips
        source = file.metadata["source"] ?? ""
    }

    /// Clip `index` as SMPL parameters (velocity-integrated decoding, the final pose appended).
    public func motion(clip index: Int, file: String) throws -> SMPLMotion {
        guard clips.indices.contains(index) else {
            throw MotionFileError(file: file, "has \(clips.count) clips; clip \(index) does not exist (use 0…\(clips.count - 1))")
        }
        do { return try FrameEncoding.decode(clips[index].features, .integrated, appendFinalPose: true).smpl } catch {
            throw MotionFileError(file: file, "clip \(index): \(error)")
        }
    }
}
