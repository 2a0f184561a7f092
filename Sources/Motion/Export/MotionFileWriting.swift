import Autograd
import Foundation

/// What `MotionFiles.write` produced.
public struct ConversionSummary: Equatable, Sendable, Codable {
    public var input: String
    public var output: String
    public var format: String
    public var frames: Int
    public var fps: Double
    /// Curated clips written (safetensors output only).
    public var clips: Int?
    /// Stretches curation dropped, with reasons (safetensors output only).
    public var rejected: [String]?
}

extension MotionFiles {
    /// Writes `motion` in the format named by `url`'s extension: `.bvh` (SMPL-22 hierarchy),
    /// `.npz` (AMASS-style), `.json` (joints for viewers), `.npy` (joints T×22×3, Z up) or
    /// `.safetensors` (curated, normalised 276-dim clips).
    @discardableResult
    public static func write(_ motion: ImportedMotion, to url: URL) throws -> ConversionSummary {
        let ext = url.pathExtension.lowercased()
        var summary = ConversionSummary(input: motion.report.file, output: url.path, format: ext,
                                        frames: motion.joints.frameCount, fps: motion.joints.fps)
        func smpl() throws -> SMPLMotion {
            do { return try motion.smpl() } catch { throw MotionFileError(file: motion.report.file, "\(error)") }
        }
        switch ext {
        case "bvh": try BVHExporter().write(smpl(), to: url)
        case "npz": try AMASSExporter().write(smpl(), to: url)
        case "json": try JointsJSONExporter().write(motion.joints, to: url)
        case "npy":
            let flat = motion.joints.positions.flatMap { [$0.x, $0.y, $0.z] }
            do { try NPY.write(try NDArray(flat, shape: [motion.joints.frameCount, SMPLJoint.count, 3]), to: url) } catch {
                throw MotionFileError(file: url.path, "cannot write (\(error))")
            }
        case "safetensors":
            let (file, result) = try CuratedClipsFile.curate(motion)
            try file.write(to: url)
            summary.clips = file.clips.count
            summary.frames = file.clips.reduce(0) { $0 + $1.features.frameCount }
            summary.fps = file.clips.first?.features.fps ?? 20
            summary.rejected = result.rejections.map { "\(String(format: "%.2f", $0.start)) s, \($0.frames) frames: \($0.reason)" }
        default:
            throw MotionFileError(file: url.path, "unknown output type '.\(url.pathExtension)'; expected one of \(writable.map { "." + $0 }.joined(separator: ", "))")
        }
        return summary
    }
}
