/// Row gathering (embedding lookup).
extension Tensor {
    /// Rows of this `[vocabulary, dim]` table at `indices`, shaped `indexShape + [dim]`.
    /// The gradient scatters back (adds) into the gathered rows.
    public func gatherRows(_ indices: [Int], indexShape: [Int]? = nil) -> Tensor {
        precondition(rank == 2, "gatherRows: table must be [rows, dim], got shape \(shape)")
        let rows = shape[0], dim = shape[1]
        let shapeOfIndices = indexShape ?? [indices.count]
        precondition(shapeOfIndices.reduce(1, *) == indices.count,
                     "gatherRows: \(indices.count) indices do not fill index shape \(shapeOfIndices)")
        for i in indices { precondition(i >= 0 && i < rows, "gatherRows: index \(i) is outside the table's \(rows) rows") }
        let out = Tensor(uninitialisedShape: shapeOfIndices + [dim])
        for (r, i) in indices.enumerated() { (out.pointer + r * dim).update(from: pointer + i * dim, count: dim) }
        return out.recording("gather", [self]) { [self] out in
            let g = out.grad!.pointer
            accumulateGrad { dst, acc in
                if !acc { dst.update(repeating: 0, count: count) }
                for (r, i) in indices.enumerated() {
                    let d = dst + i * dim, s = g + r * dim
                    for j in 0..<dim { d[j] += s[j] }
                }
            }
        }
    }
}
