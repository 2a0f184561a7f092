import Motion

/// The shortest distance between the segments p0–p1 and q0–q1 (closest points clamped to
/// both segments; degenerate segments handled as points).
@inlinable
func segmentDistance(_ p0: SIMD3<Float>, _ p1: SIMD3<Float>, _ q0: SIMD3<Float>, _ q1: SIMD3<Float>) -> Float {
    let d1 = p1 - p0, d2 = q1 - q0, r = p0 - q0
    let a = dot(d1, d1), e = dot(d2, d2), f = dot(d2, r)
    let epsilon: Float = 1e-12
    var s: Float = 0, t: Float = 0
    if a <= epsilon && e <= epsilon {
        return length(r)
    } else if a <= epsilon {
        t = min(max(f / e, 0), 1)
    } else {
        let c = dot(d1, r)
        if e <= epsilon {
            s = min(max(-c / a, 0), 1)
        } else {
            let b = dot(d1, d2), denominator = a * e - b * b
            s = denominator > epsilon ? min(max((b * f - c * e) / denominator, 0), 1) : 0
            t = (b * s + f) / e
            if t < 0 {
                t = 0; s = min(max(-c / a, 0), 1)
            } else if t > 1 {
                t = 1; s = min(max((b - c) / a, 0), 1)
            }
        }
    }
    return length((p0 + d1 * s) - (q0 + d2 * t))
}
