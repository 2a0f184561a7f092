import Foundation

/// Step-cache failures, each naming the entry or folder involved.
public enum CacheError: Error, CustomStringConvertible, Equatable {
    /// A kind must be a plain folder name: lowercase letters, digits, `.`, `_`, `-`.
    case invalidKind(String)
    /// The step's own writer failed; nothing was published.
    case writeFailed(kind: String, key: String, reason: String)
    /// A file-system operation on the cache failed.
    case fileSystem(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidKind(kind):
            return "invalid cache kind '\(kind)': use lowercase letters, digits, '.', '_' or '-' (e.g. 'curate')"
        case let .writeFailed(kind, key, reason):
            return "step \(kind)/\(key) failed, nothing was cached: \(reason)"
        case let .fileSystem(path, reason):
            return "cache \(path): \(reason)"
        }
    }
}

extension CacheError: LocalizedError {
    public var errorDescription: String? { description }
}
