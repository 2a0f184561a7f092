import XCTest
@testable import Rx

final class SyntaxTests: XCTestCase {
    private func tokens(_ text: String) throws -> [String] {
        var lexer = Lexer(source: Source(name: "t.rx", path: nil, text: text))
        return try lexer.tokenize().map { token in
            switch token.kind {
            case .number(let x): return "num:\(Value.format(x))@\(token.location.column)"
            case .string(let parts): return "str:\(parts.count)@\(token.location.column)"
            case .identifier(let n): return "id:\(n)"
            case .keyword(let k): return "kw:\(k.rawValue)"
            case .symbol(let s): return "sym:\(s)"
            case .newline: return "nl"
            case .end: return "end"
            }
        }
    }

    private func parse(_ text: String) throws -> String {
        try Parser.parse(Source(name: "t.rx", path: nil, text: text)).map(\.description).joined(separator: "\n")
    }

    func testLexerTokensColumnsAndComments() throws {
        XCTAssertEqual(try tokens("lr = 3e-4 # learning rate\nok = x >= 1_000 and not done"), [
            "id:lr", "sym:=", "num:0.0003@6", "nl",
            "id:ok", "sym:=", "id:x", "sym:>=", "num:1000@11", "kw:and", "kw:not", "id:done", "end",
        ])
        XCTAssertEqual(try tokens("s = \"arm {name}: {x:.3}\""), ["id:s", "sym:=", "str:4@5", "end"])
        XCTAssertThrowsError(try tokens("x = 3abc"))
        XCTAssertThrowsError(try tokens("s = \"bad \\q\""))
    }

    func testParserGroupsByPrecedence() throws {
        XCTAssertEqual(try parse("x = 1 + 2 * -3 - 4"), "(= x (- (+ 1 (* 2 (- 3))) 4))")
        XCTAssertEqual(try parse("a or b and not c == d"), "(or a (and b (not (== c d))))")
        XCTAssertEqual(try parse("cfg.train.steps[0]"), "([] (. (. cfg train) steps) 0)")
    }

    func testParserCallsRecordsAndMultiLineBrackets() throws {
        XCTAssertEqual(try parse("m = train(data,\n  model: \"light\",\n  seed: 1)"),
                       "(= m (train data model: \"light\" seed: 1))")
        XCTAssertEqual(try parse("r = {\n  name: \"a\",\n  \"odd key\": [1,\n 2],\n}"), "(= r {name: \"a\" odd key: [1 2]})")
        XCTAssertEqual(try parse("s = \"arm {a.b}: {x * 2:.1%}\""), "(= s \"arm {(. a b)}: {(* x 2):.1%}\")")
    }

    func testParserForIfAndImport() throws {
        XCTAssertEqual(try parse("import \"presets.rx\" as p\narms = for s in seeds {\n  m = f(s)\n  m\n}"),
                       "(import \"presets.rx\" as p)\n(= arms (for s seeds {(= m (f s)); m}))")
        XCTAssertEqual(try parse("y = if a { 1 }\nelse if b { 2 } else { 3 }"), "(= y (if a {1} {(if b {2} {3})}))")
        XCTAssertEqual(try parse("x = 1; y = 2"), "(= x 1)\n(= y 2)")
    }

    func testParserRejectsPositionalAfterNamedAndCallsOfNonNames() {
        XCTAssertThrowsError(try parse("f(a: 1, 2)")) { error in
            XCTAssertEqual((error as? RxError)?.message, "a positional argument cannot follow named ones")
        }
        XCTAssertThrowsError(try parse("x = a.b(1)")) { error in
            XCTAssertEqual((error as? RxError)?.location?.column, 8)
        }
        XCTAssertThrowsError(try parse("x = {a: 1, a: 2}")) { error in
            XCTAssertEqual((error as? RxError)?.message, "record key `a` appears twice")
        }
    }
}
