import Foundation

/// One tokenized text: `[CLS] pieces… [SEP]`, at most `maxLength` ids.
public struct TokenizedText: Sendable, Equatable {
    /// Token ids, starting with `[CLS]` and ending with `[SEP]`.
    public var ids: [Int32]
    /// Number of ids the untruncated text would have had (equal to `ids.count` when it fit).
    public var untruncatedCount: Int
    /// Whether word pieces were cut to fit `maxLength`.
    public var wasTruncated: Bool { untruncatedCount > ids.count }
}

/// The uncased BERT WordPiece tokenizer of all-MiniLM-L6-v2, matching the `tokenizers`
/// library that sentence-transformers runs: `BertNormalizer` clean-up (see there), greedy
/// longest-match pieces with `##` continuations, `[UNK]` for a word of more than
/// `maxCharactersPerWord` characters or one that cannot be split, then `[CLS] … [SEP]` and
/// truncation to `maxLength` ids (keeping the first pieces).
public struct WordPieceTokenizer: Sendable {
    /// The vocabulary.
    public let vocabulary: Vocabulary
    /// Longest sequence in ids, special tokens included (sentence-transformers' `max_seq_length`).
    public let maxLength: Int
    /// Longer words become `[UNK]`.
    public let maxCharactersPerWord: Int

    /// Creates a tokenizer; `maxLength` must leave room for `[CLS]` and `[SEP]`.
    public init(vocabulary: Vocabulary, maxLength: Int = 256, maxCharactersPerWord: Int = 100) {
        precondition(maxLength >= 2, "maxLength must leave room for [CLS] and [SEP]")
        self.vocabulary = vocabulary
        self.maxLength = maxLength
        self.maxCharactersPerWord = maxCharactersPerWord
    }

    /// Tokenizes `text`. Never fails: unknown words become `[UNK]`, control characters are
    /// dropped, an empty or blank text gives `[CLS] [SEP]`.
    public func callAsFunction(_ text: String) -> TokenizedText {
        var ids: [Int32] = [vocabulary.classID]
        for word in BertNormalizer.words(of: text) {
            appendPieces(of: word, to: &ids)
        }
        let untruncated = ids.count + 1
        if ids.count > maxLength - 1 { ids.removeSubrange((maxLength - 1)...) }
        ids.append(vocabulary.separatorID)
        return TokenizedText(ids: ids, untruncatedCount: untruncated)
    }

    /// The word pieces of `text` as strings, without `[CLS]`/`[SEP]` and without truncation.
    public func pieces(_ text: String) -> [String] {
        var ids: [Int32] = []
        for word in BertNormalizer.words(of: text) { appendPieces(of: word, to: &ids) }
        return ids.map { vocabulary.token(for: $0) }
    }

    /// Greedy longest-match split of one word; the whole word is `[UNK]` if any part fails.
    private func appendPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
        if word.count > maxCharactersPerWord {
            ids.append(vocabulary.unknownID)
            return
        }
        let firstPiece = ids.count
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                let piece = word[start..<end]
                found = start == 0 ? vocabulary.initialID(piece) : vocabulary.continuationID(piece)
                if found != nil { break }
                end -= 1
            }
            guard let id = found else {
                ids.removeSubrange(firstPiece...)
                ids.append(vocabulary.unknownID)
                return
            }
            ids.append(id)
            start = end
        }
    }
}
