import XCTest
@testable import Rx

final class ReplTests: XCTestCase {
    private func session() -> (ReplSession, Box) {
        let box = Box()
        let interpreter = Interpreter(output: { box.out.append($0) }, diagnostics: { box.err.append($0) })
        let session = ReplSession(interpreter: interpreter, output: { box.out.append($0) }, errors: { box.err.append($0) })
        return (session, box)
    }

    final class Box { var out: [String] = []; var err: [String] = [] }

    func testMultiLineEntriesEchoAndErrorsWithSessionLineNumbers() {
        let (repl, box) = session()
        for line in ["xs = [1, 2,", "  3]", "mean(xs)", "arms = for x in xs {", "  x * x", "}", "arms", "mean(xz)"] {
            repl.feed(line)
        }
        XCTAssertEqual(box.out, ["2", "[1, 4, 9]"])
        XCTAssertEqual(box.err.count, 1)
        XCTAssertEqual(box.err.first?.split(separator: "\n").first, "repl:8:6: error: unknown name `xz`; did you mean `xs`?")
        XCTAssertEqual(repl.failures, 1)
        XCTAssertEqual(repl.effectiveEntries, ["xs = [1, 2,\n  3]", "mean(xs)", "arms = for x in xs {\n  x * x\n}", "arms"])
    }

    func testFailedEntryLeavesVariablesUntouched() {
        let (repl, _) = session()
        repl.feed("a = 1")
        repl.feed("a = 2; b = nope")
        XCTAssertEqual(repl.interpreter.variables["a"], .number(1))
        XCTAssertNil(repl.interpreter.variables["b"])
    }

    func testSaveWritesAReplayableRecipe() throws {
        let (repl, box) = session()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rx-save-\(UUID().uuidString).rx").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        for line in ["seed = 3", "xs = shuffle(range(6))", "bad = len(1)", "s = {mean: mean(xs), n: len(xs)}",
                     "label = \"n={s.n}\"", ":save \(file)"] {
            repl.feed(line)
        }
        XCTAssertEqual(box.out.last, "saved 4 entries to \(file)")
        let replay = Interpreter(output: { _ in }, diagnostics: { _ in })
        _ = try replay.run(file: file)
        for name in ["seed", "xs", "s", "label"] {
            XCTAssertEqual(replay.variables[name], repl.interpreter.variables[name], name)
        }
        XCTAssertNil(replay.variables["bad"])
        XCTAssertEqual(replay.variables["label"], .string("n=6"))
    }

    func testCommandsHelpAndCompletion() {
        let (repl, box) = session()
        repl.feed("cfg = {steps: 5, seeds: [1]}")
        repl.feed(":help mean")
        XCTAssertEqual(box.out.last?.split(separator: "\n").first, "mean(values: list of number) -> number")
        repl.feed(":hlep")
        XCTAssertEqual(box.err.last, "error: unknown command `:hlep`; did you mean `:help`? (:help lists them)")
        XCTAssertEqual(repl.completions(word: "me", line: "x = me"), ["mean", "median", "merge"])
        XCTAssertEqual(repl.completions(word: "cfg.s", line: "cfg.s"), ["cfg.seeds", "cfg.steps"])
        XCTAssertEqual(repl.completions(word: ":s", line: ":s"), [":save"])
        XCTAssertEqual(repl.completions(word: "cf", line: "cf"), ["cfg"])
        repl.feed(":quit")
        XCTAssertTrue(repl.isFinished)
    }

    func testBracketCountingIgnoresStringsAndComments() {
        XCTAssertEqual(ReplSession.openBrackets("f(\"(\", [1, # ]\n"), 2)
        XCTAssertEqual(ReplSession.openBrackets("\"{x}\" + \"\\\"(\""), 0)
    }
}
