/// Switches gradient recording on and off (like `torch.no_grad`).
///
/// The flag is process-wide: the training and inference loops of this project run ops from one
/// thread at a time (kernels parallelise internally), so a global flag is enough.
public enum GradMode {
    nonisolated(unsafe) static var enabled = true

    /// Whether ops currently record their backward on the tape.
    public static var isEnabled: Bool { enabled }
}

/// Runs `body` with gradient recording off: ops build no graph and keep no saved inputs.
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    let saved = GradMode.enabled
    GradMode.enabled = false
    defer { GradMode.enabled = saved }
    return try body()
}

extension Tensor {
    /// Whether an op with these inputs must record its backward.
    static func needsGrad(_ inputs: Tensor...) -> Bool {
        guard GradMode.enabled else { return false }
        for t in inputs where t.requiresGrad { return true }
        return false
    }

    static func needsGrad(_ inputs: [Tensor]) -> Bool {
        guard GradMode.enabled else { return false }
        return inputs.contains { $0.requiresGrad }
    }

    /// Attaches a backward closure to this freshly made output when any parent requires a grad.
    @discardableResult
    func recording(_ op: String, _ parents: [Tensor], _ backward: @escaping (Tensor) -> Void) -> Tensor {
        opName = op
        guard Tensor.needsGrad(parents) else { return self }
        requiresGrad = true
        self.parents = parents
        backwardFn = backward
        return self
    }

    /// Adds a gradient contribution. `write(pointer, accumulate)` either overwrites a fresh
    /// buffer (`accumulate == false`) or adds into the existing gradient, so kernels such as
    /// GEMM can use beta = 0 or 1 and no temporary is made.
    func accumulateGrad(_ write: (UnsafeMutablePointer<Float>, Bool) -> Void) {
        guard requiresGrad else { return }
        if let g = grad {
            write(g.pointer, true)
        } else {
            let g = Tensor(uninitialisedShape: shape)
            write(g.pointer, false)
            grad = g
        }
    }

    /// Adds `g` (same element count) into this tensor's gradient.
    func accumulateGrad(_ g: Tensor) {
        guard requiresGrad else { return }
        precondition(g.count == count, "backward: gradient of shape \(g.shape) for tensor of shape \(shape)")
        if let existing = grad {
            let dst = existing.pointer, src = g.pointer
            for i in 0..<count { dst[i] += src[i] }
        } else {
            grad = g.count == count && g.shape == shape ? g : Tensor(storage: g.storage, shape: shape)
        }
    }
}
