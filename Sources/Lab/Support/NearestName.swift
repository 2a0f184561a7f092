/// "Did you mean …?" for mistyped names: the candidate with the smallest edit distance.
public enum NearestName {
    /// The closest candidate, if it is close enough to be a plausible typo (distance at most
    /// a third of the longer name, and at least 1 allowed), or if the query is a prefix of it.
    public static func suggest(for query: String, among candidates: [String]) -> String? {
        let lowered = query.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, max(query.count, best.name.count) / 3)
        if best.distance <= allowed { return best.name }
        return candidates.first { !lowered.isEmpty && $0.lowercased().hasPrefix(lowered) }
    }

    /// Edit distance where inserting, deleting, substituting or swapping two neighbouring
    /// characters each cost 1 (optimal string alignment), so "lsit" is one edit from "list".
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
