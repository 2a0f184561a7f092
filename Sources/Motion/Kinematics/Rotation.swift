import Foundation

/// A 3×3 rotation (or general) matrix stored as three columns; `m[row, col]`.
///
/// Linux has no `simd` module, so the motion code carries its own small matrix type.
/// Conventions: column vectors, `R * v` rotates `v`; a parent-relative rotation composes as
/// `R_world(child) = R_world(parent) * R_local(child)`.
public struct Mat3: Equatable, Sendable, CustomStringConvertible {
    public var c0: SIMD3<Float>, c1: SIMD3<Float>, c2: SIMD3<Float>

    public init(columns c0: SIMD3<Float>, _ c1: SIMD3<Float>, _ c2: SIMD3<Float>) {
        self.c0 = c0; self.c1 = c1; self.c2 = c2
    }

    /// Builds a matrix from its rows.
    public init(rows r0: SIMD3<Float>, _ r1: SIMD3<Float>, _ r2: SIMD3<Float>) {
        self.init(columns: SIMD3(r0.x, r1.x, r2.x), SIMD3(r0.y, r1.y, r2.y), SIMD3(r0.z, r1.z, r2.z))
    }

    public static let identity = Mat3(columns: SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1))

    public subscript(row: Int, col: Int) -> Float {
        get { column(col)[row] }
        set {
            switch col {
            case 0: c0[row] = newValue
            case 1: c1[row] = newValue
            default: c2[row] = newValue
            }
        }
    }

    public func column(_ j: Int) -> SIMD3<Float> { j == 0 ? c0 : (j == 1 ? c1 : c2) }
    public func row(_ i: Int) -> SIMD3<Float> { SIMD3(c0[i], c1[i], c2[i]) }

    public var transposed: Mat3 { Mat3(rows: c0, c1, c2) }
    public var determinant: Float { dot(c0, cross(c1, c2)) }

    public static func * (a: Mat3, v: SIMD3<Float>) -> SIMD3<Float> { a.c0 * v.x + a.c1 * v.y + a.c2 * v.z }
    public static func * (a: Mat3, b: Mat3) -> Mat3 { Mat3(columns: a * b.c0, a * b.c1, a * b.c2) }

    public var description: String {
        "Mat3[\(row(0)), \(row(1)), \(row(2))]"
    }

    // MARK: Axis-angle

    /// The rotation of `angle` radians about the unit `axis` (Rodrigues).
    public init(axis: SIMD3<Float>, angle: Float) {
        let n = length(axis)
        guard n > 0 else { self = .identity; return }
        let k = axis / n, c = cos(angle), s = sin(angle), t = 1 - c
        self.init(rows:
            SIMD3(t * k.x * k.x + c, t * k.x * k.y - s * k.z, t * k.x * k.z + s * k.y),
            SIMD3(t * k.x * k.y + s * k.z, t * k.y * k.y + c, t * k.y * k.z - s * k.x),
            SIMD3(t * k.x * k.z - s * k.y, t * k.y * k.z + s * k.x, t * k.z * k.z + c))
    }

    /// From an axis-angle vector (direction = axis, norm = angle in radians), as SMPL stores poses.
    public init(axisAngle v: SIMD3<Float>) { self.init(axis: v, angle: length(v)) }

    /// The axis-angle vector of this rotation (angle in [0, π]), computed through the quaternion
    /// for stability near 0 and π.
    public var axisAngle: SIMD3<Float> { Quat(self).axisAngle }

    // MARK: 6D (first two columns; ARCHITECTURE.md §4)

    /// The 6D representation `[R00, R01, R10, R11, R20, R21]`: the first two *columns*,
    /// row-major flattened (the public ViMoGen layout; DART uses rows — not this).
    public var sixD: [Float] { [c0.x, c1.x, c0.y, c1.y, c0.z, c1.z] }

    /// Decodes a 6D vector by Gram–Schmidt on its two columns.
    public init(sixD d: some RandomAccessCollection<Float>) {
        precondition(d.count == 6, "6D rotation needs 6 values, got \(d.count)")
        let i = d.startIndex
        func at(_ k: Int) -> Float { d[d.index(i, offsetBy: k)] }
        self.init(sixDColumns: SIMD3(at(0), at(2), at(4)), SIMD3(at(1), at(3), at(5)))
    }

    /// Decodes the two (unnormalised) columns of a 6D vector by Gram–Schmidt.
    public init(sixDColumns a1: SIMD3<Float>, _ a2: SIMD3<Float>) {
        let b1 = normalizeOrX(a1)
        let b2 = normalizeOrX(a2 - dot(b1, a2) * b1, fallbackOrthogonalTo: b1)
        self.init(columns: b1, b2, cross(b1, b2))
    }

    // MARK: Euler angles (BVH channel orders)

    /// The elementary rotation about one axis (`"X"`, `"Y"` or `"Z"`).
    public static func elementary(_ axis: Character, _ radians: Float) -> Mat3 {
        switch axis {
        case "X", "x": return Mat3(axis: SIMD3(1, 0, 0), angle: radians)
        case "Y", "y": return Mat3(axis: SIMD3(0, 1, 0), angle: radians)
        default: return Mat3(axis: SIMD3(0, 0, 1), angle: radians)
        }
    }

    /// Euler angles in a channel order such as `"ZXY"`, as BVH files use them: the rotation is
    /// the product of the elementary rotations in the listed order, `R = R_Z · R_X · R_Y`.
    public init(euler order: String, radians angles: [Float]) {
        precondition(order.count == angles.count, "Euler order \(order) needs \(order.count) angles")
        var r = Mat3.identity
        for (axis, a) in zip(order, angles) { r = r * Mat3.elementary(axis, a) }
        self = r
    }

    /// The angles (radians) that rebuild this rotation with `init(euler:radians:)` for a
    /// three-axis order with distinct axes (e.g. "ZXY", "XYZ").
    public func eulerAngles(order: String) -> [Float] {
        let axes = order.map { c -> Int in c == "X" || c == "x" ? 0 : (c == "Y" || c == "y" ? 1 : 2) }
        precondition(axes.count == 3 && Set(axes).count == 3, "order must name X, Y and Z once: \(order)")
        let (i, j, k) = (axes[0], axes[1], axes[2])
        // Parity of the permutation (i, j, k): +1 for cyclic orders (XYZ, YZX, ZXY).
        let sign: Float = ((j - i + 3) % 3 == 1) ? 1 : -1
        // For R = R_i(a) R_j(b) R_k(c): R[i][k] = sign·sin(b).
        let sb = max(-1, min(1, sign * self[i, k]))
        let b = asin(sb)
        let a: Float, c: Float
        if abs(sb) < 0.999_999 {
            a = atan2(-sign * self[j, k], self[k, k])
            c = atan2(-sign * self[i, j], self[i, i])
        } else { // gimbal lock: put everything into the first angle
            a = atan2(sign * self[k, j], self[j, j])
            c = 0
        }
        return [a, b, c]
    }
}

