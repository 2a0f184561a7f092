import Foundation
import Lab
import MotionWorld
import XCTest
@testable import Rx

/// The pure builtins the table recipes lean on: `flatten`, `plot` and the video-style prompts
/// of Table 4's test style.
final class StudyBuiltinTests: XCTestCase {
    func testFlattenRemovesOneLevel() throws {
        XCTAssertEqual(try eval("flatten([[1, 2], [3], 4])"), .list([1, 2, 3, 4].map { .number($0) }))
        XCTAssertEqual(try eval("flatten([[[1]], []])"), .list([.list([.number(1)])]))
    }

    func testPlotWritesTableRowsAndNamesBadFields() throws {
        let h = Harness()
        let environment = RxEnvironment(locations: ProjectLocations(environment: ["MOGENLAB_RESULTS": h.directory.path],
                                                                    currentDirectory: h.directory))
        h.registry = environment.registry()
        try h.run("""
            rows = [{row: "core", MG: 0.4, half: 0.05}, {row: "core+extended", MG: 0.5, half: 0.04}]
            path = plot(rows, file: "arms", x: "row", y: ["MG"], errors: ["half"])
            """)
        let path = try XCTUnwrap(h.value("path").flatMap { if case .string(let p) = $0 { return p } else { return nil } })
        XCTAssertEqual(path, h.directory.appendingPathComponent("plots/arms.png").path)
        let png = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])

        func failure(_ text: String, _ name: String) -> RxError? {
            do { try h.run(text, name: name) } catch let error as RxError { return error } catch { XCTFail("\(error)") }
            XCTFail("\(name): expected an error")
            return nil
        }
        let missing = failure("p = plot([{row: \"a\", MG: 1}], file: \"x\", x: \"row\", y: [\"MCC\"])", "missing.rx")
        XCTAssertEqual(missing?.message, "plot: row 0 has no number `MCC`")
        XCTAssertEqual(missing?.location?.column, 55, "at the `y` argument")
        let errors = failure("p = plot([{row: \"a\", MG: 1}], x: \"row\", y: [\"MG\"], errors: [])", "errors.rx")
        XCTAssertEqual(errors?.message, "plot: give one error field per `y` field (1), got 0")
        let shape = failure("p = plot([1, 2], x: \"row\")", "shape.rx")
        XCTAssertEqual(shape?.message, "plot: `x` applies to table rows (a list of records)")
    }

    func testVideoStylePromptsWrapTheMotionInASceneAndAreStable() {
        let writer = VideoStylePrompts(lexicon: .standard, seed: 0)
        let prompts = ["a person jumps twice.", "someone waves hello", "jumping jacks"]
        let rewritten = writer.rewrite(prompts)
        XCTAssertEqual(rewritten, writer.rewrite(prompts.reversed()), "each prompt's draw is its own")
        let jump = rewritten["a person jumps twice."]!
        XCTAssertTrue(jump.contains(" jumps twice "), jump)
        XCTAssertFalse(jump.lowercased().hasPrefix("a person"), jump)
        XCTAssertTrue(jump.hasSuffix("."), jump)
        XCTAssertTrue(Lexicon.standard.video.cameras.contains { jump.contains($0) }, jump)
        XCTAssertNotEqual(writer.rewrite(prompts), VideoStylePrompts(lexicon: .standard, seed: 1).rewrite(prompts))
    }
}
