import Foundation
import Autograd

/// The weights of one BERT layer, as loaded from the checkpoint. Query, key and value are
/// stacked into one `[3·d, d]` matrix so that a single GEMM projects all three.
struct MiniLMLayerWeights {
    let qkvWeight: Tensor, qkvBias: Tensor          // [3d, d], [3d]
    let attentionOutWeight: Tensor, attentionOutBias: Tensor   // [d, d], [d]
    let attentionNormWeight: Tensor, attentionNormBias: Tensor
    let intermediateWeight: Tensor, intermediateBias: Tensor   // [ff, d], [ff]
    let outputWeight: Tensor, outputBias: Tensor   // [d, ff], [d]
    let outputNormWeight: Tensor, outputNormBias: Tensor
}

/// All weights of the encoder (the pooler is unused by sentence-transformers and not loaded).
struct MiniLMWeights {
    let wordEmbeddings: Tensor        // [vocabulary, d]
    /// Position embeddings with the token-type-0 row already added (every token has type 0).
    let positionEmbeddings: Tensor    // [positions, d]
    let embeddingNormWeight: Tensor, embeddingNormBias: Tensor
    let layers: [MiniLMLayerWeights]

    /// Reads `model.safetensors`; names have no `bert.` prefix, Linear weights are [out, in].
    init(file url: URL, config: MiniLMConfig) throws {
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(contentsOf: url) } catch {
            throw TextEncodingError.unreadableFile(path: url.path, reason: "\(error)")
        }
        let d = config.hiddenSize, ff = config.intermediateSize
        func load(_ name: String, _ shape: [Int]) throws -> [Float] {
            guard let array = file.tensors[name] else {
                throw TextEncodingError.missingWeight(file: url.path, name: name)
            }
            guard array.shape == shape else {
                throw TextEncodingError.weightShape(file: url.path, name: name, expected: shape, found: array.shape)
            }
            do { return try array.floats() } catch {
                throw TextEncodingError.unreadableFile(path: url.path, reason: "tensor '\(name)': \(error)")
            }
        }
        func tensor(_ name: String, _ shape: [Int]) throws -> Tensor {
            Tensor(try load(name, shape), shape: shape)
        }

        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [config.vocabularySize, d])
        var positions = try load("embeddings.position_embeddings.weight", [config.maxPositions, d])
        let typeZero = try load("embeddings.token_type_embeddings.weight", [2, d])
        for row in 0..<config.maxPositions {
            for j in 0..<d { positions[row * d + j] += typeZero[j] }
        }
        positionEmbeddings = Tensor(positions, shape: [config.maxPositions, d])
        embeddingNormWeight = try tensor("embeddings.LayerNorm.weight", [d])
        embeddingNormBias = try tensor("embeddings.LayerNorm.bias", [d])

        layers = try (0..<config.layerCount).map { index in
            let p = "encoder.layer.\(index)."
            let qkv = try ["query", "key", "value"].flatMap { try load(p + "attention.self.\($0).weight", [d, d]) }
            let qkvBias = try ["query", "key", "value"].flatMap { try load(p + "attention.self.\($0).bias", [d]) }
            return MiniLMLayerWeights(
                qkvWeight: Tensor(qkv, shape: [3 * d, d]), qkvBias: Tensor(qkvBias, shape: [3 * d]),
                attentionOutWeight: try tensor(p + "attention.output.dense.weight", [d, d]),
                attentionOutBias: try tensor(p + "attention.output.dense.bias", [d]),
                attentionNormWeight: try tensor(p + "attention.output.LayerNorm.weight", [d]),
                attentionNormBias: try tensor(p + "attention.output.LayerNorm.bias", [d]),
                intermediateWeight: try tensor(p + "intermediate.dense.weight", [ff, d]),
                intermediateBias: try tensor(p + "intermediate.dense.bias", [ff]),
                outputWeight: try tensor(p + "output.dense.weight", [d, ff]),
                outputBias: try tensor(p + "output.dense.bias", [d]),
                outputNormWeight: try tensor(p + "output.LayerNorm.weight", [d]),
                outputNormBias: try tensor(p + "output.LayerNorm.bias", [d]))
        }
    }
}
