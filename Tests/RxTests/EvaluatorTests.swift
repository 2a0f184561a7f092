import Autograd
import XCTest
@testable import Rx

final class EvaluatorTests: XCTestCase {
    func testArithmeticPrecedenceAndNumbers() throws {
        XCTAssertEqual(try eval("1 + 2 * 3 - 4 / 2"), .number(5))
        XCTAssertEqual(try eval("(1 + 2) * 3 % 4"), .number(1))
        XCTAssertEqual(try eval("-2 * 1e-4"), .number(-2e-4))
        XCTAssertEqual(try eval("1_000 + 0.5"), .number(1000.5))
        XCTAssertEqual(try eval("1 < 2 and not (3 == 4) or false"), .bool(true))
        XCTAssertEqual(try eval("\"ab\" + \"cd\" == \"abcd\""), .bool(true))
        XCTAssertEqual(try eval("[1, 2] + [3]"), .list([.number(1), .number(2), .number(3)]))
    }

    func testStringInterpolationAndFormats() throws {
        let h = Harness()
        try h.run("""
        name = "wild"
        x = 0.41234
        print("arm {name}: {x:.2} ({x:.1%}, {x * 1000:.1e}) \\{literal\\}")
        """)
        XCTAssertEqual(h.printed, ["arm wild: 0.41 (41.2%, 4.1e+02) {literal}"])
        XCTAssertEqual(try eval("str(0.1 + 0.2) + \" \" + str(3 * 1e-4) + \" \" + str(2e20) + \" \" + str(-4)"),
                       .string("0.3 0.0003 2e+20 -4"))
    }

    func testRecordsListsFieldsAndIndexing() throws {
        let h = Harness()
        try h.run("""
        cfg = {name: "small", train: {steps: 200, lr: 3e-4}, seeds: [1, 2, 3]}
        steps = cfg.train.steps
        second = cfg.seeds[1]
        key = cfg["name"]
        n = len(keys(cfg))
        """)
        XCTAssertEqual(h.value("steps"), .number(200))
        XCTAssertEqual(h.value("second"), .number(2))
        XCTAssertEqual(h.value("key"), .string("small"))
        XCTAssertEqual(h.value("n"), .number(3))
    }

    func testForYieldsListAndIfIsAnExpression() throws {
        let h = Harness()
        try h.run("""
        # one arm per source; the body's last expression is the arm's value
        arms = for src in ["core", "wild", "synthetic"] {
            size = len(src)
            {arm: src, size: size, big: if size > 4 { "yes" } else { "no" }}
        }
        sizes = for a in arms { a.size }
        grid = for s in range(2) { for t in [10, 20] { s + t } }
        """)
        XCTAssertEqual(h.value("sizes"), .list([.number(4), .number(4), .number(9)]))
        guard case .list(let arms)? = h.value("arms"), case .record(let last) = arms[2] else { return XCTFail("arms") }
        XCTAssertEqual(last["big"], .string("yes"))
        XCTAssertEqual(h.value("grid"), .list([.list([.number(10), .number(20)]), .list([.number(11), .number(21)])]))
    }

    func testElseIfChainAndMissingElseIsNone() throws {
        XCTAssertEqual(try eval("if 1 > 2 { \"a\" } else if 2 > 1 { \"b\" } else { \"c\" }"), .string("b"))
        XCTAssertEqual(try eval("if false { 1 }"), Value.none)
    }

    func testStatisticsBuiltins() throws {
        XCTAssertEqual(try eval("mean([1, 2, 3, 4])"), .number(2.5))
        XCTAssertEqual(try eval("median([3, 1, 2, 10])"), .number(2.5))
        guard case .number(let s)? = try eval("std([2, 4, 4, 4, 5, 5, 7, 9])") else { return XCTFail() }
        XCTAssertEqual(s, 2.138089935299395, accuracy: 1e-12)
        guard case .record(let ci)? = try eval("ci95([0.40, 0.44, 0.42])") else { return XCTFail() }
        // mean 0.42, std 0.02, t(2) = 4.303: half = 4.303 * 0.02 / sqrt(3)
        guard case .number(let half)? = ci["half"], case .number(let mean)? = ci["mean"] else { return XCTFail() }
        XCTAssertEqual(mean, 0.42, accuracy: 1e-12)
        XCTAssertEqual(half, 4.303 * 0.02 / 3.0.squareRoot(), accuracy: 1e-9)
    }

