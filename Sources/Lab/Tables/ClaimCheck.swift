import Autograd
import Foundation

/// Checks a table's claims: for every comparison, a seeded bootstrap of the difference in the
/// claimed direction, resampling seeds and, within each drawn seed, prompts (paired across
/// rows when they share seeds and prompts). Reproduced when the 95 % percentile interval lies
/// above zero, not reproduced when below, inconclusive when it contains zero.
struct ClaimCheck {
    var resamples: Int
    var seed: UInt64

    func check(spec: TableSpec, rows: [RowResult], samples: PromptSamples) -> [ClaimResult] {
        spec.claims.enumerated().map { k, claim in
            let comparisons = claim.comparisons.enumerated().map { c, comparison in
                compare(comparison, sign: spec.column(comparison.metric)!.sign, rows: rows, samples: samples,
                        rng: RandomGenerator(seed: SeedMixing.seed(seed, index: k, stream: UInt64(c))))
            }
            return ClaimResult(id: claim.id, text: claim.text, verdict: Self.combine(comparisons.map(\.verdict)),
                               byConstruction: claim.byConstruction, comparisons: comparisons)
        }
    }

    /// All reproduced → reproduced; any contradicted → not reproduced; else inconclusive.
    static func combine(_ verdicts: [ClaimVerdict]) -> ClaimVerdict {
        if verdicts.contains(.notReproduced) { return .notReproduced }
        return verdicts.allSatisfy { $0 == .reproduced } ? .reproduced : .inconclusive
    }

    func compare(_ comparison: TableComparison, sign: Double, rows: [RowResult], samples: PromptSamples,
                 rng: RandomGenerator) -> ComparisonResult {
        var result = ComparisonResult(metric: comparison.metric, better: comparison.better.description,
                                      worse: comparison.worse.description, difference: nil, low: nil, high: nil,
                                      verdict: .inconclusive, basis: "")
        let involved = Array(Set(comparison.better.rows + comparison.worse.rows)).sorted()
        let means = Dictionary(uniqueKeysWithValues: involved.map { id in
            (id, rows.first { $0.id == id }?.cells[comparison.metric]?.mean)
        })
        if let absent = involved.first(where: { means[$0] ?? nil == nil }) {
            result.basis = "no runs logged \(comparison.metric) for row '\(absent)'"
            return result
        }
        let difference = sign * (comparison.better.value { means[$0]!! } - comparison.worse.value { means[$0]!! })
        result.difference = difference

        let evidence = ClaimEvidence(metric: comparison.metric, rows: involved, samples: samples)
        guard evidence.canResample else {
            result.basis = "one seed and no per-prompt scores: no interval"
            return result
        }
        var rng = rng
        var draws = (0..<resamples).map { _ -> Double in
            let values = evidence.resample(&rng)
            return sign * (comparison.better.value { values[$0]! } - comparison.worse.value { values[$0]! })
        }
        draws.sort()
        let low = Self.quantile(draws, 0.025), high = Self.quantile(draws, 0.975)
        result.low = low
        result.high = high
        result.verdict = low > 0 ? .reproduced : (high < 0 ? .notReproduced : .inconclusive)
        result.basis = evidence.usesPrompts ? "bootstrap over prompts and seeds" : "bootstrap over seeds"
        return result
    }

    /// Linear interpolation between order statistics of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}

/// The per-seed (and per-prompt) values of one metric for the rows of one comparison, and
/// one bootstrap draw of each row's mean.
struct ClaimEvidence {
    /// Row → per seed: the logged value, and the prompt scores in prompt-key order (empty
    /// when not resampling prompts).
    var seeds: [String: [(value: Double, prompts: [Double], keys: [String])]]
    var rows: [String]
    /// Resample prompts (every seed of every row has per-prompt scores for the metric).
    var usesPrompts: Bool
    /// The rows share their seeds, so one seed draw serves all of them.
    var pairedSeeds: Bool

    init(metric: String, rows: [String], samples: PromptSamples) {
        self.rows = rows
        var seeds: [String: [(value: Double, prompts: [Double], keys: [String])]] = [:]
        var everyoneHasPrompts = true
        for row in rows {
            seeds[row] = (samples.rows[row] ?? []).compactMap { sample in
                guard let value = sample.values[metric], value.isFinite else { return nil }
                let scores = sample.prompts[metric] ?? [:]
                if scores.isEmpty { everyoneHasPrompts = false }
                let keys = scores.keys.sorted()
                return (value, keys.map { scores[$0]! }, keys)
            }
        }
        usesPrompts = everyoneHasPrompts
        if !usesPrompts { for row in rows { seeds[row] = seeds[row]!.map { ($0.value, [], []) } } }
        self.seeds = seeds
        let seedLists = rows.map { (samples.rows[$0] ?? []).map(\.seed) }
        pairedSeeds = seedLists.allSatisfy { $0 == seedLists[0] } && rows.allSatisfy { seeds[$0]!.count == seedLists[0].count }
    }

    /// Whether resampling can vary anything (several seeds, or prompts to draw).
    var canResample: Bool { usesPrompts || rows.allSatisfy { seeds[$0]!.count >= 2 } }

    /// One bootstrap draw: row → mean over drawn seeds of (the drawn prompts' mean, or the
    /// seed's logged value).
    func resample(_ rng: inout RandomGenerator) -> [String: Double] {
        var result: [String: Double] = [:]
        if pairedSeeds {
            let count = seeds[rows[0]]!.count
            var sums = [String: Double]()
            for _ in 0..<count {
                let s = rng.integer(below: count)
                let keys = seeds[rows[0]]![s].keys
                let pairedPrompts = usesPrompts && rows.allSatisfy { seeds[$0]![s].keys == keys }
                let shared = pairedPrompts ? (0..<keys.count).map { _ in rng.integer(below: keys.count) } : nil
                for row in rows { sums[row, default: 0] += seedValue(seeds[row]![s], draw: shared, rng: &rng) }
            }
            for row in rows { result[row] = sums[row]! / Double(count) }
        } else {
            for row in rows {
                let list = seeds[row]!
                var sum = 0.0
                for _ in 0..<list.count { sum += seedValue(list[rng.integer(below: list.count)], draw: nil, rng: &rng) }
                result[row] = sum / Double(list.count)
            }
        }
        return result
    }

    private func seedValue(_ seed: (value: Double, prompts: [Double], keys: [String]), draw: [Int]?,
                           rng: inout RandomGenerator) -> Double {
        guard !seed.prompts.isEmpty else { return seed.value }
        let indices = draw ?? (0..<seed.prompts.count).map { _ in rng.integer(below: seed.prompts.count) }
        return indices.reduce(0) { $0 + seed.prompts[$1] } / Double(indices.count)
    }
}
