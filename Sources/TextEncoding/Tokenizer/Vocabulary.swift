import Foundation

/// A WordPiece vocabulary: the lines of a BERT `vocab.txt`, the token id being the line number.
///
/// Pieces are keyed by their Unicode scalars, not by `String`, because Swift compares strings
/// by canonical equivalence (a decomposed "é" would equal a precomposed one) while the
/// reference tokenizer compares code points exactly.
public struct Vocabulary: Sendable {
    /// The token strings, indexed by id.
    public let tokens: [String]
    /// Word-initial pieces ("walk").
    private let initialPieces: [[Unicode.Scalar]: Int32]
    /// Continuation pieces, stored without their "##" prefix ("##ing" is stored as "ing").
    private let continuationPieces: [[Unicode.Scalar]: Int32]

    /// Id of `[PAD]`.
    public let padID: Int32
    /// Id of `[UNK]`.
    public let unknownID: Int32
    /// Id of `[CLS]`.
    public let classID: Int32
    /// Id of `[SEP]`.
    public let separatorID: Int32

    /// Number of tokens.
    public var count: Int { tokens.count }

    /// Builds a vocabulary from its tokens in id order; `source` names the file in errors.
    public init(tokens: [String], source: String = "vocabulary") throws {
        var initial: [[Unicode.Scalar]: Int32] = [:]
        var continuation: [[Unicode.Scalar]: Int32] = [:]
        initial.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            let scalars = Array(token.unicodeScalars)
            // The first occurrence wins, as in the reference tokenizer's vocabulary map.
            if scalars.count > 2, scalars[0] == "#", scalars[1] == "#" {
                let piece = Array(scalars[2...])
                if continuation[piece] == nil { continuation[piece] = Int32(index) }
            }
            if initial[scalars] == nil { initial[scalars] = Int32(index) }
        }
        func special(_ name: String) throws -> Int32 {
            guard let id = initial[Array(name.unicodeScalars)] else {
                throw TextEncodingError.vocabularyMissingToken(file: source, token: name)
            }
            return id
        }
        self.tokens = tokens
        self.initialPieces = initial
        self.continuationPieces = continuation
        self.padID = try special("[PAD]")
        self.unknownID = try special("[UNK]")
        self.classID = try special("[CLS]")
        self.separatorID = try special("[SEP]")
    }

    /// Reads a `vocab.txt` (one token per line, UTF-8).
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TextEncodingError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TextEncodingError.unreadableFile(path: url.path, reason: "not valid UTF-8")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else {
            throw TextEncodingError.unreadableFile(path: url.path, reason: "the vocabulary is empty")
        }
        try self.init(tokens: lines, source: url.path)
    }

    /// The id of a word-initial piece, if the vocabulary has it.
    func initialID<S: Collection>(_ piece: S) -> Int32? where S.Element == Unicode.Scalar {
        initialPieces[Array(piece)]
    }

    /// The id of a "##" continuation piece (given without the prefix), if the vocabulary has it.
    func continuationID<S: Collection>(_ piece: S) -> Int32? where S.Element == Unicode.Scalar {
        continuationPieces[Array(piece)]
    }

    /// The token string of an id ("[UNK]" text for ids out of range).
    public func token(for id: Int32) -> String {
        tokens.indices.contains(Int(id)) ? tokens[Int(id)] : tokens[Int(unknownID)]
    }
}
