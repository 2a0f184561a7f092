/// Recursive-descent parser for `.rx`; see README.md for the grammar it implements.
struct Parser {
    private let source: Source
    private var tokens: [Token]
    private var position = 0
    /// Whether newlines end statements here (true at top level and in blocks, false inside
    /// `( )`, `[ ]` and record literals, where an expression may span lines).
    private var newlinesMatter: [Bool] = [true]

    init(source: Source, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// Parses a whole file or REPL entry.
    static func parse(_ source: Source) throws -> [Stmt] {
        var lexer = Lexer(source: source)
        var parser = Parser(source: source, tokens: try lexer.tokenize())
        return try parser.program()
    }

    mutating func program() throws -> [Stmt] {
        var statements: [Stmt] = []
        skipNewlines()
        while !check(.end) {
            statements.append(try statement())
            try endOfStatement(closing: nil)
        }
        return statements
    }

    // MARK: token helpers

    private var current: Token {
        var i = position
        if newlinesMatter.last == false { while tokens[i].isNewline { i += 1 } }
        return tokens[i]
    }

    @discardableResult
    private mutating func advance() -> Token {
        if newlinesMatter.last == false { while tokens[position].isNewline { position += 1 } }
        let token = tokens[position]
        if token.kind != .end { position += 1 }
        return token
    }

    private func check(_ kind: Token.Kind) -> Bool { current.kind == kind }
    private func check(symbol: String) -> Bool { current.symbol == symbol }
    private func check(keyword: Keyword) -> Bool { current.keyword == keyword }

    private mutating func skipNewlines() { while tokens[position].isNewline { position += 1 } }

    @discardableResult
    private mutating func expect(symbol: String, _ what: String) throws -> Token {
        guard check(symbol: symbol) else { throw unexpected(expected: "`\(symbol)` \(what)") }
        return advance()
    }

    private func unexpected(expected: String) -> RxError {
        let token = current
        return RxError(.syntax, "expected \(expected), found \(describe(token))", at: token.location)
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .number: return "a number"
        case .string: return "a string"
        case .identifier(let n): return "`\(n)`"
        case .keyword(let k): return "`\(k.rawValue)`"
        case .symbol(let s): return "`\(s)`"
        case .newline: return "end of line"
        case .end: return "end of input"
        }
    }

    /// A statement ends at a newline, `;`, the closing brace of its block, or the input's end.
    private mutating func endOfStatement(closing: String?) throws {
        if check(symbol: ";") || check(.newline) { advance(); skipNewlines(); return }
        if check(.end) { return }
        if let closing, check(symbol: closing) { return }
        throw unexpected(expected: "end of statement")
    }

    // MARK: statements

    private mutating func statement() throws -> Stmt {
        if check(keyword: .import) {
            let start = advance().location
            guard case .string(let parts) = current.kind else { throw unexpected(expected: "a file name in quotes after `import`") }
            guard parts.count == 1, case .text(let path) = parts[0] else {
                throw RxError(.syntax, "an import path cannot interpolate", at: current.location)
            }
            let pathToken = advance()
            var alias: String? = nil
            if check(keyword: .as) {
                advance()
                guard case .identifier(let name) = current.kind else { throw unexpected(expected: "a name after `as`") }
                advance()
                alias = name
            }
            return .importFile(path: path, alias: alias, location: start.spanning(to: pathToken.location))
        }
        if case .identifier(let name) = current.kind, tokens[position + 1].symbol == "=" {
            let nameToken = advance()
            advance()
            skipNewlines()
            return .assign(name: name, value: try expression(), location: nameToken.location)
        }
        if case .keyword(let k) = current.kind, tokens[position + 1].symbol == "=", k != .not {
            throw RxError(.syntax, "`\(k.rawValue)` is a reserved word and cannot be assigned", at: current.location)
        }
        return .expr(try expression())
    }

    private mutating func block() throws -> Block {
        let open = try expect(symbol: "{", "to open a block")
        newlinesMatter.append(true)
        defer { newlinesMatter.removeLast() }
        skipNewlines()
        var statements: [Stmt] = []
        while !check(symbol: "}") {
            if check(.end) { throw RxError(.syntax, "block opened here is never closed with `}`", at: open.location) }
            statements.append(try statement())
            try endOfStatement(closing: "}")
        }
        advance()
        return Block(statements: statements, location: open.location)
    }

