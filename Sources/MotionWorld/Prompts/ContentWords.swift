/// Content words of a text (lower-case, split on anything but letters, function words and
/// the generic subject nouns removed): what "no shared content word" checks compare.
public enum ContentWords {
    public static let functionWords: Set<String> = [
        "a", "an", "the", "and", "or", "with", "of", "in", "on", "at", "to", "up", "down", "while", "then",
        "their", "them", "they", "his", "her", "it", "its", "is", "as", "by", "for", "from", "into", "onto",
        "over", "one", "both", "each", "like", "s", "person", "someone", "somebody", "man", "woman", "figure",
    ]

    public static func of(_ text: String) -> Set<String> {
        var words = Set<String>(), current = ""
        for ch in text.lowercased() {
            if ch.isLetter { current.append(ch) } else { if !current.isEmpty { words.insert(current) }; current = "" }
        }
        if !current.isEmpty { words.insert(current) }
        return words.subtracting(functionWords)
    }
}

extension CaptionWriter {
    /// Every content word any training caption of `actionID` can contain (both styles, the
    /// annotator's label captions, all modifiers, subjects, scenes and cameras).
    public func captionVocabulary(of actionID: String) -> Set<String> {
        guard let action = lexicon.action(actionID) else { return [] }
        var texts = action.verbs + action.phrases + (action.details ?? [])
        texts += lexicon.styles.flatMap(\.words)
        texts += ["forward backward to the left to the right in a circle veering left veering right",
                  "twice three times several times with the left right hand leg"]
        texts += Self.motionSubjects + lexicon.video.subjects + lexicon.video.scenes + lexicon.video.cameras
        return texts.reduce(into: Set<String>()) { $0.formUnion(ContentWords.of($1)) }
    }
}
