import Foundation
import MBench
import Motion
import MotionWorld
import TextEncoding
import ViMoGen

/// The `generate` step: one motion per prompt from a trained checkpoint with ViMoGen's
/// `MotionGenerator`, cached as `cache/generate/<hash>/motions.safetensors` (a
/// `CuratedClipsFile` whose clip ids are the prompts) plus `generated.json` (branch per prompt).
public struct GenerateStep: Sendable {
    public static let kind = "generate"
    // 3: foot-contact cleanup of sampled motions; the prior's references smoothed as visual MoCap is.
    // 4: the cleanup also pins each planted foot (capped at 10 cm).
    public static let version = "5"  // 5: channel fusion and the grounded foot cleanup
    public static let motionsName = "motions.safetensors"

    public var prompts: [String]
    public var mode: GenerationMode
    public var eulerSteps: Int
    public var seed: UInt64
    /// Identity of the reference provider (the video prior) and of the gate's judge, when used.
    public var priorKey: String?
    public var gateKey: String?

    public init(prompts: [String], mode: GenerationMode, eulerSteps: Int, seed: UInt64, priorKey: String? = nil, gateKey: String? = nil) {
        self.prompts = prompts; self.mode = mode; self.eulerSteps = eulerSteps; self.seed = seed
        self.priorKey = priorKey; self.gateKey = gateKey
    }

    public func key(model: String) -> CacheKey {
        var params = ["mode": mode.rawValue, "euler_steps": String(eulerSteps), "seed": String(seed),
                      "prompts": String(SHA256.hex(prompts.joined(separator: "\n")).prefix(16)), "count": String(prompts.count)]
        if mode != .t2m, let priorKey { params["prior"] = priorKey }
        if mode == .adaptive, let gateKey { params["gate"] = gateKey }
        return CacheKey(kind: Self.kind, version: Self.version, params: params, inputs: [model])
    }

    /// What `generated.json` holds.
    public struct Record: Codable, Sendable {
        public var prompts: [String]
        /// "text", "motion", or nil for the raw reference (`video` mode).
        public var branches: [String?]
    }

    /// The generated motions (denormalised features, in prompt order), from the cache or made now.
    /// `prior` gives the references of `m2m`, `adaptive` and `video`; `gate` is the judge whose
    /// alignment check decides `adaptive`.
    public func run(checkpoint: URL, modelKey: String, textEncoder: () throws -> any TextEncoder, cache: StepCache,
                    prior: VideoPrior? = nil, gate: Judge? = nil,
                    reporting: StepReporting = .silent) throws -> (motions: [FeatureFrames], record: Record, wasCached: Bool) {
        guard !prompts.isEmpty else { throw ViMoGenError.invalidSetting(field: "prompts", reason: "no prompts to generate from") }
        if mode != .t2m && prior == nil {
            throw ViMoGenError.invalidSetting(field: "mode", reason: "mode \(mode.rawValue) needs a reference provider (the World's video prior)")
        }
        if mode == .adaptive && gate == nil {
            throw ViMoGenError.invalidSetting(field: "gate", reason: "adaptive mode needs a gate (a judge's alignment check)")
        }
        let entry = try cache.entry(for: key(model: modelKey))
        let (folder, wasCached) = try entry.resolve { folder in
            let started = Date()
            let generator = try Self.generator(checkpoint: checkpoint, textEncoder: try textEncoder(), eulerSteps: eulerSteps,
                                               prior: mode == .t2m ? nil : prior, gate: mode == .adaptive ? gate : nil)
            let bar = reporting.bar("generate", total: prompts.count, unit: "prompts")
            var generated: [GeneratedMotion] = []
            // Batches of 8 keep memory flat and the bar moving; sample i's noise still comes from seed + i.
            for start in stride(from: 0, to: prompts.count, by: 8) {
                let batch = Array(prompts[start..<min(start + 8, prompts.count)])
                generated += try generator.generate(batch, mode: mode, seed: seed + UInt64(start))
                bar?.progress(completed: generated.count, total: prompts.count)
            }
            bar?.finish()
            try Self.store(generated, prompts: prompts, statistics: generator.statistics, source: "generate \(mode.rawValue)",
                      in: folder, started: started, reporting: reporting)
        }
        let (motions, record) = try Self.load(folder)
        return (motions, record, wasCached)
    }

    /// Writes generated motions into a step folder (clips, the prompt/branch record, who made
    /// it) and logs the counts; shared by this step and the gated-pair step.
    static func store(_ generated: [GeneratedMotion], prompts: [String], statistics: FeatureStatistics, source: String,
                      in folder: URL, started: Date, reporting: StepReporting) throws {
        try CuratedClipsFile(clips: generated.map { CuratedClipsFile.Clip(id: $0.prompt, start: 0, features: $0.features) },
                             statistics: statistics, source: source)
            .write(to: folder.appendingPathComponent(motionsName))
        let record = Record(prompts: prompts, branches: generated.map { $0.branch?.rawValue })
        try JSONEncoder().encode(record).write(to: folder.appendingPathComponent("generated.json"))
        let seconds = Date().timeIntervalSince(started)
        try StepProducer(run: reporting.runID, seconds: seconds).write(to: folder)
        try reporting.metrics?.record(["prompts": Double(prompts.count), "seconds": seconds,
                                       "t2m": Double(generated.filter { $0.branch == .text }.count),
                                       "m2m": Double(generated.filter { $0.branch == .motion }.count)], step: 0)
    }

    /// A generator over a checkpoint's EMA weights, denormalising with the statistics stored in
    /// it; references (ViMoGen's `VideoPriorReferences`) are normalised with the same statistics.
    static func generator(checkpoint: URL, textEncoder: any TextEncoder, eulerSteps: Int,
                          prior: VideoPrior?, gate: Judge?) throws -> MotionGenerator {
        let (model, header) = try ViMoGenCheckpoint.loadModel(from: checkpoint)
        guard let statistics = header.statistics else {
            throw ViMoGenError.checkpoint(file: checkpoint.path, field: "statistics", reason: "missing; cannot denormalise generated motions")
        }
        return MotionGenerator(model: model, statistics: statistics, textEncoder: textEncoder, sampler: SamplerSettings(steps: eulerSteps),
                               references: prior.map { VideoPriorReferences(prior: $0, statistics: statistics) },
                               gate: gate.map { AdaptiveGate(alignment: JudgeAlignmentCheck(judge: $0, referenceStatistics: statistics)) })
    }

    /// The motions and record of a published entry.
    public static func load(_ folder: URL) throws -> ([FeatureFrames], Record) {
        let file = try CuratedClipsFile(contentsOf: folder.appendingPathComponent(motionsName))
        let url = folder.appendingPathComponent("generated.json")
        let record: Record
        do { record = try JSONDecoder().decode(Record.self, from: Data(contentsOf: url)) } catch {
            throw DatasetError(file: url.path, "cannot read (\(error))")
        }
        return (file.clips.map(\.features), record)
    }
}
