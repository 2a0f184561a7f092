import Foundation

/// The text clean-up of the uncased BERT tokenizer, step for step as the `tokenizers` library
/// that sentence-transformers runs (its `BertNormalizer` and `BertPreTokenizer`):
///
/// 1. drop NUL, U+FFFD and control, format, surrogate and private-use characters (tab, newline
///    and carriage return are kept as whitespace; unassigned code points are kept, as the
///    reference does); map every whitespace character to a space;
/// 2. surround CJK ideographs with spaces, so each becomes a word;
/// 3. decompose (NFD) and drop non-spacing marks (accents);
/// 4. lower-case, one character at a time;
/// 5. split on whitespace and isolate every punctuation character (Unicode P* categories and
///    all ASCII symbols such as `$ + < = > ^ ` | ~`).
enum BertNormalizer {
    /// The words of `text`, each a sequence of Unicode scalars, ready for WordPiece.
    static func words(of text: String) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        func endWord() {
            if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
        }
        for scalar in normalizedScalars(of: text) {
            if scalar.properties.isWhitespace {
                endWord()
            } else if isPunctuation(scalar) {
                endWord()
                words.append([scalar])
            } else {
                current.append(scalar)
            }
        }
        endWord()
        return words
    }

    /// Steps 1–4: cleaned, CJK-spaced, accent-stripped, lower-cased scalars.
    static func normalizedScalars(of text: String) -> [Unicode.Scalar] {
        var cleaned = String.UnicodeScalarView()
        var isASCII = true
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJKIdeograph(scalar) {
                cleaned.append(" "); cleaned.append(scalar); cleaned.append(" ")
                isASCII = false
            } else {
                cleaned.append(scalar)
                if !scalar.isASCII { isASCII = false }
            }
        }
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(cleaned.count)
        if isASCII {
            for scalar in cleaned {
                result.append(scalar.value >= 65 && scalar.value <= 90 ? Unicode.Scalar(scalar.value + 32)! : scalar)
            }
            return result
        }
        let decomposed = String(cleaned).decomposedStringWithCanonicalMapping
        for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return result
    }

    /// Whitespace as the reference defines it: tab, newline, carriage return, and every
    /// character with the Unicode White_Space property.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    /// Characters of the categories Cc, Cf, Cs and Co, except tab, newline and carriage return.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse: return true
        default: return false
        }
    }

    /// Every ASCII symbol or punctuation mark, and the Unicode punctuation categories P*.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK ideograph ranges the reference treats as one word per character (Hangul and kana
    /// are not among them; its Extension-E range starts at U+2B920, not at BERT's U+2B820).
    static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
