import Foundation
import Lab
import MBench

/// Which MBench prompts `runner mbench --run|--motions` evaluates: one of the project's suites
/// (`Experiments/mbench/`, by name) or an MBench JSON file (the official 450-prompt list drops in).
struct MBenchSuiteChoice {
    /// The suite names and the files under `Experiments/mbench/` they read (`WorldSuites.files`).
    static let names = ["all"] + WorldSuites.files.keys.sorted()

    /// The name tables and tracker tags use: the suite name, or the file's stem.
    let name: String
    /// The file(s) the entries come from.
    let files: [URL]
    /// The entries, `perDimension` prompt ids per dimension when limited.
    let entries: [MBenchPrompt]

    /// `argument` is a suite name or a path to an MBench JSON file. Named suites are cut to the
    /// first `perDimension` prompt ids of each dimension (the preset's `prompts_per_dimension`,
    /// as the recipes' `suite(world)` does); a file is taken whole unless `perDimension` is given.
    init(_ argument: String, perDimension: Int?, presetPerDimension: Int,
         suitesFolder: URL = Presets.defaultFile.deletingLastPathComponent().appendingPathComponent("mbench")) throws {
        let limit: Int?
        if Self.names.contains(argument) {
            name = argument
            let parts = argument == "all" ? ["temporal", "frame", "consistency", "generalization"] : [argument]
            files = parts.map { suitesFolder.appendingPathComponent(WorldSuites.files[$0]!) }
            limit = perDimension ?? presetPerDimension
        } else {
            let url = URL(fileURLWithPath: argument)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw RunnerError("--suite \(argument): neither a suite name (\(Self.names.joined(separator: ", "))) nor an existing MBench JSON file"
                    + (NearestName.suggest(for: argument, among: Self.names).map { " — did you mean \($0)?" } ?? ""))
            }
            name = url.deletingPathExtension().lastPathComponent
            files = [url]
            limit = perDimension
        }
        if let limit, limit < 1 { throw RunnerError("--per-dimension must be at least 1, got \(limit)") }
        var entries: [MBenchPrompt] = []
        for file in files {
            var kept: [MBenchDimension: Set<MBenchPromptID>] = [:]
            for entry in try MBenchJSON.readPrompts(from: file) {
                var ids = kept[entry.dimension, default: []]
                if let limit, !ids.contains(entry.id), ids.count >= limit { continue }
                ids.insert(entry.id); kept[entry.dimension] = ids
                entries.append(entry)
            }
        }
        guard !entries.isEmpty else { throw RunnerError("--suite \(argument): no prompts in \(files.map(\.path).joined(separator: ", "))") }
        self.entries = entries
    }

    /// The distinct prompt texts in first-seen order (what the model generates).
    var prompts: [String] {
        var seen = Set<String>()
        return entries.map(\.prompt).filter { seen.insert($0).inserted }
    }
}
