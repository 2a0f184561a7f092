/// Spearman's rank correlation of two equal-length series (average ranks for ties; NaN when
/// either series is constant).
public func spearmanRho(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count && x.count >= 2, "spearmanRho: need two series of equal length ≥ 2")
    let rx = averageRanks(x), ry = averageRanks(y)
    let n = Double(x.count)
    let mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
    var covariance = 0.0, vx = 0.0, vy = 0.0
    for i in x.indices {
        covariance += (rx[i] - mx) * (ry[i] - my)
        vx += (rx[i] - mx) * (rx[i] - mx); vy += (ry[i] - my) * (ry[i] - my)
    }
    return covariance / (vx * vy).squareRoot()
}

/// 1-based ranks, ties sharing their average rank.
func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
        let rank = Double(start + end) / 2 + 1
        for k in start...end { ranks[order[k]] = rank }
        start = end + 1
    }
    return ranks
}
