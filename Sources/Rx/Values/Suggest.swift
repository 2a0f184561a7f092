import Lab

/// "Did you mean" for the language's messages, on Lab's `NearestName` (edit distance with
/// swaps, case-insensitive, prefixes), so the REPL and the rest of `runner` suggest alike.
public enum Suggest {
    /// The nearest candidate if it is close enough to be a typo.
    public static func nearest(_ word: String, in candidates: [String]) -> String? {
        NearestName.suggest(for: word, among: candidates)
    }

    /// `; did you mean `x`?` or the empty string.
    static func hint(_ word: String, in candidates: [String]) -> String {
        nearest(word, in: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }
}
