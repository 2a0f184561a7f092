import Autograd
import Foundation
import TextEncoding

/// Cached MiniLM features of a set of unique captions (`features.safetensors` in a
/// `text-features` entry): per caption its token rows, token count and pooled vector.
///
/// Tensors: `token_features` (all captions' token rows stacked, R×d), `token_counts` (N,
/// int64), `pooled` (N×d); metadata `captions` (a JSON array, the row order) and `encoder`.
public struct TextFeatures: Sendable {
    public static let fileName = "features.safetensors"

    public let encoder: String
    public let featureSize: Int
    public let captions: [String]
    private let rowStart: [Int]
    private let tokenCounts: [Int]
    private let tokenRows: [Float]
    private let pooledRows: [Float]
    private let position: [String: Int]

    /// Builds the table from encoder output (`encoded[i]` belongs to `captions[i]`).
    public init(encoder: String, captions: [String], encoded: [EncodedText]) {
        precondition(captions.count == encoded.count, "one EncodedText per caption")
        self.encoder = encoder
        self.captions = captions
        featureSize = encoded.first?.featureSize ?? 0
        tokenCounts = encoded.map(\.tokenCount)
        var start: [Int] = [], offset = 0
        for n in tokenCounts { start.append(offset); offset += n }
        rowStart = start
        tokenRows = encoded.flatMap(\.features)
        pooledRows = encoded.flatMap(\.pooled)
        position = Dictionary(captions.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether `caption` has features here.
    public func contains(_ caption: String) -> Bool { position[caption] != nil }

    /// Token features (`tokens × featureSize`, row-major) and pooled vector of one caption.
    public func features(of caption: String) -> (tokens: ArraySlice<Float>, tokenCount: Int, pooled: ArraySlice<Float>)? {
        guard let i = position[caption] else { return nil }
        let rows = tokenRows[(rowStart[i] * featureSize)..<((rowStart[i] + tokenCounts[i]) * featureSize)]
        return (rows, tokenCounts[i], pooledRows[(i * featureSize)..<((i + 1) * featureSize)])
    }

    /// The same caption's features as an `EncodedText` (token ids are not stored: empty).
    public func encodedText(of caption: String) -> EncodedText? {
        guard let f = features(of: caption) else { return nil }
        return EncodedText(tokenIDs: [], tokenCount: f.tokenCount, featureSize: featureSize, features: Array(f.tokens),
                           pooled: Array(f.pooled), wasTruncated: false)
    }

    public func write(to folder: URL) throws {
        let json = String(decoding: try JSONEncoder().encode(captions), as: UTF8.self)
        try SafeTensorsFile(tensors: [
            "token_features": try NDArray(tokenRows, shape: [tokenRows.count / max(1, featureSize), featureSize]),
            "token_counts": NDArray(tokenCounts.map(Int64.init)),
            "pooled": try NDArray(pooledRows, shape: [captions.count, featureSize]),
        ], metadata: ["captions": json, "encoder": encoder]).write(to: folder.appendingPathComponent(Self.fileName))
    }

    /// Reads `features.safetensors` from an entry folder; errors name the file and key.
    public init(folder: URL) throws {
        let url = folder.appendingPathComponent(Self.fileName)
        let file = try SafeTensorsFile(contentsOf: url)
        guard let json = file.metadata["captions"], let captions = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
            throw DatasetError(file: url.path, "metadata `captions` is missing or not a JSON list of strings")
        }
        let tokens = try file.tensor("token_features"), counts = try file.tensor("token_counts").int64s().map { Int($0) }
        guard tokens.shape.count == 2, counts.count == captions.count, counts.reduce(0, +) == tokens.shape[0] else {
            throw DatasetError(file: url.path, "token_features \(tokens.shape) and token_counts (\(counts.count)) do not fit \(captions.count) captions")
        }
        let rows = try tokens.floats()
        let pooled = try file.tensor("pooled").floats()
        var encoded: [EncodedText] = [], offset = 0
        let d = tokens.shape[1]
        guard pooled.count == captions.count * d else {
            throw DatasetError(file: url.path, "pooled has \(pooled.count) values, expected \(captions.count) × \(d)")
        }
        for (i, n) in counts.enumerated() {
            encoded.append(EncodedText(tokenIDs: [], tokenCount: n, featureSize: d, features: Array(rows[(offset * d)..<((offset + n) * d)]),
                                       pooled: Array(pooled[(i * d)..<((i + 1) * d)]), wasTruncated: false))
            offset += n
        }
        self.init(encoder: file.metadata["encoder"] ?? "", captions: captions, encoded: encoded)
    }
}
