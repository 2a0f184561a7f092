import Foundation
import Motion

/// A video prior backed by files: reference motions a user made elsewhere (for example with
/// a real text-to-video model and a visual-MoCap tool), keyed by prompt.
///
/// The folder holds motion files (npz or BVH, anything `MotionFiles` reads) and an
/// `index.json` mapping each prompt to a file name: `{"a person does a cartwheel": "cartwheel.npz"}`.
public struct FilePrior: Sendable {
    public let folder: URL
    public let index: [String: String]

    /// Why a file-backed prior cannot answer.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case missingIndex(String)
        case badIndex(String, reason: String)
        case unknownPrompt(String, folder: String)
        case missingFile(String, prompt: String)

        public var description: String {
            switch self {
            case let .missingIndex(path): return "\(path): not found (a file prior needs index.json mapping prompts to motion files)"
            case let .badIndex(path, reason): return "\(path): \(reason) (expected a JSON object {\"prompt\": \"file.npz\", …})"
            case let .unknownPrompt(prompt, folder): return "no reference motion for \"\(prompt)\" in \(folder)/index.json"
            case let .missingFile(path, prompt): return "\(path): listed for \"\(prompt)\" in index.json but missing"
            }
        }
    }

    public init(folder: URL) throws {
        self.folder = folder
        let indexURL = folder.appendingPathComponent("index.json")
        guard let data = try? Data(contentsOf: indexURL) else { throw Failure.missingIndex(indexURL.path) }
        do { index = try JSONDecoder().decode([String: String].self, from: data) } catch {
            throw Failure.badIndex(indexURL.path, reason: "\(error)")
        }
    }

    /// The prompts this prior has motions for.
    public var prompts: [String] { index.keys.sorted() }

    /// The reference motion for `prompt` (exact, case-insensitive match of the prompt).
    public func motion(for prompt: String) throws -> SMPLMotion {
        let key = index.keys.first { $0.lowercased() == prompt.lowercased() }
        guard let key, let file = index[key] else { throw Failure.unknownPrompt(prompt, folder: folder.path) }
        let url = folder.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Failure.missingFile(url.path, prompt: key) }
        return try MotionFiles.read(url).smpl()
    }
}
