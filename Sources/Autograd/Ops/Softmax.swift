import AutogradKernels
import Foundation

extension Tensor {
    /// Softmax along `axis`. `mask` (broadcastable to this shape) keeps positions where it is
    /// non-zero; masked positions get probability 0, and a fully masked row is all zeros.
    public func softmax(axis: Int = -1, mask: Tensor? = nil) -> Tensor {
        let ax = normaliseAxis(axis, rank: rank, op: "softmax")
        if ax != rank - 1 {
            // Move the axis last, apply, move it back (the permutes carry their own backward).
            var order = Array(0..<rank)
            order.remove(at: ax)
            order.append(ax)
            var inverse = [Int](repeating: 0, count: rank)
            for (i, a) in order.enumerated() { inverse[a] = i }
            return permuted(order).softmax(axis: -1, mask: mask?.broadcast(to: shape).permuted(order)).permuted(inverse)
        }
        let cols = shape.last ?? 1, rows = count / max(cols, 1)
        var keep: Tensor?
        var keepStride = 0
        if let mask {
            guard Broadcast.shape(mask.shape, shape) == shape else {
                preconditionFailure("softmax: mask shape \(mask.shape) does not broadcast to input shape \(shape)")
            }
            if mask.count == cols && mask.shape.last == cols {
                keep = mask  // one mask row for every row
            } else {
                keep = withNoGrad { mask.expanded(to: shape) }
                keepStride = cols
            }
        }
        let out = Tensor(uninitialisedShape: shape)
        let x = pointer, y = out.pointer, perRow = max(cols, 1)
        BLAS.parallelRanges(rows, minimumPerWorker: BLAS.minimumRows(width: perRow)) { r in
            let o = r.lowerBound * cols
            ag_softmax_forward(x + o, y + o, r.count, cols, keep.map { $0.pointer + r.lowerBound * keepStride }, keepStride, 1)
        }
        return out.recording("softmax", [self]) { out in
            let g = out.grad!.pointer
            self.accumulateGrad { dx, acc in
                BLAS.parallelRanges(rows, minimumPerWorker: BLAS.minimumRows(width: perRow)) { r in
                    let o = r.lowerBound * cols
                    ag_softmax_backward(y + o, g + o, dx + o, r.count, cols, 1, acc ? 1 : 0)
                }
            }
        }
    }

    /// log(softmax(x)) along the last axis, computed stably.
    public func logSoftmax() -> Tensor {
        let cols = shape.last ?? 1, rows = count / max(cols, 1)
        let out = Tensor(uninitialisedShape: shape)
        let x = pointer, o = out.pointer
        for r in 0..<rows {
            let xr = x + r * cols, orow = o + r * cols
            var m = -Float.infinity
            for c in 0..<cols { m = Swift.max(m, xr[c]) }
            var s: Float = 0
            for c in 0..<cols { s += Foundation.exp(xr[c] - m) }
            let lse = m + Foundation.log(s)
            for c in 0..<cols { orow[c] = xr[c] - lse }
        }
        return out.recording("logSoftmax", [self]) { [self] out in
            // dx = g − softmax · Σg
            let g = out.grad!.pointer, y = out.pointer
            accumulateGrad { dx, acc in
                for r in 0..<rows {
                    let gr = g + r * cols, yr = y + r * cols, d = dx + r * cols
                    var s: Float = 0
                    for c in 0..<cols { s += gr[c] }
                    for c in 0..<cols {
                        let v = gr[c] - Foundation.exp(yr[c]) * s
                        d[c] = acc ? d[c] + v : v
                    }
                }
            }
        }
    }
}
