import Foundation

/// Turns recipe text into tokens. Newlines are tokens (they end statements); the parser skips
/// them inside brackets. Comments run from `#` to the end of the line.
struct Lexer {
    private let source: Source
    private let chars: [Character]
    private var index = 0
    private var line: Int
    private var column = 1

    /// `line`/`column` let the parser lex an expression embedded in a string at its true place.
    init(source: Source, text: String? = nil, line: Int? = nil, column: Int = 1) {
        self.source = source
        self.chars = Array(text ?? source.text)
        self.line = line ?? source.firstLine
        self.column = column
    }

    mutating func tokenize() throws -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var current: Character? { index < chars.count ? chars[index] : nil }
    private func peek(_ offset: Int = 1) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    private mutating func advance() {
        if chars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
        index += 1
    }

    private func here(_ length: Int = 1) -> SourceLocation {
        SourceLocation(source: source, line: line, column: column, length: length)
    }

    private mutating func next() throws -> Token {
        while let c = current, c == " " || c == "\t" || c == "\r" || c == "#" {
            if c == "#" { while let d = current, d != "\n" { advance() } } else { advance() }
        }
        guard let c = current else { return Token(kind: .end, location: here()) }
        let start = here()
        if c == "\n" { advance(); return Token(kind: .newline, location: start) }
        if c.isNumber { return try number(start) }
        if c.isLetter || c == "_" {
            var word = ""
            while let d = current, d.isLetter || d.isNumber || d == "_" { word.append(d); advance() }
            let location = SourceLocation(source: source, line: start.line, column: start.column, length: word.count)
            if let keyword = Keyword(rawValue: word) { return Token(kind: .keyword(keyword), location: location) }
            return Token(kind: .identifier(word), location: location)
        }
        if c == "\"" { return try string(start) }
        for op in ["==", "!=", "<=", ">="] where c == op.first && peek() == op.last {
            advance(); advance()
            return Token(kind: .symbol(op), location: here(2).shifted(by: -2))
        }
        if "()[]{},:.=+-*/%<>;".contains(c) {
            advance()
            return Token(kind: .symbol(String(c)), location: start)
        }
        throw RxError(.syntax, "unexpected character `\(c)`", at: start)
    }

    /// Digits with optional fraction, exponent and `_` separators: `3`, `0.5`, `1e-4`, `1_000`.
    private mutating func number(_ start: SourceLocation) throws -> Token {
        var text = ""
        func digits() { while let d = current, d.isNumber || d == "_" { if d != "_" { text.append(d) }; advance() } }
        digits()
        if current == ".", let d = peek(), d.isNumber { text.append("."); advance(); digits() }
        if current == "e" || current == "E" {
            let sign = peek()
            let hasSign = sign == "-" || sign == "+"
            if let d = hasSign ? peek(2) : sign, d.isNumber {
                text.append("e"); advance()
                if hasSign { text.append(current!); advance() }
                digits()
            }
        }
        if let d = current, d.isLetter || d == "_" {
            throw RxError(.syntax, "a number cannot run into letters (`\(text)\(d)`)", at: here())
        }
        guard let value = Double(text) else { throw RxError(.syntax, "malformed number `\(text)`", at: start) }
        let location = SourceLocation(source: source, line: start.line, column: start.column, length: column - start.column)
        return Token(kind: .number(value), location: location)
    }

    /// A one-line string. `{expr}` or `{expr:.3}` interpolates; `\{`, `\"`, `\\`, `\n`, `\t` escape.
    private mutating func string(_ start: SourceLocation) throws -> Token {
        advance()
        var parts: [StringPart] = []
        var text = ""
        while true {
            guard let c = current, c != "\n" else {
                throw RxError(.syntax, "unterminated string (strings end on the line they start)", at: start)
            }
            if c == "\"" { advance(); break }
            if c == "\\" {
                let escapeAt = here(2)
                advance()
                guard let e = current else { continue }
                switch e {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "\"", "\\", "{", "}": text.append(e)
                default: throw RxError(.syntax, "unknown escape `\\\(e)` (use \\n \\t \\\" \\\\ \\{ \\})", at: escapeAt)
                }
                advance()
                continue
            }
            if c == "}" { throw RxError(.syntax, "unmatched `}` in string (write `\\}` for a brace)", at: here()) }
            if c == "{" {
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                parts.append(try interpolation())
                continue
            }
            text.append(c)
            advance()
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        let location = SourceLocation(source: source, line: start.line, column: start.column, length: column - start.column)
        return Token(kind: .string(parts), location: location)
    }

    /// The inside of `{…}` in a string: code up to the matching brace, split at a top-level `:`.
    private mutating func interpolation() throws -> StringPart {
        let open = here()
        advance()
        let codeLine = line, codeColumn = column
        var code = "", format: String? = nil
        var depth = 0
        while true {
            guard let c = current, c != "\n" else {
                throw RxError(.syntax, "unterminated `{` in string (close it, or write `\\{` for a brace)", at: open)
            }
            if c == "\"" {
                throw RxError(.syntax, "unterminated `{` in string (close it with `}`; strings cannot nest; `\\{` is a brace)", at: open)
            }
            if c == "}" && depth == 0 { break }
            if "([{".contains(c) { depth += 1 }
            if ")]}".contains(c) { depth -= 1 }
            if c == ":" && depth == 0 && format == nil { format = ""; advance(); continue }
            if format != nil { format!.append(c) } else { code.append(c) }
            advance()
        }
        advance()
        if code.trimmingCharacters(in: .whitespaces).isEmpty {
            throw RxError(.syntax, "empty `{}` in string (write `\\{\\}` for braces)", at: open)
        }
        return .code(code, line: codeLine, column: codeColumn, format: format)
    }
}

extension SourceLocation {
    func shifted(by columns: Int) -> SourceLocation {
        SourceLocation(source: source, line: line, column: column + columns, length: length)
    }
}
