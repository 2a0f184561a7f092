import Foundation

/// What identifies a step's result (ARCHITECTURE §9): its kind, a per-step version string (bumped
/// when the step's code changes its results — not the git commit), the parameters that change
/// results, and the keys of its inputs (in order: inputs are positional).
public struct CacheKey: Codable, Equatable, Sendable {
    public var kind: String
    public var version: String
    public var params: [String: String]
    public var inputs: [String]

    public init(kind: String, version: String, params: [String: String] = [:], inputs: [String] = []) {
        self.kind = kind
        self.version = version
        self.params = params
        self.inputs = inputs
    }

    /// The canonical text that is hashed; JSON string escaping keeps `=` and newlines in
    /// values from colliding with the layout.
    public var canonicalText: String {
        func quoted(_ text: String) -> String {
            let data = (try? JSONEncoder().encode(text)) ?? Data(text.utf8)
            return String(decoding: data, as: UTF8.self)
        }
        var lines = ["mogenlab-step-cache/1", "kind \(quoted(kind))", "version \(quoted(version))"]
        for key in params.keys.sorted() { lines.append("param \(quoted(key)) \(quoted(params[key]!))") }
        for input in inputs { lines.append("input \(quoted(input))") }
        return lines.joined(separator: "\n")
    }

    /// 32 hex digits (128 bits of SHA-256): the entry's folder name, and what later steps pass as an input key.
    public var hash: String { String(SHA256.hex(canonicalText).prefix(32)) }

    static func validate(kind: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard let first = kind.first, first.isLetter || first.isNumber, kind.allSatisfy(allowed.contains) else {
            throw CacheError.invalidKind(kind)
        }
    }
}
