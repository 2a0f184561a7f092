import Foundation

/// The sizes of a BERT encoder such as all-MiniLM-L6-v2 (6 layers, hidden 384, 12 heads,
/// FFN 1536, GELU-erf, LayerNorm eps 1e-12) and sentence-transformers' sequence limit.
public struct MiniLMConfig: Sendable, Equatable {
    /// Vocabulary size (rows of the word embedding).
    public var vocabularySize = 30_522
    /// Width of every token feature.
    public var hiddenSize = 384
    /// Number of transformer layers.
    public var layerCount = 6
    /// Attention heads per layer.
    public var headCount = 12
    /// Width of the feed-forward layer.
    public var intermediateSize = 1536
    /// Rows of the position embedding.
    public var maxPositions = 512
    /// LayerNorm epsilon.
    public var layerNormEpsilon: Float = 1e-12
    /// Longest input in tokens, `[CLS]` and `[SEP]` included (sentence-transformers' max_seq_length).
    public var maxSequenceLength = 256

    /// Width of one attention head.
    public var headSize: Int { hiddenSize / headCount }

    /// The all-MiniLM-L6-v2 sizes.
    public init() {}

    /// Reads `config.json` and, when present, `sentence_bert_config.json` of a model folder;
    /// missing fields keep the MiniLM defaults.
    public init(files: MiniLMFiles) throws {
        self.init()
        let fm = FileManager.default
        if fm.fileExists(atPath: files.modelConfig.path) {
            let json = try Self.readObject(files.modelConfig)
            let path = files.modelConfig.path
            if let act = json["hidden_act"] as? String, act != "gelu" {
                throw TextEncodingError.invalidConfig(file: path, field: "hidden_act",
                                                      reason: "is '\(act)'; only 'gelu' (erf) is implemented")
            }
            vocabularySize = try Self.int(json, "vocab_size", path) ?? vocabularySize
            hiddenSize = try Self.int(json, "hidden_size", path) ?? hiddenSize
            layerCount = try Self.int(json, "num_hidden_layers", path) ?? layerCount
            headCount = try Self.int(json, "num_attention_heads", path) ?? headCount
            intermediateSize = try Self.int(json, "intermediate_size", path) ?? intermediateSize
            maxPositions = try Self.int(json, "max_position_embeddings", path) ?? maxPositions
            if let eps = json["layer_norm_eps"] as? Double { layerNormEpsilon = Float(eps) }
            guard hiddenSize % headCount == 0 else {
                throw TextEncodingError.invalidConfig(file: path, field: "num_attention_heads",
                                                      reason: "(\(headCount)) does not divide hidden_size (\(hiddenSize))")
            }
        }
        if fm.fileExists(atPath: files.sentenceConfig.path) {
            let path = files.sentenceConfig.path
            maxSequenceLength = try Self.int(try Self.readObject(files.sentenceConfig), "max_seq_length", path)
                ?? maxSequenceLength
        }
        guard maxSequenceLength >= 2, maxSequenceLength <= maxPositions else {
            throw TextEncodingError.invalidConfig(file: files.sentenceConfig.path, field: "max_seq_length",
                                                  reason: "must be between 2 and max_position_embeddings (\(maxPositions))")
        }
    }

    private static func readObject(_ url: URL) throws -> [String: Any] {
        do {
            let data = try Data(contentsOf: url)
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw TextEncodingError.unreadableFile(path: url.path, reason: "not a JSON object")
            }
            return object
        } catch let error as TextEncodingError {
            throw error
        } catch {
            throw TextEncodingError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
    }

    private static func int(_ json: [String: Any], _ key: String, _ path: String) throws -> Int? {
        guard let value = json[key] else { return nil }
        guard let number = value as? Int, number > 0 else {
            throw TextEncodingError.invalidConfig(file: path, field: key, reason: "must be a positive integer")
        }
        return number
    }
}
