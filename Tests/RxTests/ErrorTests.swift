import XCTest
@testable import Rx

/// Every error kind points at the right `file:line:col` with the source line and a caret.
final class ErrorTests: XCTestCase {
    private func assertError(_ recipe: String, kind: RxError.Kind, at position: String, caret: String,
                             contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        let h = Harness()
        guard let error = h.error(recipe, file: file, line: line) else { return }
        XCTAssertEqual(error.kind, kind, error.description, file: file, line: line)
        XCTAssertEqual(error.location?.description, "main.rx:\(position)", error.description, file: file, line: line)
        let lines = error.description.split(separator: "\n").map(String.init)
        XCTAssertGreaterThanOrEqual(lines.count, 3, error.description, file: file, line: line)
        if lines.count >= 3 { XCTAssertEqual(lines[2], caret, error.description, file: file, line: line) }
        XCTAssertTrue(error.description.contains(text), "\(error.description)\nlacks: \(text)", file: file, line: line)
    }

    func testSyntaxErrors() {
        assertError("x = 1\ny = (2 + \n", kind: .syntax, at: "3:1", caret: "   | ^", contains: "expected an expression, found end of input")
        assertError("x = [1, 2\n", kind: .syntax, at: "2:1", caret: "   | ^", contains: "expected `]` to close the list opened at main.rx:1:5")
        assertError("s = \"arm {name\"", kind: .syntax, at: "1:10", caret: "   |          ^", contains: "unterminated `{` in string")
        assertError("a = 1 < 2 < 3", kind: .syntax, at: "1:11", caret: "   |           ^", contains: "comparisons do not chain")
        assertError("for = 3", kind: .syntax, at: "1:1", caret: "   | ^~~", contains: "reserved word")
        assertError("x = 3 $", kind: .syntax, at: "1:7", caret: "   |       ^", contains: "unexpected character `$`")
    }

    func testFullRenderingOfAnUnknownNameWithSuggestion() {
        let h = Harness()
        let error = h.error("model = \"light\"\nm = len(modle)\n")
        XCTAssertEqual(error?.description, """
        main.rx:2:9: error: unknown name `modle`; did you mean `model`?
         2 | m = len(modle)
           |         ^~~~~
        """)
    }

    func testUnknownBuiltinAndParameterSuggestions() {
        assertError("x = maen([1, 2])", kind: .unknownName, at: "1:5", caret: "   |     ^~~~", contains: "unknown builtin `maen`; did you mean `mean`?")
        assertError("x = sort([2, 1], decending: true)", kind: .argument, at: "1:18", caret: "   |                  ^~~~~~~~~",
                    contains: "sort has no parameter `decending`; did you mean `descending`?")
        assertError("r = {steps: 1}\nx = r.step", kind: .unknownName, at: "2:7", caret: "   |       ^~~~", contains: "did you mean `steps`?")
    }

    func testWrongArgumentTypesPointAtTheArgument() {
        assertError("x = range(\"3\")", kind: .type, at: "1:11", caret: "   |           ^~~",
                    contains: "range: argument `start` expected whole number, got string \"3\"")
        assertError("x = range(2.5)", kind: .type, at: "1:11", caret: "   |           ^~~", contains: "expected a whole number, got 2.5")
        assertError("x = mean([1, \"a\"])", kind: .type, at: "1:10", caret: "   |          ^", contains: "item 1: expected number, got string")
        assertError("x = len()", kind: .argument, at: "1:5", caret: "   |     ^~~", contains: "len: missing argument `value`")
        assertError("x = 1 + \"a\"", kind: .type, at: "1:7", caret: "   |       ^", contains: "cannot add number and string")
        assertError("x = if 1 { 2 }", kind: .type, at: "1:8", caret: "   |        ^", contains: "condition must be a bool")
    }

    func testFailuresInsideBuiltinsNameTheBuiltinAndArm() {
        let h = Harness()
        let error = h.error("""
        xs = for n in [3, 0] {
            range(1, 5, step: n - n)
        }
        """)
        XCTAssertEqual(error?.location?.description, "main.rx:2:23")
        XCTAssertEqual(error?.location?.length, 5)
        XCTAssertEqual(error?.message, "range: step must not be 0")
        XCTAssertEqual(error?.context, ["in arm n=3 (for at main.rx:1:6)"])
        assertError("assert(1 > 2, \"one is not above two\")", kind: .assertion, at: "1:1", caret: "   | ^~~~~~",
                    contains: "assertion failed: one is not above two")
    }

    func testImportErrors() {
        let h = Harness()
        h.write("a.rx", "import \"b.rx\"\nx = 1\n")
        h.write("b.rx", "import \"a.rx\"\n")
        let cycle = h.error("import \"a.rx\"\n")
        XCTAssertEqual(cycle?.kind, .importFailure)
        XCTAssertEqual(cycle?.message, "import cycle: a.rx → b.rx → a.rx")
        XCTAssertEqual(cycle?.location?.description, "b.rx:1:1")
        XCTAssertEqual(cycle?.context, ["imported at a.rx:1:1", "imported at main.rx:1:1"])

        let missing = Harness().error("y = 2\nimport \"nowhere.rx\"\n")
        XCTAssertEqual(missing?.kind, .importFailure)
        XCTAssertEqual(missing?.location?.description, "main.rx:2:1")
        XCTAssertTrue(missing?.message.hasPrefix("cannot find `nowhere.rx`") ?? false)

        let folder = Harness()
        folder.write("folder.rx/inside.txt", "")
        let unreadable = folder.error("x = 1\nimport \"folder.rx\"")
        XCTAssertEqual(unreadable?.location?.description, "main.rx:2:1")
        XCTAssertTrue(unreadable?.message.hasPrefix("cannot read recipe file") ?? false, unreadable?.message ?? "")

        let h2 = Harness()
        h2.write("bad.rx", "ok = 1\noops = [1,\n")
        let inner = h2.error("import \"bad.rx\"")
        XCTAssertEqual(inner?.location?.description, "bad.rx:2:8")
        XCTAssertEqual(inner?.message, "`[` opened here is never closed")
    }

    func testSuggestionDistance() {
        XCTAssertEqual(Suggest.nearest("rl", in: ["lr", "seed"]), "lr")
        XCTAssertEqual(Suggest.nearest("trian", in: ["train", "table", "judge"]), "train")
        XCTAssertEqual(Suggest.nearest("Train", in: ["train"]), "train")
        XCTAssertNil(Suggest.nearest("zebra", in: ["train", "table"]))
    }
}
