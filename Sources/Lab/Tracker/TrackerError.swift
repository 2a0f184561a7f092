import Foundation

/// What can go wrong with the tracker; every message names the tracker file or the run and key.
public enum TrackerError: Error, CustomStringConvertible, Equatable {
    /// The file exists but is not an SQLite database (or is damaged); it is left untouched.
    case notATracker(path: String, reason: String)
    /// The file is an SQLite database, but not one this tracker made.
    case foreignDatabase(path: String, tables: [String])
    /// The file was migrated by a newer MoGenLab than this one.
    case newerSchema(path: String, knownVersions: [String])
    /// The path names a folder, or its folder cannot be created.
    case unusablePath(path: String, reason: String)
    /// No run matches an id, uuid prefix or name.
    case unknownRun(query: String, path: String, suggestion: String?)
    /// A uuid prefix or name matches several runs.
    case ambiguousRun(query: String, matches: [String])
    /// A param was logged again with a different value (params are immutable).
    case paramChanged(run: String, key: String, logged: String, attempted: String)
    /// A name (experiment, run, key) is empty or holds control characters.
    case invalidName(kind: String, value: String)
    /// Any other SQLite failure, with the file it happened on.
    case database(path: String, message: String)

    public var description: String {
        switch self {
        case let .notATracker(path, reason):
            return "\(path) is not a MoGenLab tracker (\(reason)); it was left untouched. "
                + "Move it aside, or point --tracker / MOGENLAB_TRACKER at another file."
        case let .foreignDatabase(path, tables):
            return "\(path) is an SQLite database of something else (tables: \(tables.joined(separator: ", "))); "
                + "it was left untouched. Point --tracker / MOGENLAB_TRACKER at another file."
        case let .newerSchema(path, known):
            return "\(path) was written by a newer MoGenLab (this one knows schema versions up to "
                + "\(known.last ?? "none")); update MoGenLab to read it."
        case let .unusablePath(path, reason):
            return "cannot use \(path) as the tracker: \(reason)"
        case let .unknownRun(query, path, suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? " (`runner runs list` shows the runs)"
            return "no run '\(query)' in \(path)\(hint)"
        case let .ambiguousRun(query, matches):
            return "'\(query)' matches several runs (\(matches.joined(separator: ", "))); give more of the id"
        case let .paramChanged(run, key, logged, attempted):
            return "param '\(key)' of run \(run) is already '\(logged)'; params are immutable, so it cannot become "
                + "'\(attempted)' (log it under another key or start a new run)"
        case let .invalidName(kind, value):
            return "invalid \(kind) name '\(value)': it must be non-empty and free of control characters"
        case let .database(path, message):
            return "tracker \(path): \(message)"
        }
    }
}

extension TrackerError: LocalizedError {
    public var errorDescription: String? { description }
}
