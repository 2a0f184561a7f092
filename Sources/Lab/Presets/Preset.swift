import Foundation

/// One named size of the whole study (`smoke`, `small`, `large` in `Experiments/presets.toml`).
///
/// To add a key: add a property here and one line to `Preset.fields`, then give it a value in
/// every section of `presets.toml` (a missing key is an error naming the section and key).
public struct Preset: Codable, Equatable, Sendable {
    public var name: String
    /// Clips the World generates (before the train / test split).
    public var worldClips: Int
    public var modelWidth: Int
    public var modelDepth: Int
    public var modelHeads: Int
    /// Self-attention blocks of the M2M reference-motion encoder.
    public var referenceEncoderDepth: Int
    public var trainingSteps: Int
    public var batchSize: Int
    public var learningRate: Double
    /// Training steps of the MBench judge (the text–motion retrieval model).
    public var judgeSteps: Int
    /// Prompts evaluated per MBench dimension.
    public var promptsPerDimension: Int
    /// Euler steps of the sampler during evaluation.
    public var eulerSteps: Int
    /// Seeds of repeated runs (a 95 % interval needs more than one).
    public var seeds: [Int]
    /// Target decay of the weights' EMA (generation uses the EMA weights). It ramps up as
    /// `min(ema_decay, (1 + step)/(10 + step))` (ViMoGen's `EMAWarmup`), so a short run's
    /// average never holds the random initialisation.
    public var emaDecay: Double = 0.999
    /// Linear learning-rate warm-up steps (at most a tenth of `training_steps` is used).
    public var warmupSteps: Int = 50
    /// Probability of training a T2M sample with the null caption (what CFG guides against).
    public var textDropout: Double = 0.1

    /// The TOML key of each property, its type, and what it means (for messages and docs).
    public static let fields: [PresetField] = [
        PresetField("world_clips", .int(\.worldClips), "clips the World generates"),
        PresetField("model_width", .int(\.modelWidth), "transformer width d"),
        PresetField("model_depth", .int(\.modelDepth), "DiT blocks"),
        PresetField("model_heads", .int(\.modelHeads), "attention heads (must divide model_width)"),
        PresetField("reference_encoder_depth", .int(\.referenceEncoderDepth), "reference-encoder blocks"),
        PresetField("training_steps", .int(\.trainingSteps), "optimiser steps of one training run"),
        PresetField("batch_size", .int(\.batchSize), "clips per training batch"),
        PresetField("learning_rate", .double(\.learningRate), "AdamW learning rate after warm-up"),
        PresetField("judge_steps", .int(\.judgeSteps), "training steps of the MBench judge"),
        PresetField("prompts_per_dimension", .int(\.promptsPerDimension), "MBench prompts per dimension"),
        PresetField("euler_steps", .int(\.eulerSteps), "sampler steps in evaluation"),
        PresetField("seeds", .ints(\.seeds), "seeds of repeated runs"),
        // Training keys added after the first presets: a section that omits one gets the
        // default above (ARCHITECTURE §5's values), so older preset files still load.
        PresetField("ema_decay", .double(\.emaDecay), "target EMA decay of the weights, in (0, 1)", optional: true),
        PresetField("warmup_steps", .int(\.warmupSteps), "learning-rate warm-up steps", optional: true),
        PresetField("text_dropout", .double(\.textDropout), "probability of the null caption in T2M training, in (0, 1)", optional: true),
    ]

    /// All keys as strings, e.g. to log them as a run's params.
    public var params: [String: String] {
        Dictionary(uniqueKeysWithValues: Preset.fields.map { ($0.key, $0.text(of: self)) })
    }

