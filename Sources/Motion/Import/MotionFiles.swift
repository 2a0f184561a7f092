import Foundation

/// Reading and writing motion files by extension, for the command line and recipes:
/// `.bvh` (BVH), `.npz` (AMASS), `.npy` (joints T×22×3: HumanML3D's Y-up form when the file
/// sits in a `new_joints` folder, else Z up at 20 fps), `.safetensors` (curated clips).
public enum MotionFiles {
    /// Extensions `read` accepts.
    public static let readable = ["bvh", "npz", "npy", "safetensors"]
    /// Extensions `write` produces.
    public static let writable = ["bvh", "npz", "json", "npy", "safetensors"]

    /// Imports any supported file; `clip` picks the clip of a curated-clips file.
    public static func read(_ url: URL, unit: LengthUnit? = nil, clip: Int = 0) throws -> ImportedMotion {
        switch url.pathExtension.lowercased() {
        case "bvh": return try BVHImporter(unit: unit)(url)
        case "npz": return try AMASSImporter()(url)
        case "npy":
            let inHumanML3D = url.deletingLastPathComponent().lastPathComponent == "new_joints"
            return try (inHumanML3D ? JointArrayImporter.humanML3D : JointArrayImporter())(url)
        case "safetensors":
            let file = try CuratedClipsFile(contentsOf: url)
            let motion = try file.motion(clip: clip, file: url.path)
            let report = ImportReport(file: url.path, format: "curated clips (\(file.clips.count), 276-dim, clip \(clip) decoded)",
                                      frames: motion.frameCount, fps: motion.fps, skeleton: "SMPL 22 joints",
                                      mapping: Dictionary(uniqueKeysWithValues: SMPLJoint.allCases.map { ($0.name, $0.name) }),
                                      unit: LengthUnit.metres.rawValue, upAxis: "+Z")
            return ImportedMotion(joints: motion.joints(), storedSMPL: motion, report: report)
        default:
            throw MotionFileError(file: url.path, "unknown motion file type '.\(url.pathExtension)'; expected one of \(readable.map { "." + $0 }.joined(separator: ", "))")
        }
    }
}
