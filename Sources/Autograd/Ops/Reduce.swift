import AutogradKernels

/// Sums and means over axes.
extension Tensor {
    /// Sum over `axes` (negative axes count from the end); all axes when `axes` is nil.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axesList = (axes ?? Array(0..<rank)).map { normaliseAxis($0, rank: rank, op: "sum") }
        let axisSet = Set(axesList)
        if axisSet.count == rank && rank > 0 { return sumAll(keepDims: keepDims) }
        var result = self
        for axis in axisSet.sorted(by: >) { result = result.rawSum(axis: axis) }
        let keptShape = result.shape
        let outShape = keepDims ? keptShape : shape.enumerated().filter { !axisSet.contains($0.offset) }.map(\.element)
        let out = result === self ? detached() : result
        let final = Tensor(storage: out.storage, shape: outShape)
        return final.recording("sum", [self]) { [self] out in
            // Broadcast the gradient back over the summed axes.
            let g = Tensor(storage: out.grad!.storage, shape: keptShape)
            let expanded = g.expanded(to: shape)
            accumulateGrad(expanded)
        }
    }

    /// The sum of every element, accumulated in double; the gradient is one fill.
    private func sumAll(keepDims: Bool) -> Tensor {
        let out = Tensor(uninitialisedShape: keepDims ? [Int](repeating: 1, count: rank) : [])
        out.pointer[0] = Float(ag_sum(pointer, count))
        return out.recording("sum", [self]) { [self] out in
            let g = out.grad!.pointer[0], n = count
            accumulateGrad { dst, acc in
                BLAS.parallelRanges(n) { r in
                    if acc { for i in r { dst[i] += g } } else { (dst + r.lowerBound).update(repeating: g, count: r.count) }
                }
            }
        }
    }

    /// Mean over `axes`; all axes when nil.
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axesList = (axes ?? Array(0..<rank)).map { normaliseAxis($0, rank: rank, op: "mean") }
        let n = Set(axesList).reduce(1) { $0 * shape[$1] }
        return sum(axes: axesList, keepDims: keepDims) * (1 / Float(max(n, 1)))
    }

    /// A copy broadcast to `target` (no graph).
    func expanded(to target: [Int]) -> Tensor {
        if shape == target { return detached() }
        let zero = Tensor.zeros(target)
        return broadcastApply(AddKernel.self, zero, self, op: "expand")
    }

    /// Broadcasts to `shape` (materialised copy); the gradient sums back.
    public func broadcast(to target: [Int]) -> Tensor {
        guard Broadcast.shape(shape, target) == target else {
            preconditionFailure("broadcast: shape \(shape) does not broadcast to \(target)")
        }
        return expanded(to: target).recording("broadcast", [self]) { [self] out in
            accumulateReduced(self, out.grad!)
        }
    }
}
