import Autograd
import Motion
import XCTest
@testable import ViMoGen

final class ModelTests: XCTestCase {
    private let encoder = HashingTextEncoder()

    private func conditioning(text: Int, motion: Int, frames: Int) -> Conditioning {
        let texts = encoder.encode(Array(Fixtures.captions.prefix(text)))
        let refs = (0..<motion).map { ReferenceMotion(Fixtures.clip($0, frames: frames).frames) }
        return Conditioning(text: text > 0 ? TextContext(texts) : nil, references: refs, frames: frames)
    }

    func testOutputShapeAndParameterSplit() throws {
        let model = try Fixtures.model()
        var rng = RandomGenerator(seed: 3)
        let x = rng.normal([3, 10, 276])
        let y = model(x, sigma: [0.1, 0.5, 0.9], conditioning: conditioning(text: 2, motion: 1, frames: 10))
        XCTAssertEqual(y.shape, [3, 10, 276])
        // adaLN-Zero: the untrained model predicts exactly zero (the dataset mean).
        XCTAssertEqual(y.scalars.map(abs).max(), 0)
        let split = model.parameterSplit
        XCTAssertEqual(split.values.reduce(0, +), model.parameterCount)
        XCTAssertGreaterThan(split[.text]!, 0)
        XCTAssertGreaterThan(split[.motion]!, 0)
        let single = try Fixtures.model(Fixtures.configuration(branches: .textOnly))
        XCTAssertEqual(single.parameterSplit[.motion], 0)
        XCTAssertEqual(single.parameterSplit[.text], split[.text])
    }

    /// The hard switch: gradients of T2M samples never reach M2M-only parameters, and vice versa.
    func testBranchSwitchIsolatesGradients() throws {
        let model = try Fixtures.model()
        Fixtures.randomiseZeroInitialised(model)
        var rng = RandomGenerator(seed: 4)
        let x = rng.normal([4, 8, 276])
        let cond = conditioning(text: 2, motion: 2, frames: 8)
        for (rows, silent, active) in [(0..<2, ParameterGroup.motion, ParameterGroup.text),
                                       (2..<4, ParameterGroup.text, ParameterGroup.motion)] {
            model.zeroGrad()
            let y = model(x, sigma: [0.3, 0.6, 0.3, 0.6], conditioning: cond)
            y.slice(axis: 0, rows).square().sum().backward()
            var norms: [ParameterGroup: Float] = [:]
            for p in model.namedParameters {
                let g = p.tensor.grad?.scalars.reduce(0) { $0 + $1 * $1 } ?? 0
                norms[ParameterGroup(parameterName: p.name), default: 0] += g
            }
            XCTAssertEqual(norms[silent], 0, "rows \(rows) reached the \(silent) branch")
            XCTAssertGreaterThan(norms[active]!, 0)
            XCTAssertGreaterThan(norms[.shared]!, 0)
        }
    }

    func testConfigurationErrorsNameTheField() {
        var config = Fixtures.configuration()
        config.heads = 3
        XCTAssertThrowsError(try config.validate()) { error in
            XCTAssertTrue("\(error)".contains("heads"), "\(error)")
        }
    }

    func testNullContextIsEmptyStringZeroPaddedToPromptLength() {
        let prompts = encoder.encode(["a person walks forward", "someone jumps"])
        let null = encoder.encode("")
        let context = TextContext(prompts, nullText: null, dropped: [true, false])
        XCTAssertEqual(context.length, 6)
        XCTAssertEqual(context.mask.scalars, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0])
        guard case .features(let f) = context.content else { return XCTFail("expected features") }
        let row0 = Array(f.scalars[0..<48])
        XCTAssertEqual(Array(row0[0..<16]), null.features)        // [CLS] [SEP] of ""
        XCTAssertEqual(Array(row0[16...]), [Float](repeating: 0, count: 32))
        XCTAssertEqual(Array(f.scalars[48..<80]), prompts[1].features)
        XCTAssertEqual(Array(f.scalars[80..<96]), [Float](repeating: 0, count: 16))
    }
}
