/// One lexical token with the place it was read from.
struct Token {
    /// What was read.
    enum Kind: Equatable {
        case number(Double)
        /// A string literal, split into literal text and `{expression}` parts.
        case string([StringPart])
        case identifier(String)
        case keyword(Keyword)
        /// Operators and punctuation: `( ) [ ] { } , : . = + - * / % == != < <= > >=`.
        case symbol(String)
        case newline
        case end
    }

    let kind: Kind
    let location: SourceLocation

    var symbol: String? { if case .symbol(let s) = kind { return s } else { return nil } }
    var keyword: Keyword? { if case .keyword(let k) = kind { return k } else { return nil } }
    var isNewline: Bool { kind == .newline }
}

/// Reserved words; none of them can name a variable.
enum Keyword: String, CaseIterable {
    case `for`, `in`, `if`, `else`, `import`, `as`, `true`, `false`, `none`, `and`, `or`, `not`
}

/// A piece of a string literal: plain text, or an embedded expression with an optional format.
enum StringPart: Equatable {
    case text(String)
    /// `code` is the expression's text, `line`/`column` where it starts, `format` the text after `:`.
    case code(String, line: Int, column: Int, format: String?)
}
