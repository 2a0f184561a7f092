import XCTest
@testable import Autograd

/// Central finite differences against the tape's gradients.
///
/// The scalar being differentiated is Σ f(inputs) ⊙ w for a fixed random w, so every output
/// element contributes with a different weight; the sum is taken in Double to keep the
/// numerical derivative accurate in Float32.
func checkGradients(_ name: String, _ inputs: [Tensor], eps: Float = 1e-2, tolerance: Float = 2e-2,
                    file: StaticString = #filePath, line: UInt = #line, _ f: ([Tensor]) -> Tensor) {
    var rng = RandomGenerator(seed: 99)
    let probeShape = withNoGrad { f(inputs).shape }
    let weights = rng.normal(probeShape)
    func objective() -> Double {
        let out = withNoGrad { f(inputs) }
        return zip(out.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    for t in inputs { t.requiresGrad = true; t.grad = nil }
    let out = f(inputs)
    (out * weights).sum().backward()
    for (index, t) in inputs.enumerated() {
        guard let analytic = t.grad?.scalars else {
            XCTFail("\(name): input \(index) got no gradient", file: file, line: line)
            continue
        }
        var maxError: Float = 0
        var scale: Float = 1e-3
        var numeric = [Float](repeating: 0, count: t.count)
        for i in 0..<t.count {
            let saved = t.pointer[i]
            t.pointer[i] = saved + eps
            let plus = objective()
            t.pointer[i] = saved - eps
            let minus = objective()
            t.pointer[i] = saved
            numeric[i] = Float((plus - minus) / Double(2 * eps))
            scale = max(scale, abs(numeric[i]))
        }
        for i in 0..<t.count { maxError = max(maxError, abs(numeric[i] - analytic[i])) }
        XCTAssertLessThan(maxError / scale, tolerance,
                          "\(name): input \(index) gradient differs from finite differences (max error \(maxError), scale \(scale))",
                          file: file, line: line)
    }
}
