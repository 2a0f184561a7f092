import XCTest
@testable import Rx

/// `--set key=value` is typed by the value it replaces and fails fast on unknown keys.
final class OverrideTests: XCTestCase {
    private let recipe = """
    lr = 1e-4
    name = "light"
    quick = true
    seeds = [1, 2]
    cfg = {train: {steps: 200, heads: 4}, world: "small"}
    xs = for s in seeds { s * 10 }
    """

    func testOverridesAreTypedByTheExistingValue() throws {
        let h = Harness()
        try h.run(recipe, overrides: ["lr=3e-4", "name=vimogen", "quick=false", "seeds=[5, 6, 7]", "cfg.train.steps=50"])
        XCTAssertEqual(h.value("lr"), .number(3e-4))
        XCTAssertEqual(h.value("name"), .string("vimogen"))
        XCTAssertEqual(h.value("quick"), .bool(false))
        XCTAssertEqual(h.value("xs"), .list([.number(50), .number(60), .number(70)]))
        guard case .record(let cfg)? = h.value("cfg"), case .record(let train)? = cfg["train"] else { return XCTFail() }
        XCTAssertEqual(train["steps"], .number(50))
        XCTAssertEqual(train["heads"], .number(4))
    }

    func testUnknownKeySuggestsTheNearestName() {
        let error = Harness().error(recipe, overrides: ["lrr=3e-4"])
        XCTAssertEqual(error?.kind, .override)
        XCTAssertEqual(error?.message, "--set lrr=3e-4: the recipe assigns no top-level `lrr`; did you mean `lr`?")
        XCTAssertNil(error?.location)
        let field = Harness().error(recipe, overrides: ["cfg.train.step=5"])
        XCTAssertEqual(field?.message, "--set cfg.train.step=5: `cfg.train` has no field `step`; did you mean `steps`?")
        XCTAssertEqual(field?.location?.description, "main.rx:5:1")
    }

    func testTypeChangesAreErrors() {
        let number = Harness().error(recipe, overrides: ["lr=fast"])
        XCTAssertEqual(number?.message, "--set lr=fast: `lr` is a number (now 0.0001), and \"fast\" is not a number")
        let bool = Harness().error(recipe, overrides: ["quick=1"])
        XCTAssertEqual(bool?.message, "--set quick=1: `quick` is a bool (now true), and \"1\" is not true or false")
        let list = Harness().error(recipe, overrides: ["seeds=[1, \"two\"]"])
        XCTAssertEqual(list?.message, "--set seeds=[1, \"two\"]: `seeds` is a list of numbers, but \"two\" is a string")
        let record = Harness().error(recipe, overrides: ["cfg=3"])
        XCTAssertTrue(record?.message.hasPrefix("--set cfg=3: `cfg` is a record") ?? false, record?.message ?? "")
        XCTAssertThrowsError(try Override.parse("novalue"))
    }

    func testOverridesReachTopLevelAssignmentsOfImportedFiles() throws {
        let h = Harness()
        h.write("settings.rx", "steps = 10\n")
        try h.run("import \"settings.rx\"\ntotal = steps * 2\n", overrides: ["steps=25"])
        XCTAssertEqual(h.value("total"), .number(50))
    }
}
