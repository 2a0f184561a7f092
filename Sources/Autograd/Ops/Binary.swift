/// Element-wise binary ops with NumPy broadcasting, and their scalar forms.

/// The four arithmetic kernels; a protocol so each loop is specialised and vectorised.
protocol BinaryKernel { static func apply(_ a: Float, _ b: Float) -> Float }
enum AddKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a + b } }
enum SubKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a - b } }
enum MulKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b } }
enum DivKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a / b } }

/// out = K(a, b) with broadcasting; fast paths for equal shapes, scalars and trailing blocks.
func broadcastApply<K: BinaryKernel>(_ k: K.Type, _ a: Tensor, _ b: Tensor, op: String) -> Tensor {
    guard let outShape = Broadcast.shape(a.shape, b.shape) else {
        preconditionFailure("\(op): shapes \(a.shape) and \(b.shape) do not broadcast")
    }
    let out = Tensor(uninitialisedShape: outShape)
    let o = out.pointer, pa = a.pointer, pb = b.pointer, n = out.count
    if a.count == n && b.count == n {
        BLAS.parallelRanges(n) { r in for i in r { o[i] = K.apply(pa[i], pb[i]) } }
    } else if b.count == 1 && a.count == n {
        let s = pb[0]
        BLAS.parallelRanges(n) { r in for i in r { o[i] = K.apply(pa[i], s) } }
    } else if a.count == 1 && b.count == n {
        let s = pa[0]
        BLAS.parallelRanges(n) { r in for i in r { o[i] = K.apply(s, pb[i]) } }
    } else if a.count == n, let block = Broadcast.suffixBlock(b.shape, of: outShape), block > 0 {
        BLAS.parallelRanges(n / block, minimumPerWorker: BLAS.minimumRows(width: block)) { rows in
            for r in rows {
                let oa = pa + r * block, oo = o + r * block
                for j in 0..<block { oo[j] = K.apply(oa[j], pb[j]) }
            }
        }
    } else if b.count == n, let block = Broadcast.suffixBlock(a.shape, of: outShape), block > 0 {
        BLAS.parallelRanges(n / block, minimumPerWorker: BLAS.minimumRows(width: block)) { rows in
            for r in rows {
                let ob = pb + r * block, oo = o + r * block
                for j in 0..<block { oo[j] = K.apply(pa[j], ob[j]) }
            }
        }
    } else if n > 0 {
        let sa = Broadcast.strides(of: a.shape, in: outShape)
        let sb = Broadcast.strides(of: b.shape, in: outShape)
        let rank = outShape.count, inner = outShape[rank - 1]
        let ia = sa[rank - 1], ib = sb[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offA = 0, offB = 0
        for row in 0..<(n / inner) {
            let oo = o + row * inner
            for j in 0..<inner { oo[j] = K.apply(pa[offA + j * ia], pb[offB + j * ib]) }
            // Advance the multi-index over all but the last dimension.
            var d = rank - 2
            while d >= 0 {
                index[d] += 1; offA += sa[d]; offB += sb[d]
                if index[d] < outShape[d] { break }
                offA -= sa[d] * index[d]; offB -= sb[d] * index[d]; index[d] = 0
                d -= 1
            }
        }
    }
    return out
}

extension Tensor {
    /// Sums this (gradient) tensor down to `target` shape, undoing a broadcast.
    func reduced(to target: [Int]) -> Tensor {
        if shape == target { return self }
        if let block = Broadcast.suffixBlock(target, of: shape), block == target.reduce(1, *), block > 0 {
            let out = Tensor.zeros(target)
            let o = out.pointer, g = pointer
            for r in 0..<(count / block) {
                let gr = g + r * block
                for j in 0..<block { o[j] += gr[j] }
            }
            return out
        }
        let padded = [Int](repeating: 1, count: rank - target.count) + target
        var result = self
        for axis in (0..<rank).reversed() where padded[axis] == 1 && shape[axis] != 1 {
            result = result.rawSum(axis: axis)
        }
        return Tensor(storage: result.storage, shape: target)
    }

    /// Sum over one axis keeping it as size 1; no graph.
    func rawSum(axis: Int) -> Tensor {
        let outer = product(shape, 0..<axis), n = shape[axis], inner = product(shape, (axis + 1)..<rank)
        var outShape = shape
        outShape[axis] = 1
        let out = Tensor.zeros(outShape)
        let o = out.pointer, p = pointer
        for i in 0..<outer {
            let oo = o + i * inner
            for k in 0..<n {
                let pk = p + (i * n + k) * inner
                for j in 0..<inner { oo[j] += pk[j] }
            }
        }
        return out
    }
}

/// Adds `g` reduced to `t`'s shape into `t.grad`, scaled by `sign`.
func accumulateReduced(_ t: Tensor, _ g: Tensor, sign: Float = 1) {
    guard t.requiresGrad else { return }
    let r = g.reduced(to: t.shape)
    let src = r.pointer, n = t.count
    t.accumulateGrad { dst, acc in
        BLAS.parallelRanges(n) { r in
            if acc {
                if sign == 1 { for i in r { dst[i] += src[i] } } else { for i in r { dst[i] += sign * src[i] } }
            } else {
                if sign == 1 {
                    (dst + r.lowerBound).update(from: src + r.lowerBound, count: r.count)
                } else {
                    for i in r { dst[i] = sign * src[i] }
                }
            }
        }
    }
}

extension Tensor {
    /// Element-wise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        broadcastApply(AddKernel.self, a, b, op: "add").recording("add", [a, b]) { out in
            accumulateReduced(a, out.grad!)
            accumulateReduced(b, out.grad!)
        }
    }

    /// Element-wise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        broadcastApply(SubKernel.self, a, b, op: "sub").recording("sub", [a, b]) { out in
            accumulateReduced(a, out.grad!)
            accumulateReduced(b, out.grad!, sign: -1)
        }
    }

    /// Element-wise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        broadcastApply(MulKernel.self, a, b, op: "mul").recording("mul", [a, b]) { out in
            let g = out.grad!
            if a.requiresGrad { accumulateReduced(a, broadcastApply(MulKernel.self, g, b, op: "mul")) }
            if b.requiresGrad { accumulateReduced(b, broadcastApply(MulKernel.self, g, a, op: "mul")) }
        }
    }

    /// Element-wise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        broadcastApply(DivKernel.self, a, b, op: "div").recording("div", [a, b]) { out in
            let g = out.grad!
            let gOverB = broadcastApply(DivKernel.self, g, b, op: "div")
            if a.requiresGrad { accumulateReduced(a, gOverB) }
            if b.requiresGrad {
                // d(a/b)/db = -a/b² = -(a/b)/b, and out = a/b.
                let t = broadcastApply(MulKernel.self, gOverB, out, op: "div")
                accumulateReduced(b, t, sign: -1)
            }
        }
    }

    /// y = x * scale + shift, the kernel behind every tensor–scalar form.
    public func affine(scale: Float, shift: Float) -> Tensor {
        let out = Tensor(uninitialisedShape: shape)
        let o = out.pointer, p = pointer
        BLAS.parallelRanges(count) { r in for i in r { o[i] = p[i] * scale + shift } }
        return out.recording("affine", [self]) { [self] out in
            let g = out.grad!.pointer, n = count
            accumulateGrad { dst, acc in
                BLAS.parallelRanges(n) { r in
                    if acc { for i in r { dst[i] += g[i] * scale } } else { for i in r { dst[i] = g[i] * scale } }
                }
            }
        }
    }

    public static func + (a: Tensor, s: Float) -> Tensor { a.affine(scale: 1, shift: s) }
    public static func + (s: Float, a: Tensor) -> Tensor { a.affine(scale: 1, shift: s) }
    public static func - (a: Tensor, s: Float) -> Tensor { a.affine(scale: 1, shift: -s) }
    public static func - (s: Float, a: Tensor) -> Tensor { a.affine(scale: -1, shift: s) }
    public static func * (a: Tensor, s: Float) -> Tensor { a.affine(scale: s, shift: 0) }
    public static func * (s: Float, a: Tensor) -> Tensor { a.affine(scale: s, shift: 0) }
    public static func / (a: Tensor, s: Float) -> Tensor { a.affine(scale: 1 / s, shift: 0) }
    public static func / (s: Float, a: Tensor) -> Tensor { a.reciprocal() * s }
    public static prefix func - (a: Tensor) -> Tensor { a.affine(scale: -1, shift: 0) }

    /// 1 / x element-wise.
    public func reciprocal() -> Tensor {
        let out = Tensor(uninitialisedShape: shape)
        let o = out.pointer, p = pointer
        for i in 0..<count { o[i] = 1 / p[i] }
        return out.recording("reciprocal", [self]) { [self] out in
            let g = out.grad!.pointer, y = out.pointer, n = count
            accumulateGrad { dst, acc in
                for i in 0..<n { let d = -g[i] * y[i] * y[i]; dst[i] = acc ? dst[i] + d : d }
            }
        }
    }

    /// x² element-wise.
    public func square() -> Tensor {
        let out = Tensor(uninitialisedShape: shape)
        let o = out.pointer, p = pointer
        BLAS.parallelRanges(count) { r in for i in r { o[i] = p[i] * p[i] } }
        return out.recording("square", [self]) { [self] out in
            let g = out.grad!.pointer, x = pointer, n = count
            accumulateGrad { dst, acc in
                BLAS.parallelRanges(n) { r in
                    if acc { for i in r { dst[i] += 2 * g[i] * x[i] } } else { for i in r { dst[i] = 2 * g[i] * x[i] } }
                }
            }
        }
    }
}
