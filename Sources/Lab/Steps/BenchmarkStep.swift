import Foundation
import MBench
import Motion

/// MBench on a set of motions (`mbench(motions, suite:, judge:)`): builds the suite's prompt
/// entries from the motions' own prompts, runs MBench's `Benchmark` and returns per-dimension
/// scores under the official names with the per-prompt detail.
public struct BenchmarkStep {
    /// Which dimensions to score: the seven physical ones, one of the two judge protocols, or all nine.
    public enum Suite: String, CaseIterable, Sendable {
        case quality, consistency, generalization, all

        public var dimensions: [MBenchDimension] {
            switch self {
            case .quality: return MBenchDimension.allCases.filter { !$0.needsJudge }
            case .consistency: return [.motionConditionConsistency]
            case .generalization: return [.motionGeneralizability]
            case .all: return MBenchDimension.allCases
            }
        }
    }

    public var suite: Suite
    public var seed: UInt64

    public init(suite: Suite, seed: UInt64) { self.suite = suite; self.seed = seed }

    /// One entry per (motion, dimension); consistency entries get 9 distractors chosen from the
    /// judge's known captions by MBench's percentile bands of text–text similarity.
    public func entries(prompts: [String], judge: Judge) throws -> [MBenchPrompt] {
        var entries: [MBenchPrompt] = []
        let candidates = judge.knownCaptions
        for (i, prompt) in prompts.enumerated() {
            for dimension in suite.dimensions {
                var distractors: [String] = []
                if dimension == .motionConditionConsistency {
                    let pool = candidates.filter { $0 != prompt }
                    let query = judge.embed(texts: [prompt])[0]
                    let similarities = judge.embed(texts: pool).map { zip($0, query).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
                    distractors = try DistractorSelection.choose(candidates: pool, similarities: similarities, seed: seed &+ UInt64(i))
                }
                entries.append(MBenchPrompt(prompt: prompt, dimension: dimension, id: .number(entries.count),
                                            motionDuration: 100, auxiliaryInfo: distractors))
            }
        }
        return entries
    }

    /// Scores `frames[i]` (raw 276-dim) as the answer to `prompts[i]` on every dimension of the suite.
    public func run(prompts: [String], frames: [FeatureFrames], judge: Judge, poses: PoseQuality) throws -> BenchmarkResult {
        let entries = try entries(prompts: prompts, judge: judge)
        let motions = try frames.map { try BenchmarkMotion(rawFrames: $0) }
        let perEntry = entries.map { entry -> BenchmarkMotion in
            guard case .number(let k) = entry.id else { preconditionFailure("entries are numbered") }
            return motions[k / suite.dimensions.count]
        }
        return try Benchmark(judge: judge, poseQuality: poses).run(prompts: entries, motions: perEntry)
    }

    /// Scores suite entries (e.g. the World's, `WorldSuites`): each entry against the motion
    /// generated for its prompt; a prompt with no motion is an error naming it.
    public static func run(entries: [MBenchPrompt], prompts: [String], frames: [FeatureFrames], judge: Judge,
                           poses: PoseQuality) throws -> BenchmarkResult {
        var byPrompt: [String: BenchmarkMotion] = [:]
        for (prompt, f) in zip(prompts, frames) where byPrompt[prompt] == nil { byPrompt[prompt] = try BenchmarkMotion(rawFrames: f) }
        let motions = try entries.map { entry -> BenchmarkMotion in
            guard let motion = byPrompt[entry.prompt] else {
                throw MBenchError.mismatchedCounts(what: "motions for the suite's prompt \"\(entry.prompt)\" (generate the suite's prompts)",
                                                   got: 0, expected: 1)
            }
            return motion
        }
        return try Benchmark(judge: judge, poseQuality: poses).run(prompts: entries, motions: motions)
    }

    // MARK: The cached step

    public static let kind = "mbench"
    public static let version = "2"  // 2: Pose Quality's bank of clean poses only (the judge sample has degraded copies)
    /// The per-prompt results in the official MBench layout (`MBenchJSON.encodeResults`).
    public static let perPromptName = "per-prompt.json"

    /// A scored suite: the result, and where its per-prompt JSON lives in the cache entry (the
    /// recipes log it as the `mbench` child run's artifact, TABLES-CONTRACT.md).
    public struct Scored: Sendable {
        public var result: BenchmarkResult
        /// `cache/mbench/<hash>/per-prompt.json`.
        public var perPromptFile: URL
        /// The entry's key hash.
        public var key: String
        public var wasCached: Bool

        public init(result: BenchmarkResult, perPromptFile: URL, key: String, wasCached: Bool) {
            self.result = result; self.perPromptFile = perPromptFile; self.key = key; self.wasCached = wasCached
        }
    }

    /// The cache key of scoring `entries` against the motions generated for `prompts` with a
    /// judge and a pose bank (named by their cache keys); the motions are hashed by content,
    /// so the same generated set scores once.
    public static func key(entries: [MBenchPrompt], prompts: [String], frames: [FeatureFrames], judgeKey: String,
                           posesKey: String) throws -> CacheKey {
        var motions = SHA256()
        for (prompt, f) in zip(prompts, frames) {
            motions.update(prompt + "\n")
            f.values.withUnsafeBytes { motions.update($0) }
        }
        let suite = String(SHA256.hex(String(decoding: try MBenchJSON.encodePrompts(entries), as: UTF8.self)).prefix(32))
        return CacheKey(kind: kind, version: version,
                        params: ["suite": suite, "entries": String(entries.count), "motions": String(motions.hexDigest().prefix(32))],
                        inputs: [judgeKey, posesKey])
    }

    /// `run(entries:…)` as a cached step: the entry holds `per-prompt.json` (official layout,
    /// read back on a hit) and `producer.json`.
    public static func run(entries: [MBenchPrompt], prompts: [String], frames: [FeatureFrames], judge: Judge, judgeKey: String,
                           poses: @autoclosure () throws -> PoseQuality, posesKey: String, cache: StepCache,
                           reporting: StepReporting = .silent) throws -> Scored {
        try cached(try key(entries: entries, prompts: prompts, frames: frames, judgeKey: judgeKey, posesKey: posesKey),
                   cache: cache, reporting: reporting) {
            try run(entries: entries, prompts: prompts, frames: frames, judge: judge, poses: try poses())
        }
    }

    /// `run(prompts:frames:…)` (each motion scored against its own prompt on the suite's
    /// dimensions) as a cached step, like the static `run(entries:…cache:)`.
    public func run(prompts: [String], frames: [FeatureFrames], judge: Judge, judgeKey: String,
                    poses: @autoclosure () throws -> PoseQuality, posesKey: String, cache: StepCache,
                    reporting: StepReporting = .silent) throws -> Scored {
        let entries = try entries(prompts: prompts, judge: judge)
        // One motion per entry, in entry order, so the key sees which motion answers which entry.
        let perEntry = entries.indices.map { frames[$0 / suite.dimensions.count] }
        let entryPrompts = entries.map(\.prompt)
        return try Self.cached(try Self.key(entries: entries, prompts: entryPrompts, frames: perEntry, judgeKey: judgeKey, posesKey: posesKey),
                               cache: cache, reporting: reporting) {
            try run(prompts: prompts, frames: frames, judge: judge, poses: try poses())
        }
    }

    /// The key of a pose bank drawn from a curated dataset by `poseQuality(from:seed:)`.
    public static func posesKey(dataset: CuratedDataset, seed: UInt64) -> String { "poses-\(dataset.key)-seed\(seed)" }

    /// Publishes `score()`'s per-prompt results under `key` (or reads them back on a hit).
    static func cached(_ key: CacheKey, cache: StepCache, reporting: StepReporting, score: () throws -> BenchmarkResult) throws -> Scored {
        let entry = try cache.entry(for: key)
        let (folder, wasCached) = try entry.resolve { folder in
            let started = Date()
            let result = try score()
            try MBenchJSON.write(try MBenchJSON.encodeResults(result.perPrompt), to: folder.appendingPathComponent(perPromptName))
            try StepProducer(run: reporting.runID, seconds: Date().timeIntervalSince(started)).write(to: folder)
        }
        let file = folder.appendingPathComponent(perPromptName)
        let data: Data
        do { data = try Data(contentsOf: file) } catch { throw DatasetError(file: file.path, "cannot read (\(error.localizedDescription))") }
        return Scored(result: BenchmarkResult(perPrompt: try MBenchJSON.decodeResults(data, fileName: file.path)),
                      perPromptFile: file, key: entry.hash, wasCached: wasCached)
    }

    /// A pose bank of clean poses from up to `clips` clips of a dataset (evenly spaced).
    public static func poseQuality(from dataset: CuratedDataset, clips: Int = 200, seed: UInt64) throws -> PoseQuality {
        let n = min(clips, dataset.clipCount)
        let positions = (0..<n).map { $0 * dataset.clipCount / max(n, 1) }
        let motions = try dataset.clips(at: positions).map { try FrameEncoding.decode($0.features, .integrated, appendFinalPose: true).smpl }
        return PoseQuality(bank: try PoseBank(motions: motions, seed: seed))
    }
}
