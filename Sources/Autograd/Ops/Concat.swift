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
        copyBlocks(rows: outer, width: w, from: t.pointer, stride: w, to: out.pointer + start, stride: total, add: false)
        start += w
    }
    return out.recording("concat", tensors) { out in
        let g = out.grad!.pointer
        var start = 0
        for (t, w) in zip(tensors, widths) {
            let s = start
            t.accumulateGrad { dst, acc in
                copyBlocks(rows: outer, width: w, from: g + s, stride: total, to: dst, stride: w, add: acc)
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
        copyBlocks(rows: outer, width: w, from: pointer + s, stride: total, to: out.pointer, stride: w, add: false)
        return out.recording("slice", [self]) { [self] out in
            let g = out.grad!.pointer
            accumulateGrad { dst, acc in
                if !acc { fillParallel(dst, count: count, with: 0) }
                copyBlocks(rows: outer, width: w, from: g, stride: w, to: dst + s, stride: total, add: true)
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

/// Copies (or adds) `rows` blocks of `width` floats between strided layouts, in parallel when large.
func copyBlocks(rows: Int, width: Int, from src: UnsafePointer<Float>, stride srcStride: Int,
                to dst: UnsafeMutablePointer<Float>, stride dstStride: Int, add: Bool) {
    func run(_ rowRange: Range<Int>, _ columns: Range<Int>) {
        for i in rowRange {
            let s = src + i * srcStride + columns.lowerBound, d = dst + i * dstStride + columns.lowerBound
            if add { for j in 0..<columns.count { d[j] += s[j] } } else { d.update(from: s, count: columns.count) }
        }
    }
    if rows == 1 {
        BLAS.parallelRanges(width) { run(0..<1, $0) }
    } else {
        BLAS.parallelRanges(rows, minimumPerWorker: BLAS.minimumRows(width: width)) { run($0, 0..<width) }
    }
}

/// Sets `count` floats to `value`, in parallel when large.
func fillParallel(_ p: UnsafeMutablePointer<Float>, count: Int, with value: Float) {
    BLAS.parallelRanges(count) { r in (p + r.lowerBound).update(repeating: value, count: r.count) }
}
