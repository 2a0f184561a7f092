import Foundation

/// World sizes as the project's one source of truth sets them: `world_clips` of a preset's
/// section in `Experiments/presets.toml` (found from this file's path, so no shared folder).
enum WorldPresetSizes {
    static var presetsFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Experiments/presets.toml")
    }

    struct Missing: Error, CustomStringConvertible {
        let preset: String
        var description: String { "\(WorldPresetSizes.presetsFile.path): no world_clips in [\(preset)]" }
    }

    /// `world_clips` of `[preset]`.
    static func clips(_ preset: String) throws -> Int {
        var section = ""
        for line in try String(contentsOf: presetsFile, encoding: .utf8).split(separator: "\n") {
            let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("[") { section = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")); continue }
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if section == preset, parts.count == 2, parts[0] == "world_clips", let n = Int(parts[1].replacingOccurrences(of: "_", with: "")) { return n }
        }
        throw Missing(preset: preset)
    }
}
