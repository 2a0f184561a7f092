/// Every failure the language reports: what went wrong, where, and inside which step and arm.
public struct RxError: Error, CustomStringConvertible, @unchecked Sendable {
    /// The families of failure; tests and tools match on these rather than on message text.
    public enum Kind: String, Sendable {
        case syntax = "syntax error"
        case unknownName = "unknown name"
        case type = "type error"
        case argument = "argument error"
        case value = "value error"
        case importFailure = "import error"
        case override = "override error"
        case assertion = "assertion failed"
        case step = "step failed"
    }

    public let kind: Kind
    public let message: String
    /// Where the error points; nil for errors about the command line (e.g. `--set`).
    public var location: SourceLocation?
    /// Innermost last: "in arm src = \"wild\" (for at t.rx:4:8)", "in step train (t.rx:6:7)".
    public var context: [String] = []
    /// Extra lines: hints and the signature of the builtin that was called.
    public var notes: [String] = []

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil, notes: [String] = []) {
        self.kind = kind
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// `file:line:col: error: message`, then the source line with a caret under the culprit,
    /// then the step/arm context (innermost first) and the notes.
    public var description: String {
        var out: [String] = []
        if let location {
            out.append("\(location): error: \(message)")
            if let text = location.source.line(location.line) {
                let number = String(location.line)
                let gutter = String(repeating: " ", count: number.count)
                let prefix = String(text.prefix(location.column - 1).map { $0 == "\t" ? Character("\t") : Character(" ") })
                let width = min(location.length, max(1, text.count - location.column + 1))
                out.append(" \(number) | \(text)")
                out.append(" \(gutter) | \(prefix)^\(String(repeating: "~", count: width - 1))")
            }
        } else {
            out.append("error: \(message)")
        }
        out += context.map { "  \($0)" }
        out += notes.map { "  note: \($0)" }
        return out.joined(separator: "\n")
    }
}
