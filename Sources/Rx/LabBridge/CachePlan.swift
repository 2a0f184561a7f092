import Lab

/// `--plan` for a step whose result lives in Lab's `StepCache`: **cached** when the entry for
/// its key is published; otherwise **will re-run** with how the key differs from the nearest
/// published entry of the same kind ("lr changed 1e-4 → 3e-4", "version changed 2 → 3",
/// "input 1 changed"), or **will run** when that kind has no entries yet.
public enum CachePlan {
    /// - Parameters:
    ///   - runID: the tracker run that made a published entry, if the step recorded one.
    ///   - value: the cached result as a recipe value (cheap to load), so later steps can plan exactly.
    public static func plan(for key: CacheKey, in cache: StepCache,
                            runID: (CacheEntry) -> String? = { _ in nil },
                            value: (CacheEntry) throws -> Value? = { _ in nil }) throws -> StepPlan {
        let entry = try cache.entry(for: key)
        if entry.isPublished { return StepPlan(.cached(run: runID(entry)), value: try value(entry)) }
        let nearest = try cache.entries(kind: key.kind).min { distance($0, key) < distance($1, key) }
        guard let nearest else { return StepPlan(.willRun, reasons: ["nothing cached for \(key.kind) yet"]) }
        var reasons = StepPlan.changes(from: nearest.params, to: key.params)
        if nearest.version != key.version { reasons.insert("version changed \(nearest.version) → \(key.version)", at: 0) }
        if nearest.inputs.count != key.inputs.count {
            reasons.append("\(key.inputs.count) inputs instead of \(nearest.inputs.count)")
        } else {
            for (i, pair) in zip(nearest.inputs, key.inputs).enumerated() where pair.0 != pair.1 {
                reasons.append("input \(i + 1) changed (\(pair.0.prefix(8)) → \(pair.1.prefix(8)))")
            }
        }
        return StepPlan(.rerun, reasons: reasons)
    }

    /// How many parts of a key differ from a published entry's.
    private static func distance(_ info: CacheEntryInfo, _ key: CacheKey) -> Int {
        let params = Set(info.params.keys).union(key.params.keys).filter { info.params[$0] != key.params[$0] }.count
        let inputs = info.inputs.count != key.inputs.count ? max(info.inputs.count, key.inputs.count)
            : zip(info.inputs, key.inputs).filter { $0 != $1 }.count
        return params + inputs + (info.version == key.version ? 0 : 1)
    }
}