    func testListAndTextBuiltins() throws {
        XCTAssertEqual(try eval("sort([3, 1, 2], descending: true)"), .list([.number(3), .number(2), .number(1)]))
        XCTAssertEqual(try eval("join(for r in sort([{k: \"b\", v: 2}, {k: \"a\", v: 1}], by: \"k\") { r.v }, \"-\")"), .string("1-2"))
        XCTAssertEqual(try eval("range(1, 7, step: 2)"), .list([.number(1), .number(3), .number(5)]))
        XCTAssertEqual(try eval("num(\"3e-4\") * 2"), .number(6e-4))
        XCTAssertEqual(try eval("str(1.5) + \"x\""), .string("1.5x"))
        XCTAssertEqual(try eval("format(0.123456, \".3\")"), .string("0.123"))
        XCTAssertEqual(try eval("split(\"a,b\", \",\")"), .list([.string("a"), .string("b")]))
        XCTAssertEqual(try eval("merge({a: 1, b: 2}, {b: 3}).b"), .number(3))
        XCTAssertEqual(try eval("zip([1, 2], [\"a\", \"b\"])[1]"), .list([.number(2), .string("b")]))
        XCTAssertEqual(try eval("contains([1, 2], 2) and contains(\"motion\", \"tio\")"), .bool(true))
    }

    func testSeedsAreDerivedPerStepPathAndReproducible() throws {
        let recipe = """
        seed = 7
        a = for arm in ["x", "y"] { shuffle(range(10)) }
        b = for arm in ["x", "y"] { shuffle(range(10)) }
        c = shuffle(range(10), seed: 7)
        """
        let h = Harness(), again = Harness()
        try h.run(recipe)
        try again.run(recipe)
        XCTAssertEqual(h.value("a"), again.value("a"), "the same recipe draws the same numbers")
        XCTAssertNotEqual(h.value("a"), h.value("b"), "a second call in the same arm is a new step path")
        guard case .list(let arms)? = h.value("a") else { return XCTFail() }
        XCTAssertNotEqual(arms[0], arms[1], "different arms get different seeds")
        XCTAssertEqual(Seeds.derive(7, path: "arm=\"x\"/shuffle#0"), Seeds.derive(7, path: "arm=\"x\"/shuffle#0"))
        XCTAssertNotEqual(Seeds.derive(7, path: "arm=\"x\"/shuffle#0"), Seeds.derive(8, path: "arm=\"x\"/shuffle#0"))
        var generator = RandomGenerator(seed: 7)
        XCTAssertEqual(h.value("c"), .list((0..<10).map { Value.number(Double($0)) }.shuffled(using: &generator)))
    }

    func testRandomnessWithoutDeclaredSeedIsAnError() {
        let h = Harness()
        let error = h.error("xs = shuffle([1, 2, 3])")
        XCTAssertEqual(error?.kind, .value)
        XCTAssertTrue(error?.message.contains("no seed is declared") ?? false, error?.description ?? "")
    }

    func testImportMergesNamesAndAliasMakesARecord() throws {
        let h = Harness()
        h.write("settings/base.rx", "steps = 100\nname = \"small\"\n")
        h.write("settings/more.rx", "import \"base.rx\"\nlr = steps / 4\n")
        try h.run("""
        import "settings/more.rx"
        import "settings/base.rx" as base
        total = lr * 2
        n = base.steps
        """)
        XCTAssertEqual(h.value("total"), .number(50))
        XCTAssertEqual(h.value("n"), .number(100))
        XCTAssertNil(h.value("steps"), "an import does not re-export what its file imported")
    }

    func testBlocksCannotReassignOuterVariables() {
        let h = Harness()
        let error = h.error("n = 1\nx = for i in [1] {\n  n = 2\n}")
        XCTAssertEqual(error?.location?.line, 3)
        XCTAssertTrue(error?.message.contains("already defined at main.rx:1:1") ?? false, error?.description ?? "")
    }
}