    // MARK: expressions, lowest precedence first

    mutating func expression() throws -> Expr { try or() }

    private mutating func binaryLevel(_ ops: Set<String>, keywords: Set<Keyword> = [],
                                      next: (inout Parser) throws -> Expr, chains: Bool = true) throws -> Expr {
        var left = try next(&self)
        while true {
            let token = current
            let op: String
            if let s = token.symbol, ops.contains(s) { op = s }
            else if let k = token.keyword, keywords.contains(k) { op = k.rawValue }
            else { return left }
            advance()
            skipNewlines()
            let right = try next(&self)
            left = Expr(kind: .binary(op, left, right), location: token.location)
            if !chains, let s = current.symbol, ops.contains(s) {
                throw RxError(.syntax, "comparisons do not chain; combine them with `and`", at: current.location)
            }
        }
    }

    private mutating func or() throws -> Expr { try binaryLevel([], keywords: [.or], next: { try $0.and() }) }
    private mutating func and() throws -> Expr { try binaryLevel([], keywords: [.and], next: { try $0.not() }) }

    private mutating func not() throws -> Expr {
        if check(keyword: .not) {
            let token = advance()
            return Expr(kind: .unary("not", try not()), location: token.location)
        }
        return try comparison()
    }

    private mutating func comparison() throws -> Expr {
        try binaryLevel(["==", "!=", "<", "<=", ">", ">="], next: { try $0.additive() }, chains: false)
    }
    private mutating func additive() throws -> Expr { try binaryLevel(["+", "-"], next: { try $0.term() }) }
    private mutating func term() throws -> Expr { try binaryLevel(["*", "/", "%"], next: { try $0.unary() }) }

    private mutating func unary() throws -> Expr {
        if check(symbol: "-") {
            let token = advance()
            return Expr(kind: .unary("-", try unary()), location: token.location)
        }
        return try postfix()
    }

    private mutating func postfix() throws -> Expr {
        var expr = try primary()
        while true {
            // A `(` or `[` on the next line starts a new statement, not a call or index.
            if tokens[position].isNewline && newlinesMatter.last == true { return expr }
            if check(symbol: "(") {
                guard case .name(let name) = expr.kind else {
                    throw RxError(.syntax, "only builtins can be called; this is not a builtin name", at: current.location)
                }
                expr = Expr(kind: .call(name: name, arguments: try arguments()), location: expr.location)
            } else if check(symbol: ".") {
                advance()
                guard case .identifier(let field) = current.kind else { throw unexpected(expected: "a field name after `.`") }
                let token = advance()
                expr = Expr(kind: .field(expr, field), location: token.location)
            } else if check(symbol: "[") {
                let open = advance()
                newlinesMatter.append(false)
                let index = try expression()
                try expect(symbol: "]", "to close the index")
                newlinesMatter.removeLast()
                expr = Expr(kind: .index(expr, index), location: open.location.spanning(to: index.location))
            } else {
                return expr
            }
        }
    }

    private mutating func arguments() throws -> [Argument] {
        var result: [Argument] = []
        var sawNamed = false
        try commaSeparated(opened: advance(), close: ")", what: "call") { parser in
            parser.skipNewlines()
            let start = parser.current
            if case .identifier(let label) = start.kind, parser.tokens[parser.position + 1].symbol == ":" {
                parser.advance(); parser.advance()
                result.append(Argument(label: label, value: try parser.expression(), location: start.location))
                sawNamed = true
            } else {
                let value = try parser.expression()
                if sawNamed { throw RxError(.syntax, "a positional argument cannot follow named ones", at: value.location) }
                result.append(Argument(label: nil, value: value, location: value.location))
            }
        }
        return result
    }

    /// `item, item, …` up to `close` (a trailing comma allowed), after the opening bracket;
    /// newlines inside do not matter.
    private mutating func commaSeparated(opened open: Token, close: String, what: String,
                                         _ item: (inout Parser) throws -> Void) throws {
        newlinesMatter.append(false)
        defer { newlinesMatter.removeLast() }
        while !check(symbol: close) {
            if check(.end) { throw RxError(.syntax, "`\(open.symbol ?? "")` opened here is never closed", at: open.location) }
            try item(&self)
            if !check(symbol: ",") { break }
            advance()
        }
        try expect(symbol: close, "to close the \(what) opened at \(open.location)")
    }

