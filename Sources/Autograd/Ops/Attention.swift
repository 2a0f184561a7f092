import AutogradKernels

/// Fused multi-head scaled-dot-product attention with its own backward.
///
/// Inputs keep the heads interleaved in the feature dimension, as a linear layer produces them
/// (`[batch, tokens, heads·headDim]`), so no permute copies are made: each (batch, head) product
/// addresses its columns through the GEMM leading dimension. All batch×head products run as one
/// parallel loop with single-threaded GEMMs. The attention probabilities are kept for the backward.

/// softmax(Q Kᵀ / √d + mask) V per head. `query` is `[B, Tq, D]`, `key` `[B, Tk, D]`,
/// `value` `[B, Tk, Dv]`; `keyPaddingMask` is `[B, Tk]` with 1 = attend, 0 = padding;
/// `causal` lets query i see keys j ≤ i + (Tk − Tq). Returns `[B, Tq, Dv]`.
public func scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                      keyPaddingMask: Tensor? = nil, causal: Bool = false) -> Tensor {
    precondition(query.rank == 3 && key.rank == 3 && value.rank == 3,
                 "attention: query, key, value must be [batch, tokens, features], got \(query.shape), \(key.shape), \(value.shape)")
    return attention(q: .init(query, 0, query.shape[2]), k: .init(key, 0, key.shape[2]),
                     v: .init(value, 0, value.shape[2]), heads: heads, mask: keyPaddingMask, causal: causal)
}

/// Self-attention on a packed `[B, T, 3D]` tensor holding Q, K and V side by side (the output
/// of one fused linear layer). Returns `[B, T, D]`.
public func scaledDotProductAttention(packedQKV qkv: Tensor, heads: Int, keyPaddingMask: Tensor? = nil,
                                      causal: Bool = false) -> Tensor {
    precondition(qkv.rank == 3 && qkv.shape[2] % 3 == 0, "attention: packed QKV must be [batch, tokens, 3·D], got \(qkv.shape)")
    let d = qkv.shape[2] / 3
    return attention(q: .init(qkv, 0, d), k: .init(qkv, d, d), v: .init(qkv, 2 * d, d),
                     heads: heads, mask: keyPaddingMask, causal: causal)
}

/// Cross-attention of `query` `[B, Tq, D]` onto a packed `[B, Tk, 2D]` tensor holding K and V.
public func scaledDotProductAttention(query: Tensor, packedKV kv: Tensor, heads: Int,
                                      keyPaddingMask: Tensor? = nil) -> Tensor {
    precondition(query.rank == 3 && kv.rank == 3 && kv.shape[2] % 2 == 0,
                 "attention: query must be [B, Tq, D] and packed KV [B, Tk, 2·D], got \(query.shape) and \(kv.shape)")
    let d = kv.shape[2] / 2
    return attention(q: .init(query, 0, query.shape[2]), k: .init(kv, 0, d), v: .init(kv, d, d),
                     heads: heads, mask: keyPaddingMask, causal: false)
}

/// A column block of a `[B, T, width]` tensor.
struct ColumnBlock {
    let tensor: Tensor
    let offset: Int
    let width: Int
    init(_ tensor: Tensor, _ offset: Int, _ width: Int) { self.tensor = tensor; self.offset = offset; self.width = width }
    var rowStride: Int { tensor.shape[2] }
    var tokens: Int { tensor.shape[1] }
}

