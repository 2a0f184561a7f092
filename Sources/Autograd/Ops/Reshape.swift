/// Reshape, permute and transpose.
extension Tensor {
    /// The same elements under a new shape (no copy); one dimension may be -1 (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != inferred }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "reshape: cannot infer -1 in \(newShape) from shape \(shape)")
            target[inferred] = count / known
        }
        precondition(target.reduce(1, *) == count && target.allSatisfy { $0 >= 0 },
                     "reshape: shape \(shape) (\(count) elements) cannot become \(newShape)")
        let out = Tensor(storage: storage, shape: target)
        return out.recording("reshape", [self]) { [self] out in
            let g = out.grad!
            // The output's gradient is dropped after this call, so the input may take its storage.
            accumulateGrad(Tensor(storage: g.storage, shape: shape))
        }
    }

    /// The elements reordered so that output dimension i is input dimension `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        let axes = order.map { normaliseAxis($0, rank: rank, op: "permute") }
        precondition(Set(axes).count == rank && axes.count == rank, "permute: order \(order) is not a permutation of 0..<\(rank) (shape \(shape))")
        let out = permutedRaw(axes)
        return out.recording("permute", [self]) { [self] out in
            var inverse = [Int](repeating: 0, count: axes.count)
            for (i, a) in axes.enumerated() { inverse[a] = i }
            accumulateGrad(out.grad!.permutedRaw(inverse))
        }
    }

    /// Swaps two dimensions (default: the last two).
    public func transposed(_ a: Int = -2, _ b: Int = -1) -> Tensor {
        let x = normaliseAxis(a, rank: rank, op: "transpose"), y = normaliseAxis(b, rank: rank, op: "transpose")
        var order = Array(0..<rank)
        order.swapAt(x, y)
        return permuted(order)
    }

    /// Strided copy into permuted order (no graph).
    func permutedRaw(_ axes: [Int]) -> Tensor {
        let outShape = axes.map { shape[$0] }
        let out = Tensor(uninitialisedShape: outShape)
        guard count > 0 else { return out }
        var inStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
        let strides = axes.map { inStrides[$0] }
        let src = pointer, dst = out.pointer
        let inner = outShape[rank - 1], innerStride = strides[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        for row in 0..<(count / inner) {
            let d = dst + row * inner
            if innerStride == 1 {
                d.update(from: src + offset, count: inner)
            } else {
                for j in 0..<inner { d[j] = src[offset + j * innerStride] }
            }
            var ax = rank - 2
            while ax >= 0 {
                index[ax] += 1; offset += strides[ax]
                if index[ax] < outShape[ax] { break }
                offset -= strides[ax] * index[ax]; index[ax] = 0
                ax -= 1
            }
        }
        return out
    }
}