    private func nextNonNewline(after index: Int) -> Token? {
        var i = index
        while i < tokens.count && tokens[i].isNewline { i += 1 }
        return i < tokens.count ? tokens[i] : nil
    }

    private mutating func primary() throws -> Expr {
        let token = current
        switch token.kind {
        case .number(let v): advance(); return Expr(kind: .number(v), location: token.location)
        case .string(let parts): advance(); return Expr(kind: .string(try template(parts)), location: token.location)
        case .identifier(let n): advance(); return Expr(kind: .name(n), location: token.location)
        case .keyword(.true): advance(); return Expr(kind: .bool(true), location: token.location)
        case .keyword(.false): advance(); return Expr(kind: .bool(false), location: token.location)
        case .keyword(.none): advance(); return Expr(kind: .none, location: token.location)
        case .keyword(.for): return try forExpression()
        case .keyword(.if): return try ifExpression()
        case .symbol("("):
            advance()
            newlinesMatter.append(false)
            defer { newlinesMatter.removeLast() }
            let inner = try expression()
            try expect(symbol: ")", "to close the parenthesis opened at \(token.location)")
            return inner
        case .symbol("["): return try listLiteral()
        case .symbol("{"): return try recordLiteral()
        case .keyword(let k):
            throw RxError(.syntax, "expected an expression, found the reserved word `\(k.rawValue)`", at: token.location)
        default:
            throw unexpected(expected: "an expression")
        }
    }

    private mutating func listLiteral() throws -> Expr {
        let open = advance()
        var items: [Expr] = []
        try commaSeparated(opened: open, close: "]", what: "list") { items.append(try $0.expression()) }
        return Expr(kind: .list(items), location: open.location)
    }

    private mutating func recordLiteral() throws -> Expr {
        let open = advance()
        var fields: [(key: String, value: Expr)] = []
        var seen: Set<String> = []
        try commaSeparated(opened: open, close: "}", what: "record") { parser in
            let keyToken = parser.current
            let key: String
            switch keyToken.kind {
            case .identifier(let n): key = n
            case .string(let parts):
                guard parts.count == 1, case .text(let t) = parts[0] else {
                    throw RxError(.syntax, "a record key cannot interpolate", at: keyToken.location)
                }
                key = t
            default: throw parser.unexpected(expected: "a record key (a name or a string)")
            }
            parser.advance()
            try parser.expect(symbol: ":", "after the record key `\(key)`")
            guard seen.insert(key).inserted else {
                throw RxError(.syntax, "record key `\(key)` appears twice", at: keyToken.location)
            }
            fields.append((key, try parser.expression()))
        }
        return Expr(kind: .record(fields), location: open.location)
    }

    private mutating func forExpression() throws -> Expr {
        let start = advance()
        guard case .identifier(let variable) = current.kind else { throw unexpected(expected: "a loop variable after `for`") }
        advance()
        guard check(keyword: .in) else { throw unexpected(expected: "`in` after the loop variable") }
        advance()
        let sequence = try expression()
        let body = try block()
        return Expr(kind: .forIn(variable: variable, sequence: sequence, body: body), location: start.location)
    }

    private mutating func ifExpression() throws -> Expr {
        let start = advance()
        let condition = try expression()
        let then = try block()
        var otherwise: Block? = nil
        if nextNonNewline(after: position)?.keyword == .else {
            skipNewlines()
            let elseToken = advance()
            if check(keyword: .if) {
                let nested = try ifExpression()
                otherwise = Block(statements: [.expr(nested)], location: elseToken.location)
            } else {
                otherwise = try block()
            }
        }
        return Expr(kind: .ifElse(condition: condition, then: then, otherwise: otherwise), location: start.location)
    }

    /// Parses each `{code}` of a string with a lexer positioned where the code sits in the file.
    private func template(_ parts: [StringPart]) throws -> [TemplatePart] {
        try parts.map { part in
            switch part {
            case .text(let t): return .text(t)
            case .code(let code, let line, let column, let format):
                var lexer = Lexer(source: source, text: code, line: line, column: column)
                var parser = Parser(source: source, tokens: try lexer.tokenize())
                parser.newlinesMatter = [false]
                let expr = try parser.expression()
                guard parser.check(.end) else { throw parser.unexpected(expected: "`}` to end the interpolation") }
                return .expr(expr, format: format)
            }
        }
    }
}
