import Foundation
import XCTest
@testable import Lab

final class PresetsTests: XCTestCase {
    private let valid = """
        [tiny]
        world_clips = 10
        model_width = 16
        model_depth = 1
        model_heads = 2
        reference_encoder_depth = 1
        training_steps = 5
        batch_size = 2
        learning_rate = 1
        judge_steps = 3
        prompts_per_dimension = 2
        euler_steps = 2
        seeds = [4, 5]
        """

    func testShippedPresetsHaveTheThreeSizes() throws {
        let presets = try Presets.load(from: packageRoot.appendingPathComponent("Experiments/presets.toml"))
        XCTAssertEqual(presets.all.map(\.name), ["smoke", "small", "large"])
        let small = try presets.preset(named: "small")
        XCTAssertEqual(small.modelWidth, 128)
        XCTAssertEqual(small.modelDepth, 4)
        XCTAssertEqual(small.modelHeads, 4)
        // One training seed at small keeps all.rx under 90 minutes; intervals over seeds come from large.
        XCTAssertEqual(small.seeds, [0])
        XCTAssertGreaterThan(try presets.preset(named: "large").seeds.count, 1)
        let smoke = try presets.preset(named: "smoke")
        XCTAssertLessThan(smoke.trainingSteps, small.trainingSteps)
        XCTAssertLessThan(small.trainingSteps, try presets.preset(named: "large").trainingSteps)
    }

    func testTypedReadAndOverrides() throws {
        let tiny = try Presets(text: valid, file: "p.toml").preset(named: "tiny")
        XCTAssertEqual(tiny.learningRate, 1.0, "an integer is accepted where a number is expected")
        XCTAssertEqual(tiny.seeds, [4, 5])
        XCTAssertEqual(tiny.params["seeds"], "4,5")
        let changed = try tiny.setting("seeds", to: "[0, 1, 2]").setting("model_width", to: "32")
        XCTAssertEqual(changed.seeds, [0, 1, 2])
        XCTAssertEqual(changed.modelWidth, 32)
        XCTAssertThrowsError(try tiny.setting("model_widht", to: "32")) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'model_width'"), "\(error)")
        }
        XCTAssertThrowsError(try tiny.setting("model_heads", to: "3")) { error in
            XCTAssertTrue("\(error)".contains("does not divide model_width 16"), "\(error)")
        }
        XCTAssertThrowsError(try tiny.setting("batch_size", to: "many"))
    }

    func testErrorsNameFileLineAndKey() throws {
        let misspelt = valid.replacingOccurrences(of: "judge_steps", with: "judge_step")
        XCTAssertThrowsError(try Presets(text: misspelt, file: "p.toml")) { error in
            XCTAssertEqual(error as? PresetError, .unknownKey(key: "judge_step", section: "tiny", file: "p.toml", line: 10,
                                                             suggestion: "judge_steps"))
        }
        let wrongType = valid.replacingOccurrences(of: "batch_size = 2", with: "batch_size = \"two\"")
        XCTAssertThrowsError(try Presets(text: wrongType, file: "p.toml")) { error in
            XCTAssertEqual("\(error)", "p.toml:8: [tiny] batch_size must be a positive integer")
        }
        let missing = valid.replacingOccurrences(of: "euler_steps = 2\n", with: "")
        XCTAssertThrowsError(try Presets(text: missing, file: "p.toml")) { error in
            XCTAssertEqual(error as? PresetError, .missingKey(key: "euler_steps", section: "tiny", file: "p.toml"))
        }
        let negative = valid.replacingOccurrences(of: "training_steps = 5", with: "training_steps = -5")
        XCTAssertThrowsError(try Presets(text: negative, file: "p.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("p.toml:7: [tiny] training_steps"), "\(error)")
        }
        XCTAssertThrowsError(try Presets(text: "[tiny\nx = 1", file: "p.toml")) { error in
            guard case let PresetError.syntax(file, line, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "p.toml")
            XCTAssertEqual(line, 1)
        }
        XCTAssertThrowsError(try Presets(text: valid, file: "p.toml").preset(named: "tinny")) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'tiny'"), "\(error)")
        }
    }
}
