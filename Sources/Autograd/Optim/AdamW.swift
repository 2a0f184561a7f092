import AutogradKernels
import Foundation

/// Adam with decoupled weight decay (Loshchilov & Hutter), the same update as
/// `torch.optim.AdamW`: `p ← p·(1 − lr·wd)`, then the bias-corrected Adam step.
public final class AdamW {
    public let parameters: [NamedParameter]
    /// The current learning rate; schedules set it before each `step()`.
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var eps: Float
    public var weightDecay: Float
    /// Names excluded from weight decay (e.g. biases and norm scales), decided once at init.
    public let noDecay: Set<String>
    /// Number of updates applied so far (drives the bias correction).
    public private(set) var stepCount: Int = 0
    /// First and second moment estimates, one per parameter, same order as `parameters`.
    public private(set) var firstMoments: [Tensor]
    public private(set) var secondMoments: [Tensor]

    public init(_ parameters: [NamedParameter], learningRate: Float = 1e-3, beta1: Float = 0.9,
                beta2: Float = 0.999, eps: Float = 1e-8, weightDecay: Float = 0.01,
                excludeFromDecay: (String) -> Bool = { _ in false }) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
        noDecay = Set(parameters.map(\.name).filter(excludeFromDecay))
        firstMoments = parameters.map { Tensor.zeros($0.tensor.shape) }
        secondMoments = parameters.map { Tensor.zeros($0.tensor.shape) }
    }

    /// Applies one update to every parameter that has a gradient; `gradientScale` multiplies
    /// the gradients first (global-norm clipping passes its factor here).
    public func step(gradientScale: Float = 1) {
        stepCount += 1
        let bc1 = 1 - Foundation.pow(beta1, Float(stepCount))
        let bc2 = 1 - Foundation.pow(beta2, Float(stepCount))
        for (i, p) in parameters.enumerated() {
            guard let g = p.tensor.grad else { continue }
            let wd = noDecay.contains(p.name) ? 0 : weightDecay
            let (param, grad, m, v) = (p.tensor.pointer, g.pointer, firstMoments[i].pointer, secondMoments[i].pointer)
            let (lr, b1, b2, e) = (learningRate, beta1, beta2, eps)
            BLAS.parallelRanges(p.tensor.count) { r in
                let o = r.lowerBound
                ag_adamw_update(param + o, grad + o, m + o, v + o, r.count, lr, b1, b2, e, wd, bc1, bc2, gradientScale)
            }
        }
    }

    /// Clears the gradients of all parameters.
    public func zeroGrad() { for p in parameters { p.tensor.grad = nil } }

    /// The moments under `m.<name>` and `v.<name>` (checkpoint entries).
    public var stateTensors: [NamedParameter] {
        zip(parameters, firstMoments).map { (name: "m." + $0.name, tensor: $1) }
            + zip(parameters, secondMoments).map { (name: "v." + $0.name, tensor: $1) }
    }

    /// Restores moments (from `stateTensors` names) and the step count. Throws naming the key.
    public func restore(state: [String: Tensor], stepCount: Int) throws {
        for (i, p) in parameters.enumerated() {
            for (prefix, target) in [("m.", firstMoments[i]), ("v.", secondMoments[i])] {
                let key = prefix + p.name
                guard let t = state[key] else { throw ModuleLoadError.missing(key: key) }
                guard t.shape == target.shape else {
                    throw ModuleLoadError.shapeMismatch(key: key, expected: target.shape, found: t.shape)
                }
                target.assign(t)
            }
        }
        self.stepCount = stepCount
    }
}

/// The global L2 norm of all gradients and the factor that brings it down to `maxNorm`
/// (1 when already below). Pass the factor to `AdamW.step(gradientScale:)`, or call
/// `clipGradientNorm` to scale the gradients in place.
public func gradientNorm(_ parameters: [Tensor], maxNorm: Float) -> (norm: Float, scale: Float) {
    // Each tensor's sum in parallel, then added in parameter order (the same total every run).
    let grads = parameters.compactMap(\.grad)
    let sums = UnsafeMutablePointer<Double>.allocate(capacity: max(grads.count, 1))
    defer { sums.deallocate() }
    BLAS.parallelFor(grads.count) { i in sums[i] = ag_sum_squares(grads[i].pointer, grads[i].count) }
    var total = 0.0
    for i in 0..<grads.count { total += sums[i] }
    let norm = Float(total.squareRoot())
    return (norm, norm > maxNorm ? maxNorm / (norm + 1e-6) : 1)
}

/// Scales all gradients in place so their global norm is at most `maxNorm` (as
/// `torch.nn.utils.clip_grad_norm_`); returns the norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    let (norm, scale) = gradientNorm(parameters, maxNorm: maxNorm)
    if scale < 1 {
        for p in parameters { if let g = p.grad { for i in 0..<g.count { g.pointer[i] *= scale } } }
    }
    return norm
}