    /// A copy with `key` set from text (`--set model_width=64`, `--set seeds=0,1,2`).
    /// - Throws: `PresetError` naming the key (with the nearest valid key for a typo) or the bad value.
    public func setting(_ key: String, to text: String) throws -> Preset {
        guard let field = Preset.fields.first(where: { $0.key == key }) else {
            throw PresetError.unknownKey(key: key, section: name, file: nil, line: nil,
                                         suggestion: NearestName.suggest(for: key, among: Preset.fields.map(\.key)))
        }
        var copy = self
        try field.set(&copy, fromText: text, section: name)
        try copy.validate(file: nil)
        return copy
    }

    /// Checks the relations between keys.
    func validate(file: String?) throws {
        for field in Preset.fields {
            if let problem = field.problem(in: self) {
                throw PresetError.badValue(key: field.key, section: name, file: file, reason: problem)
            }
        }
        if emaDecay >= 1 { throw PresetError.badValue(key: "ema_decay", section: name, file: file, reason: "must be below 1, got \(emaDecay)") }
        if textDropout >= 1 { throw PresetError.badValue(key: "text_dropout", section: name, file: file, reason: "must be below 1, got \(textDropout)") }
        if modelWidth % modelHeads != 0 {
            throw PresetError.badValue(key: "model_heads", section: name, file: file,
                                       reason: "\(modelHeads) does not divide model_width \(modelWidth)")
        }
    }

    /// A preset with every number zero, to be filled field by field.
    static func blank(named name: String) -> Preset {
        Preset(name: name, worldClips: 0, modelWidth: 0, modelDepth: 0, modelHeads: 0, referenceEncoderDepth: 0,
               trainingSteps: 0, batchSize: 0, learningRate: 0, judgeSteps: 0, promptsPerDimension: 0,
               eulerSteps: 0, seeds: [])
    }
}

/// One key of a preset: its TOML name, typed place in `Preset`, and meaning.
public struct PresetField: Sendable {
    /// Where the value goes, by type.
    public enum Slot: Sendable {
        case int(WritableKeyPath<Preset, Int> & Sendable)
        case double(WritableKeyPath<Preset, Double> & Sendable)
        case ints(WritableKeyPath<Preset, [Int]> & Sendable)
    }

    public let key: String
    public let slot: Slot
    public let meaning: String
    /// A section may omit the key; the property's default value then stands.
    public let optional: Bool

    init(_ key: String, _ slot: Slot, _ meaning: String, optional: Bool = false) {
        self.key = key
        self.slot = slot
        self.meaning = meaning
        self.optional = optional
    }

    var typeName: String {
        switch slot {
        case .int: return "a positive integer"
        case .double: return "a positive number"
        case .ints: return "a non-empty list of integers"
        }
    }

    func text(of preset: Preset) -> String {
        switch slot {
        case let .int(path): return String(preset[keyPath: path])
        case let .double(path): return String(preset[keyPath: path])
        case let .ints(path): return preset[keyPath: path].map(String.init).joined(separator: ",")
        }
    }

    func set(_ preset: inout Preset, fromText text: String, section: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bad = PresetError.badValue(key: key, section: section, file: nil, reason: "'\(text)' is not \(typeName)")
        switch slot {
        case let .int(path):
            guard let value = Int(trimmed) else { throw bad }
            preset[keyPath: path] = value
        case let .double(path):
            guard let value = Double(trimmed) else { throw bad }
            preset[keyPath: path] = value
        case let .ints(path):
            let inner = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            let values = inner.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.contains(where: { $0 == nil }) else { throw bad }
            preset[keyPath: path] = values.map { $0! }
        }
    }

    /// Why the current value is out of range, or nil.
    func problem(in preset: Preset) -> String? {
        switch slot {
        case let .int(path): return preset[keyPath: path] > 0 ? nil : "must be \(typeName), got \(preset[keyPath: path])"
        case let .double(path):
            let value = preset[keyPath: path]
            return value > 0 && value.isFinite ? nil : "must be \(typeName), got \(value)"
        case let .ints(path): return preset[keyPath: path].isEmpty ? "must be \(typeName)" : nil
        }
    }
}
