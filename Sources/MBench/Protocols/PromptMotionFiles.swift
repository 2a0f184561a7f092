import Foundation
import Motion

/// Finds and imports the motion answering each prompt in a folder of motion files made
/// elsewhere (`runner mbench run --motions DIR`).
///
/// For a prompt with dimension `D` and id `I`, the first existing file among `D_I.<ext>`
/// and `I.<ext>` is read, for every extension `MotionFiles` reads (.bvh, .npz, .npy,
/// .safetensors). Motions are resampled to 20 fps, MBench's rate.
public enum PromptMotionFiles {
    /// The candidate file names (without folder) for `prompt`, in lookup order.
    public static func candidateNames(for prompt: MBenchPrompt) -> [String] {
        ["\(prompt.dimension.rawValue)_\(prompt.id)", "\(prompt.id)"].flatMap { stem in
            MotionFiles.readable.map { "\(stem).\($0)" }
        }
    }

    /// One motion per prompt, in prompt order. Throws naming the prompt and the names tried
    /// when a file is missing, or the file when it cannot be read.
    public static func motions(for prompts: [MBenchPrompt], in folder: URL) throws -> [BenchmarkMotion] {
        try prompts.map { prompt in
            let names = candidateNames(for: prompt)
            guard let url = names.lazy.map({ folder.appendingPathComponent($0) })
                .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw MBenchFormatError(file: folder.path, key: "\(prompt.dimension.rawValue) id \(prompt.id)",
                                        problem: "no motion file for this prompt; expected one of \(names.prefix(2).joined(separator: ", ")), … (any of .\(MotionFiles.readable.joined(separator: ", .")))")
            }
            let imported = try MotionFiles.read(url)
            let smpl = try imported.smpl()
            return try BenchmarkMotion(smpl: abs(smpl.fps - 20) < 1e-6 ? smpl : Resampling.resample(smpl, to: 20))
        }
    }
}
