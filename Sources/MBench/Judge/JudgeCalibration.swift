/// Chooses the judge's yes/no threshold and measures retrieval, on held-out pairs.
public enum JudgeCalibration {
    /// The similarity threshold that maximises balanced accuracy (mean of the true-positive
    /// rate on `matched` and the true-negative rate on `mismatched`; "yes" = similarity ≥
    /// threshold), and that accuracy. Ties go to the midpoint between neighbouring scores.
    /// Non-finite similarities are ignored. Balanced accuracy needs both classes: when one is
    /// empty the accuracy is nil and the threshold is the midpoint of the class that is there
    /// (or 0 when neither is), so a caller can fall back to other pairs and say so.
    public static func threshold(matched: [Float], mismatched: [Float]) -> (threshold: Float, balancedAccuracy: Double?) {
        let matched = matched.filter(\.isFinite), mismatched = mismatched.filter(\.isFinite)
        guard !matched.isEmpty, !mismatched.isEmpty else {
            let present = matched.isEmpty ? mismatched : matched
            guard let low = present.min(), let high = present.max() else { return (0, nil) }
            return ((low + high) / 2, nil)
        }
        let scored = (matched.map { ($0, true) } + mismatched.map { ($0, false) }).sorted { $0.0 < $1.0 }
        let positives = Double(matched.count), negatives = Double(mismatched.count)
        // Threshold below everything: every pair is "yes".
        var best = (threshold: scored[0].0 - 1e-3, accuracy: 0.5)
        var rejectedPositives = 0.0, rejectedNegatives = 0.0
        for i in scored.indices {
            if scored[i].1 { rejectedPositives += 1 } else { rejectedNegatives += 1 }
            guard i + 1 == scored.count || scored[i + 1].0 > scored[i].0 else { continue }
            let accuracy = ((positives - rejectedPositives) / positives + rejectedNegatives / negatives) / 2
            if accuracy > best.accuracy {
                let next = i + 1 < scored.count ? scored[i + 1].0 : scored[i].0 + 1e-3
                best = ((scored[i].0 + next) / 2, accuracy)
            }
        }
        return (best.threshold, best.accuracy)
    }

    /// Text → motion recall at `k`: for each text, whether one of the `k` most similar motions
    /// carries the text's label. `texts[i]` is the caption of `motions[i]`, labelled `labels[i]`.
    public static func recall(texts: [[Float]], motions: [[Float]], labels: [String], k: Int) -> Double {
        precondition(texts.count == motions.count && motions.count == labels.count && !texts.isEmpty,
                     "JudgeCalibration.recall: counts differ or are zero")
        var hits = 0
        for (i, text) in texts.enumerated() {
            let similarities = motions.map { dotProduct(text, $0) }
            let top = similarities.indices.sorted { similarities[$0] > similarities[$1] }.prefix(k)
            if top.contains(where: { labels[$0] == labels[i] }) { hits += 1 }
        }
        return Double(hits) / Double(texts.count)
    }
}