/// A unit quaternion (w, x, y, z) for interpolation (slerp) and stable conversions.
public struct Quat: Equatable, Sendable {
    public var w: Float, x: Float, y: Float, z: Float

    public init(w: Float, x: Float, y: Float, z: Float) { self.w = w; self.x = x; self.y = y; self.z = z }

    /// The quaternion of a rotation matrix (Shepperd's method), with w ≥ 0.
    public init(_ m: Mat3) {
        let t = m[0, 0] + m[1, 1] + m[2, 2]
        var q: (Float, Float, Float, Float)
        if t > 0 {
            let s = sqrt(t + 1) * 2
            q = (0.25 * s, (m[2, 1] - m[1, 2]) / s, (m[0, 2] - m[2, 0]) / s, (m[1, 0] - m[0, 1]) / s)
        } else if m[0, 0] > m[1, 1] && m[0, 0] > m[2, 2] {
            let s = sqrt(1 + m[0, 0] - m[1, 1] - m[2, 2]) * 2
            q = ((m[2, 1] - m[1, 2]) / s, 0.25 * s, (m[0, 1] + m[1, 0]) / s, (m[0, 2] + m[2, 0]) / s)
        } else if m[1, 1] > m[2, 2] {
            let s = sqrt(1 + m[1, 1] - m[0, 0] - m[2, 2]) * 2
            q = ((m[0, 2] - m[2, 0]) / s, (m[0, 1] + m[1, 0]) / s, 0.25 * s, (m[1, 2] + m[2, 1]) / s)
        } else {
            let s = sqrt(1 + m[2, 2] - m[0, 0] - m[1, 1]) * 2
            q = ((m[1, 0] - m[0, 1]) / s, (m[0, 2] + m[2, 0]) / s, (m[1, 2] + m[2, 1]) / s, 0.25 * s)
        }
        if q.0 < 0 { q = (-q.0, -q.1, -q.2, -q.3) }
        let n = (q.0 * q.0 + q.1 * q.1 + q.2 * q.2 + q.3 * q.3).squareRoot()
        self.init(w: q.0 / n, x: q.1 / n, y: q.2 / n, z: q.3 / n)
    }

