/// Concatenation, splitting and slicing along one axis.

/// Joins tensors along `axis`; all other dimensions must match.
public func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
    precondition(!tensors.isEmpty, "concat: no tensors given")
    let first = tensors[0]
    let ax = normaliseAxis(axis, rank: first.rank, op: "concat")
    for t in tensors {
        var a = t.shape, b = first.shape
        precondition(a.count == b.count, "concat: shapes \(first.shape) and \(t.shape) differ in rank")
        a[ax] = 0; b[ax] = 0
        precondition(a == b, "concat: shapes \(first.shape) and \(t.shape) differ outside axis \(ax)")
    }
    let outer = product(first.shape, 0..<ax), inner = product(first.shape, (ax + 1)..<first.rank)
    let widths = tensors.map { $0.shape[ax] * inner }
    let total = widths.reduce(0, +)
    var outShape = first.shape
    outShape[ax] = tensors.reduce(0) { $0 + $1.shape[ax] }
    let out = Tensor(uninitialisedShape: outShape)
    var start = 0
    for (t, w) in zip(tensors, widths) {
        for i in 0..<outer { (out.pointer + i * total + start).update(from: t.pointer + i * w, count: w) }
        start += w
    }
    return out.recording("concat", tensors) { out in
        let g = out.grad!.pointer
        var start = 0
        for (t, w) in zip(tensors, widths) {
            let s = start
            t.accumulateGrad { dst, acc in
                for i in 0..<outer {
                    let src = g + i * total + s, d = dst + i * w
                    if acc { for j in 0..<w { d[j] += src[j] } } else { d.update(from: src, count: w) }
                }
            }
            start += w
        }
    }
}

extension Tensor {
    /// Elements `range` along `axis` (a copy).
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let ax = normaliseAxis(axis, rank: rank, op: "slice")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[ax],
                     "slice: range \(range) is outside 0..<\(shape[ax]) on axis \(ax) of shape \(shape)")
        let outer = product(shape, 0..<ax), inner = product(shape, (ax + 1)..<rank)
        let total = shape[ax] * inner, w = range.count * inner, s = range.lowerBound * inner
        var outShape = shape
        outShape[ax] = range.count
        let out = Tensor(uninitialisedShape: outShape)
        for i in 0..<outer { (out.pointer + i * w).update(from: pointer + i * total + s, count: w) }
        return out.recording("slice", [self]) { [self] out in
            let g = out.grad!.pointer
            accumulateGrad { dst, acc in
                if !acc { dst.update(repeating: 0, count: count) }
                for i in 0..<outer {
                    let d = dst + i * total + s, src = g + i * w
                    for j in 0..<w { d[j] += src[j] }
                }
            }
        }
    }

    /// Splits along `axis` into pieces of the given sizes (which must sum to the axis length).
    public func split(sizes: [Int], axis: Int) -> [Tensor] {
        let ax = normaliseAxis(axis, rank: rank, op: "split")
        precondition(sizes.reduce(0, +) == shape[ax], "split: sizes \(sizes) do not add up to \(shape[ax]) on axis \(ax) of shape \(shape)")
        var start = 0
        return sizes.map { n in
            defer { start += n }
            return slice(axis: ax, start..<(start + n))
        }
    }

    /// Splits along `axis` into `parts` equal pieces.
    public func split(parts: Int, axis: Int) -> [Tensor] {
        let ax = normaliseAxis(axis, rank: rank, op: "split")
        precondition(parts > 0 && shape[ax] % parts == 0, "split: axis \(ax) of shape \(shape) does not divide into \(parts) parts")
        return split(sizes: [Int](repeating: shape[ax] / parts, count: parts), axis: ax)
    }
}
