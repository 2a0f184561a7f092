import Foundation

/// The text of one recipe (a file or a REPL entry), kept so errors can quote the offending line.
public final class Source: @unchecked Sendable {
    /// The name shown in messages: the path as the user gave it, or `repl` for REPL input.
    public let name: String
    /// The absolute path, used to resolve `import` relative to this file; nil for REPL input.
    public let path: String?
    /// The full text.
    public let text: String
    /// Added to every line number, so a REPL session numbers its lines continuously.
    public let firstLine: Int
    private let lines: [String]

    public init(name: String, path: String?, text: String, firstLine: Int = 1) {
        self.name = name
        self.path = path
        self.text = text
        self.firstLine = firstLine
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Reads a recipe file; a missing or unreadable file is an error naming it.
    public static func file(_ path: String, shownAs name: String? = nil) throws -> Source {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RxError(.importFailure, "cannot read recipe file `\(path)`")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RxError(.importFailure, "recipe file `\(path)` is not UTF-8 text")
        }
        return Source(name: name ?? path, path: url.path, text: text)
    }

    /// The text of a line, by its displayed (1-based, offset by `firstLine`) number.
    public func line(_ number: Int) -> String? {
        let index = number - firstLine
        return lines.indices.contains(index) ? lines[index] : nil
    }
}

/// Where a piece of syntax sits: its source, the displayed line, the 1-based column and its width.
public struct SourceLocation: CustomStringConvertible, @unchecked Sendable {
    public let source: Source
    public let line: Int
    public let column: Int
    public let length: Int

    public init(source: Source, line: Int, column: Int, length: Int = 1) {
        self.source = source
        self.line = line
        self.column = column
        self.length = max(1, length)
    }

    /// `file:line:col`, the prefix of every message.
    public var description: String { "\(source.name):\(line):\(column)" }

    /// The same start, widened to end where `other` ends (when both are on one line).
    func spanning(to other: SourceLocation) -> SourceLocation {
        guard other.line == line, other.column + other.length > column else { return self }
        return SourceLocation(source: source, line: line, column: column,
                              length: other.column + other.length - column)
    }
}