    public var matrix: Mat3 {
        let (w, x, y, z) = (self.w, self.x, self.y, self.z)
        return Mat3(rows:
            SIMD3(1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)),
            SIMD3(2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)),
            SIMD3(2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)))
    }

    /// Axis-angle vector with the angle in [0, π].
    public var axisAngle: SIMD3<Float> {
        var q = self
        if q.w < 0 { q = Quat(w: -q.w, x: -q.x, y: -q.y, z: -q.z) }
        let s = (q.x * q.x + q.y * q.y + q.z * q.z).squareRoot()
        if s < 1e-7 { return SIMD3(q.x, q.y, q.z) * 2 } // small-angle limit
        let angle = 2 * atan2(s, q.w)
        return SIMD3(q.x, q.y, q.z) / s * angle
    }

    /// Spherical linear interpolation along the shorter arc.
    public static func slerp(_ a: Quat, _ b: Quat, _ t: Float) -> Quat {
        var b = b
        var d = a.w * b.w + a.x * b.x + a.y * b.y + a.z * b.z
        if d < 0 { b = Quat(w: -b.w, x: -b.x, y: -b.y, z: -b.z); d = -d }
        let (wa, wb): (Float, Float)
        if d > 0.9995 { // nearly parallel: linear blend, renormalised below
            (wa, wb) = (1 - t, t)
        } else {
            let theta = acos(d), s = sin(theta)
            (wa, wb) = (sin((1 - t) * theta) / s, sin(t * theta) / s)
        }
        let q = Quat(w: wa * a.w + wb * b.w, x: wa * a.x + wb * b.x, y: wa * a.y + wb * b.y, z: wa * a.z + wb * b.z)
        let n = (q.w * q.w + q.x * q.x + q.y * q.y + q.z * q.z).squareRoot()
        return Quat(w: q.w / n, x: q.x / n, y: q.y / n, z: q.z / n)
    }
}

@inlinable public func dot(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float { (a * b).sum() }
@inlinable public func cross(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
@inlinable public func length(_ a: SIMD3<Float>) -> Float { dot(a, a).squareRoot() }

/// Normalises `v`; a zero vector becomes a unit vector orthogonal to `other` (or +x), so that
/// degenerate 6D inputs still decode to a valid rotation.
func normalizeOrX(_ v: SIMD3<Float>, fallbackOrthogonalTo other: SIMD3<Float>? = nil) -> SIMD3<Float> {
    let n = length(v)
    if n > 1e-12 { return v / n }
    guard let o = other else { return SIMD3(1, 0, 0) }
    let trial = abs(o.x) < 0.9 ? SIMD3<Float>(1, 0, 0) : SIMD3<Float>(0, 1, 0)
    let w = trial - dot(trial, o) * o
    return w / length(w)
}

extension Mat3 {
    /// The smallest rotation taking the direction of `from` onto the direction of `to`
    /// (identity for zero vectors; a half turn about an axis orthogonal to `from` when they
    /// point in opposite directions).
    public init(rotating from: SIMD3<Float>, onto to: SIMD3<Float>) {
        let lf = length(from), lt = length(to)
        guard lf > 1e-12, lt > 1e-12 else { self = .identity; return }
        let a = from / lf, b = to / lt
        let axis = cross(a, b), s = length(axis), c = dot(a, b)
        if s < 1e-7 {
            if c > 0 { self = .identity; return }
            self.init(axis: normalizeOrX(.zero, fallbackOrthogonalTo: a), angle: .pi)
            return
        }
        self.init(axis: axis, angle: atan2(s, c))
    }

    /// The rotation whose columns are the orthonormal frame built from a primary direction
    /// (first column, exact) and a secondary direction (made orthogonal to it, second column).
    /// Rotations fitted from two observed directions compare two such frames.
    public init(frameFrom primary: SIMD3<Float>, _ secondary: SIMD3<Float>) {
        let e0 = normalizeOrX(primary)
        let e1 = normalizeOrX(secondary - dot(secondary, e0) * e0, fallbackOrthogonalTo: e0)
        self.init(columns: e0, e1, cross(e0, e1))
    }

    /// The nearest rotation to a nearly-orthogonal matrix (re-orthonormalised by Gram–Schmidt
    /// on the first two columns), for removing drift after long products.
    public var orthonormalized: Mat3 { Mat3(frameFrom: c0, c1) }
}

extension Quat {
    public static let identity = Quat(w: 1, x: 0, y: 0, z: 0)

    /// From an axis-angle vector (direction = axis, norm = angle in radians).
    public init(axisAngle v: SIMD3<Float>) {
        let angle = length(v)
        guard angle > 1e-12 else { self = .identity; return }
        let s = sin(angle / 2) / angle
        self.init(w: cos(angle / 2), x: v.x * s, y: v.y * s, z: v.z * s)
    }

    /// The inverse rotation of a unit quaternion.
    public var conjugate: Quat { Quat(w: w, x: -x, y: -y, z: -z) }

    /// Hamilton product: `(a * b)` rotates by `b` first, then by `a`, like matrices.
    public static func * (a: Quat, b: Quat) -> Quat {
        Quat(w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
             x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
             y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
             z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w)
    }

    /// Rotates a vector.
    public static func * (q: Quat, v: SIMD3<Float>) -> SIMD3<Float> {
        let u = SIMD3(q.x, q.y, q.z)
        let t = 2 * cross(u, v)
        return v + q.w * t + cross(u, t)
    }
}