func attention(q: ColumnBlock, k: ColumnBlock, v: ColumnBlock, heads: Int, mask: Tensor?, causal: Bool) -> Tensor {
    let batch = q.tensor.shape[0], tq = q.tokens, tk = k.tokens
    let shapes = "\(q.tensor.shape), \(k.tensor.shape), \(v.tensor.shape)"
    precondition(k.tensor.shape[0] == batch && v.tensor.shape[0] == batch && v.tokens == tk,
                 "attention: batch or key/value token counts differ: \(shapes)")
    precondition(q.width == k.width, "attention: query and key widths differ (\(q.width) vs \(k.width)): \(shapes)")
    precondition(heads > 0 && q.width % heads == 0 && v.width % heads == 0,
                 "attention: width \(q.width)/\(v.width) is not divisible by \(heads) heads: \(shapes)")
    if let mask {
        precondition(mask.shape == [batch, tk], "attention: key padding mask shape \(mask.shape) is not [batch, keys] = \([batch, tk])")
    }
    let dh = q.width / heads, dv = v.width / heads
    let scale = 1 / Float(dh).squareRoot()
    let out = Tensor(uninitialisedShape: [batch, tq, v.width])
    let probs = Tensor(uninitialisedShape: [batch, heads, tq, tk])
    let qp = q.tensor.pointer + q.offset, kp = k.tensor.pointer + k.offset, vp = v.tensor.pointer + v.offset
    let qs = q.rowStride, ks = k.rowStride, vs = v.rowStride, os = v.width
    let keepRows = causal ? causalKeep(batch: batch, tq: tq, tk: tk, mask: mask) : nil

    BLAS.parallelFor(batch * heads) { item in
        let b = item / heads, h = item % heads
        let p = probs.pointer + item * tq * tk
        BLAS.gemm(transA: false, transB: true, m: tq, n: tk, k: dh, a: qp + b * tq * qs + h * dh, lda: qs,
                  b: kp + b * tk * ks + h * dh, ldb: ks, beta: 0, c: p, ldc: tk)
        if let keepRows {
            ag_softmax_forward(p, p, tq, tk, keepRows.pointer + b * tq * tk, tk, scale)
        } else {
            ag_softmax_forward(p, p, tq, tk, mask.map { $0.pointer + b * tk }, 0, scale)
        }
        BLAS.gemm(transA: false, transB: false, m: tq, n: dv, k: tk, a: p, lda: tk,
                  b: vp + b * tk * vs + h * dv, ldb: vs, beta: 0, c: out.pointer + b * tq * os + h * dv, ldc: os)
    }

    let parents = uniqueTensors([q.tensor, k.tensor, v.tensor])
    return out.recording("attention", parents) { out in
        let g = out.grad!.pointer
        // Every (batch, head) item writes its own rows and columns of dQ, dK and dV once. A fresh
        // gradient whose columns the blocks cover exactly once (Q, K, V side by side in a packed
        // tensor, or a tensor of its own) is written directly (beta = 0); any other starts at
        // zero and accumulates (beta = 1).
        var gradPointers: [ObjectIdentifier: (pointer: UnsafeMutablePointer<Float>, beta: Float)] = [:]
        let blocks = [q, k, v]
        for t in parents where t.requiresGrad {
            if let existing = t.grad {
                gradPointers[ObjectIdentifier(t)] = (existing.pointer, 1)
                continue
            }
            let own = blocks.filter { $0.tensor === t }.map { $0.offset..<($0.offset + $0.width) }.sorted { $0.lowerBound < $1.lowerBound }
            let tiles = zip(own, own.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }
                && own.first?.lowerBound == 0 && own.last?.upperBound == t.shape[2]
            t.grad = tiles ? Tensor(uninitialisedShape: t.shape) : Tensor.zeros(t.shape)
            gradPointers[ObjectIdentifier(t)] = (t.grad!.pointer, tiles ? 0 : 1)
        }
        let dq = gradPointers[ObjectIdentifier(q.tensor)].map { ($0.pointer + q.offset, $0.beta) }
        let dk = gradPointers[ObjectIdentifier(k.tensor)].map { ($0.pointer + k.offset, $0.beta) }
        let dvp = gradPointers[ObjectIdentifier(v.tensor)].map { ($0.pointer + v.offset, $0.beta) }
        BLAS.parallelFor(batch * heads) { item in
            let b = item / heads, h = item % heads
            let p = probs.pointer + item * tq * tk
            let gi = g + b * tq * os + h * dv
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: tq * tk)
            defer { scratch.deallocate() }
            // dP = dO · Vᵀ
            BLAS.gemm(transA: false, transB: true, m: tq, n: tk, k: dv, a: gi, lda: os,
                      b: vp + b * tk * vs + h * dv, ldb: vs, beta: 0, c: scratch, ldc: tk)
            // dV += Pᵀ · dO
            if let (dvp, beta) = dvp {
                BLAS.gemm(transA: true, transB: false, m: tk, n: dv, k: tq, a: p, lda: tk, b: gi, ldb: os,
                          beta: beta, c: dvp + b * tk * vs + h * dv, ldc: vs)
            }
            // dS = scale · P ⊙ (dP − rowsum(dP ⊙ P)), in place
            ag_softmax_backward(p, scratch, scratch, tq, tk, scale, 0)
            if let (dq, beta) = dq {  // dQ += dS · K
                BLAS.gemm(transA: false, transB: false, m: tq, n: dh, k: tk, a: scratch, lda: tk,
                          b: kp + b * tk * ks + h * dh, ldb: ks, beta: beta, c: dq + b * tq * qs + h * dh, ldc: qs)
            }
            if let (dk, beta) = dk {  // dK += dSᵀ · Q
                BLAS.gemm(transA: true, transB: false, m: tk, n: dh, k: tq, a: scratch, lda: tk,
                          b: qp + b * tq * qs + h * dh, ldb: qs, beta: beta, c: dk + b * tk * ks + h * dh, ldc: ks)
            }
        }
    }
}

/// Per-batch keep matrices `[B, Tq, Tk]` combining the causal rule and the padding mask.
private func causalKeep(batch: Int, tq: Int, tk: Int, mask: Tensor?) -> Tensor {
    let keep = Tensor(uninitialisedShape: [batch, tq, tk])
    for b in 0..<batch {
        for i in 0..<tq {
            let row = keep.pointer + (b * tq + i) * tk
            for j in 0..<tk {
                let visible = j <= i + (tk - tq)
                row[j] = visible && (mask.map { $0.pointer[b * tk + j] != 0 } ?? true) ? 1 : 0
            }
        }
    }
    return keep
}

/// The distinct tensors of a list, in order (a packed QKV appears once).
func uniqueTensors(_ list: [Tensor]) -> [Tensor] {
    var seen = Set<ObjectIdentifier>()
    return list.filter { seen.insert(ObjectIdentifier($0)).inserted }
}
