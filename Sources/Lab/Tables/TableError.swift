import Foundation

/// What can go wrong regenerating a table; every message names the file, the field or the
/// table, and says what to do.
public enum TableError: Error, CustomStringConvertible, Equatable {
    /// A spec file is missing, unreadable or not JSON.
    case unreadableSpec(file: String, reason: String)
    /// A spec file has a bad or missing field (`field` is a path such as `rows[2].paper.Jitter_Degree`).
    case invalidSpec(file: String, field: String, problem: String)
    /// No spec file of that name.
    case unknownTable(name: String, folder: String, known: [String], suggestion: String?)
    /// The tracker holds no finished run for the table (at the preset, when one was asked for).
    case noRuns(table: String, recipe: String, step: String, preset: String?, presetsSeen: [String])
    /// A per-prompt artifact could not be read.
    case unreadableArtifact(run: String, path: String, reason: String)
    /// A table or chart file could not be written.
    case cannotWrite(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableSpec(file, reason):
            return "\(file): \(reason)"
        case let .invalidSpec(file, field, problem):
            return "\(file): field '\(field)': \(problem)"
        case let .unknownTable(name, folder, known, suggestion):
            let hint = suggestion.map { "did you mean '\($0)'? " } ?? ""
            return "no table '\(name)' in \(folder); \(hint)(known: \(known.joined(separator: ", ")))"
        case let .noRuns(table, recipe, step, preset, seen):
            var text = "\(table): no finished '\(step)' runs tagged table=\(table)"
            if let preset { text += " at preset '\(preset)'" }
            text += " in the tracker; run `runner recipe \(recipe)" + (preset.map { " --set size=\($0)" } ?? "") + "` to fill it"
            if preset != nil, !seen.isEmpty { text += " (runs exist at: \(seen.joined(separator: ", ")))" }
            return text
        case let .unreadableArtifact(run, path, reason):
            return "run \(run): per-prompt artifact \(path): \(reason)"
        case let .cannotWrite(file, reason):
            return "cannot write \(file): \(reason)"
        }
    }
}

extension TableError: LocalizedError {
    public var errorDescription: String? { description }
}
