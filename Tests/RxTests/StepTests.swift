import XCTest
@testable import Rx

/// A stand-in for a Lab step: squares a number, caching results by argument and remembering
/// the parameters last used at each step path, the way Lab's steps answer `--plan`.
final class SquareStep {
    private(set) var cache: [Double: (run: Int, value: Double)] = [:]
    private(set) var lastAt: [String: [String: Value]] = [:]
    private(set) var executions = 0

    var builtin: Builtin {
        Builtin("square", [Parameter("x", .number), Parameter("fail", .bool, default: .bool(false))],
                returns: .number, doc: "Squares x (a test step).",
                step: StepSpec(kind: "square") { [unowned self] args, context in
                    let x = try args.number("x")
                    if let hit = self.cache[x] { return StepPlan(.cached(run: String(hit.run)), value: .number(hit.value)) }
                    if let before = self.lastAt[context.stepPath] {
                        return StepPlan(.rerun, reasons: StepPlan.changes(from: before, to: args.all))
                    }
                    return StepPlan(.willRun)
                }) { [unowned self] args, context in
            if try args.bool("fail") { throw BuiltinFailure("refusing to square \(Value.format(try args.number("x")))", argument: "x") }
            self.executions += 1
            let x = try args.number("x")
            self.cache[x] = (self.cache.count + 1, x * x)
            self.lastAt[context.stepPath] = args.all
            return .number(x * x)
        }
    }
}

final class StepTests: XCTestCase {
    private func harness(_ step: SquareStep, plan: Bool = false, keepGoing: Bool = false) -> Harness {
        let h = Harness()
        h.registry.register(step.builtin)
        h.options = Interpreter.Options(plan: plan, keepGoing: keepGoing)
        return h
    }

    func testPlanReportsWillRunThenCachedThenWhyRerun() throws {
        let step = SquareStep()
        let recipe = "lr = 2\nys = for a in [1, 2] { square(lr + a) }\ntotal = sum(ys)\nprint(\"total {total}\")\n"
        let first = harness(step, plan: true)
        let planned = try first.run(recipe)
        XCTAssertEqual(planned.plannedSteps.map(\.plan.status), [.willRun, .willRun])
        XCTAssertEqual(step.executions, 0, "--plan runs nothing")
        XCTAssertEqual(first.printed[0], "[plan] main.rx:2:24 square [a=1]: will run")
        XCTAssertEqual(first.printed.last, "total <number planned, made by sum at main.rx:3:9>")

        let real = harness(step)
        try real.run(recipe)
        XCTAssertEqual(real.value("total"), .number(25))
        XCTAssertEqual(step.executions, 2)

        let again = harness(step, plan: true)
        let cached = try again.run(recipe)
        XCTAssertEqual(cached.plannedSteps.map(\.plan.status), [.cached(run: "1"), .cached(run: "2")])
        XCTAssertEqual(again.printed.last, "total 25", "cached plans hand real values downstream")

        let changed = harness(step, plan: true)
        try changed.run(recipe, overrides: ["lr=3"])
        XCTAssertEqual(changed.printed[0], "[plan] main.rx:1:1 lr = 3 (--set; recipe says 2)")
        XCTAssertEqual(changed.printed[1], "[plan] main.rx:2:24 square [a=1]: cached: run 2")
        XCTAssertEqual(changed.printed[2], "[plan] main.rx:2:24 square [a=2]: will re-run (x changed 4 → 5)")
    }

    func testPlannedInputsPropagateToLaterSteps() throws {
        let step = SquareStep()
        let h = harness(step, plan: true)
        let summary = try h.run("a = square(3)\nb = square(a)\n")
        XCTAssertEqual(summary.plannedSteps.count, 2)
        XCTAssertEqual(summary.plannedSteps[1].plan.description, "will run (after square at main.rx:1:5)")
    }

    func testStepFailureNamesStepAndArm() {
        let step = SquareStep()
        let h = harness(step)
        let error = h.error("ys = for a in [1, 2] {\n  square(a, fail: a == 2)\n}\n")
        XCTAssertEqual(error?.kind, .step)
        XCTAssertEqual(error?.location?.description, "main.rx:2:10")
        XCTAssertEqual(error?.message, "square: refusing to square 2")
        XCTAssertEqual(error?.context, ["in step square at main.rx:2:3", "in arm a=2 (for at main.rx:1:6)"])
    }

    func testKeepGoingCollectsEveryFailedArmAndKeepsTheRest() throws {
        let step = SquareStep()
        let h = harness(step, keepGoing: true)
        let summary = try h.run("""
        ys = for a in [1, 2, 3, 4] {
            square(a, fail: a % 2 == 0)
        }
        after = len(ys)
        """)
        XCTAssertEqual(h.value("ys"), .list([.number(1), .number(9)]))
        XCTAssertEqual(h.value("after"), .number(2), "the recipe goes on after the loop")
        XCTAssertEqual(summary.failures.map { $0.context.last! }, ["in arm a=2 (for at main.rx:1:6)", "in arm a=4 (for at main.rx:1:6)"])
        XCTAssertEqual(h.notes.count, 2)
        XCTAssertEqual(step.executions, 2)
    }

    func testChangesListsEveryDifference() {
        XCTAssertEqual(StepPlan.changes(from: ["lr": .number(1e-4), "seed": .number(1), "old": .bool(true)],
                                        to: ["lr": .number(3e-4), "seed": .number(1), "encoder": .string("bow")]),
                       ["encoder added: \"bow\"", "lr changed 0.0001 → 0.0003", "old removed (was true)"])
    }
}
