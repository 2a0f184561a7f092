/// Groups sequences of similar length into batches, so padding wastes little work: sorted by
/// length (longest first, so the largest batch comes first and memory peaks early), then cut
/// whenever the padded size `count × longest` would pass `tokenBudget`, or when the next
/// sequence is so much shorter than the batch's longest that padding it would waste more than
/// a quarter of its row (short captions are never split for that: a few pad tokens are cheaper
/// than a smaller product).
enum LengthBatches {
    /// Sequences at most this long always share a batch, whatever their length ratio.
    static let shortLength = 24

    /// Batches of indices into `lengths`; every index appears exactly once.
    static func plan(lengths: [Int], tokenBudget: Int, maxBatchSize: Int) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        var batches: [[Int]] = []
        var current: [Int] = []
        var longest = 0
        for index in order {
            let length = lengths[index]
            let padded = (current.count + 1) * max(longest, length)
            let wasteful = longest > shortLength && length * 4 < longest * 3
            if !current.isEmpty && (padded > tokenBudget || current.count == maxBatchSize || wasteful) {
                batches.append(current)
                current = []
                longest = 0
            }
            current.append(index)
            longest = max(longest, length)
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
