import AutogradKernels

/// Element-wise functions, computed by the vectorised C kernels.
extension Tensor {
    func unary(_ kind: ag_unary_kind, _ name: String) -> Tensor {
        let out = Tensor(uninitialisedShape: shape)
        let x = pointer, y = out.pointer
        BLAS.parallelRanges(count) { r in ag_unary_forward(kind, x + r.lowerBound, y + r.lowerBound, r.count) }
        return out.recording(name, [self]) { [self] out in
            let g = out.grad!.pointer
            accumulateGrad { dst, acc in
                BLAS.parallelRanges(count) { r in
                    let o = r.lowerBound
                    ag_unary_backward(kind, x + o, y + o, g + o, dst + o, r.count, acc ? 1 : 0)
                }
            }
        }
    }

    /// e^x.
    public func exp() -> Tensor { unary(AG_EXP, "exp") }
    /// Natural logarithm.
    public func log() -> Tensor { unary(AG_LOG, "log") }
    /// Hyperbolic tangent.
    public func tanh() -> Tensor { unary(AG_TANH, "tanh") }
    /// 1 / (1 + e^-x).
    public func sigmoid() -> Tensor { unary(AG_SIGMOID, "sigmoid") }
    /// x · sigmoid(x) (also called swish).
    public func silu() -> Tensor { unary(AG_SILU, "silu") }
    /// max(x, 0).
    public func relu() -> Tensor { unary(AG_RELU, "relu") }
    /// Square root.
    public func sqrt() -> Tensor { unary(AG_SQRT, "sqrt") }

    /// The two common forms of GELU.
    public enum GELUApproximation: Sendable {
        /// x · Φ(x) with the exact Gaussian CDF (BERT/MiniLM, PyTorch's default).
        case erf
        /// 0.5 x (1 + tanh(√(2/π)(x + 0.044715 x³))) (GPT-2, `approximate="tanh"`).
        case tanh
    }

    /// Gaussian error linear unit.
    public func gelu(_ approximation: GELUApproximation = .erf) -> Tensor {
        approximation == .erf ? unary(AG_GELU_ERF, "gelu") : unary(AG_GELU_TANH, "gelu_tanh")
    }
}
