import Foundation

/// A safetensors file: named arrays plus the optional `__metadata__` string map.
///
/// Layout (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of JSON
/// `{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, …}` padded with
/// spaces to a multiple of 8, then the tensors' bytes; offsets are relative to the end of the
/// header. Reading maps the file and validates every field (see `SafeTensorsFile+Decoding`);
/// writing lays tensors out in the reference writer's order, so files are byte-for-byte
/// reproducible (see `SafeTensorsFile+Encoding`).
public struct SafeTensorsFile: Sendable {
    /// The arrays by name.
    public var tensors: [String: NDArray]
    /// The `__metadata__` map (free-form string pairs; empty when the file has none).
    public var metadata: [String: String]
    /// The name used in error messages (the file's last path component when read from disk).
    public var fileName: String

    /// Creates a file's content in memory, for writing.
    public init(tensors: [String: NDArray] = [:], metadata: [String: String] = [:],
                fileName: String = "<safetensors>") {
        self.tensors = tensors
        self.metadata = metadata
        self.fileName = fileName
    }

    /// The tensor names, sorted.
    public var names: [String] { tensors.keys.sorted() }

    /// The tensor called `name`; throws naming the file (and close matches) when it is missing.
    public func tensor(_ name: String) throws -> NDArray {
        if let array = tensors[name] { return array }
        throw ArrayFileError(file: fileName, field: "tensor '\(name)'",
                             problem: MissingKey.problem(for: name, among: Array(tensors.keys), noun: "tensor"))
    }
}

/// Builds the message for a name that is not in a file, suggesting the closest names.
enum MissingKey {
    static func problem(for name: String, among keys: [String], noun: String) -> String {
        guard !keys.isEmpty else { return "not found (the file holds no \(noun)s)" }
        let suggestions = keys
            .map { (key: $0, distance: editDistance($0, name)) }
            .sorted { ($0.distance, $0.key) < ($1.distance, $1.key) }
            .prefix(3)
            .map { "'\($0.key)'" }
        return "not found among \(keys.count) \(noun)s; closest: \(suggestions.joined(separator: ", "))"
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
