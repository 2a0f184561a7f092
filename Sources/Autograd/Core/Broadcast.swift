/// Shape arithmetic shared by the element-wise ops: NumPy broadcasting and axis normalisation.
enum Broadcast {
    /// The broadcast shape of `a` and `b`, or nil when they do not broadcast.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
        }
        return out
    }

    /// Row-major strides of `shape` placed inside an `outRank`-dimensional broadcast, with
    /// stride 0 on dimensions that broadcast.
    static func strides(of shape: [Int], in outShape: [Int]) -> [Int] {
        let offset = outShape.count - shape.count
        var strides = [Int](repeating: 0, count: outShape.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i + offset] = shape[i] == 1 && outShape[i + offset] != 1 ? 0 : running
            running *= shape[i]
        }
        return strides
    }

    /// Whether `shape` equals the last dimensions of `outShape`, ignoring leading 1s
    /// (the bias case: `[d]` onto `[n, d]`). Returns the repeating block's size.
    static func suffixBlock(_ shape: [Int], of outShape: [Int]) -> Int? {
        var s = shape[...]
        while let first = s.first, first == 1, s.count > 0 { s = s.dropFirst() }
        guard s.count <= outShape.count, Array(outShape.suffix(s.count)) == Array(s) else { return nil }
        return s.reduce(1, *)
    }
}

/// Normalises a possibly negative axis against `rank` and checks its range.
func normaliseAxis(_ axis: Int, rank: Int, op: String) -> Int {
    let a = axis < 0 ? axis + rank : axis
    precondition(a >= 0 && a < rank, "\(op): axis \(axis) is out of range for rank \(rank)")
    return a
}

/// Product of the dimensions of `shape` in `range`.
func product(_ shape: [Int], _ range: Range<Int>) -> Int {
    var p = 1
    for i in range { p *= shape[i] }
    return p
}
