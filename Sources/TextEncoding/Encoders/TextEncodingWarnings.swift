import Foundation

/// Receives the encoders' warnings (a truncated text); by default they go to standard error.
public struct TextEncodingWarnings: Sendable {
    /// Handles one message.
    public var handle: @Sendable (String) -> Void

    /// Creates a handler.
    public init(_ handle: @escaping @Sendable (String) -> Void) { self.handle = handle }

    /// Prints to standard error, prefixed "warning: ".
    public static let standardError = TextEncodingWarnings { message in
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// Discards warnings.
    public static let ignore = TextEncodingWarnings { _ in }

    /// Reports the texts that were truncated, one line each (shortened to 60 characters).
    func reportTruncations(_ texts: [String], _ tokenized: [TokenizedText], limit: Int) {
        for (text, tokens) in zip(texts, tokenized) where tokens.wasTruncated {
            let head = text.count > 60 ? String(text.prefix(57)) + "..." : text
            handle("text truncated from \(tokens.untruncatedCount) to \(limit) tokens: \(head.debugDescription)")
        }
    }
}
