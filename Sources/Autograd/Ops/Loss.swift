import Foundation

/// Loss functions returning a scalar tensor.

/// Mean of (prediction − target)² over all elements; `target` is not differentiated.
public func mseLoss(_ prediction: Tensor, _ target: Tensor) -> Tensor {
    precondition(prediction.shape == target.shape, "mseLoss: prediction shape \(prediction.shape) differs from target shape \(target.shape)")
    let n = prediction.count, p = prediction.pointer, t = target.pointer
    var s: Double = 0
    for i in 0..<n { let d = Double(p[i] - t[i]); s += d * d }
    let out = Tensor(scalar: Float(s / Double(max(n, 1))))
    return out.recording("mseLoss", [prediction, target]) { out in
        let scale = 2 * out.grad!.item / Float(max(n, 1))
        prediction.accumulateGrad { dst, acc in
            for i in 0..<n { let v = scale * (p[i] - t[i]); dst[i] = acc ? dst[i] + v : v }
        }
        target.accumulateGrad { dst, acc in
            for i in 0..<n { let v = -scale * (p[i] - t[i]); dst[i] = acc ? dst[i] + v : v }
        }
    }
}

/// Mean cross-entropy of `logits` `[N, C]` against class indices `labels` (N of them).
public func crossEntropyLoss(_ logits: Tensor, labels: [Int]) -> Tensor {
    precondition(logits.rank == 2 && logits.shape[0] == labels.count,
                 "crossEntropyLoss: logits shape \(logits.shape) does not match \(labels.count) labels")
    let classes = logits.shape[1]
    for l in labels { precondition(l >= 0 && l < classes, "crossEntropyLoss: label \(l) is outside 0..<\(classes)") }
    let logProbs = logits.logSoftmax()
    let picked = logProbs.reshaped([-1]).gatherElements(labels.enumerated().map { $0.offset * classes + $0.element })
    return -picked.mean()
}

extension Tensor {
    /// Elements of a 1-D tensor at `indices` (the gradient scatters back).
    func gatherElements(_ indices: [Int]) -> Tensor {
        let out = Tensor(uninitialisedShape: [indices.count])
        for (r, i) in indices.enumerated() { out.pointer[r] = pointer[i] }
        return out.recording("gatherElements", [self]) { [self] out in
            let g = out.grad!.pointer
            accumulateGrad { dst, acc in
                if !acc { dst.update(repeating: 0, count: count) }
                for (r, i) in indices.enumerated() { dst[i] += g[r] }
            }
        }
    }
}
