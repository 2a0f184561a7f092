/// How SMPL parameters in a file's world frame relate to `SMPLMotion` in the canonical frame.
///
/// SMPL's rotations act on the template in SMPL's own axes (Y up); our skeleton holds the same
/// template in the canonical axes (`SMPLFrame`, C: x_c = −x, y_c = z, z_c = y). A file's world
/// frame is Z up (AMASS: its root orientations already stand the body up in a Z-up world) or Y
/// up (SMPL fits from images). With W the world→canonical rotation (identity or C):
/// local rotations become C·R·Cᵀ, the root W·R_root·Cᵀ, and the pelvis W·(trans + J₀), where
/// J₀ is the template's pelvis in SMPL axes (SMPL adds it to `trans` unrotated).
public enum SMPLWorldAxes: String, Sendable, Codable {
    /// AMASS: Z up already (the convention we follow by default, since AMASS files are stored so).
    case zUp = "+Z"
    /// SMPL's own Y-up world.
    case yUp = "+Y"

    var toCanonical: Mat3 { self == .zUp ? .identity : SMPLFrame.toCanonicalMatrix }

    /// The template pelvis in SMPL's own axes (the inverse of `SMPLFrame.toCanonical`).
    static let templatePelvis: SIMD3<Float> = {
        let c = Skeleton.smpl22.offsets[0]
        return SIMD3(-c.x, c.z, c.y)
    }()

    /// Canonical root orientation, local rotations and pelvis from SMPL file values.
    func canonical(root: Mat3, trans: SIMD3<Float>) -> (root: Mat3, pelvis: SIMD3<Float>) {
        let c = SMPLFrame.toCanonicalMatrix
        return (toCanonical * root * c.transposed, toCanonical * (trans + Self.templatePelvis))
    }

    func canonicalLocal(_ r: Mat3) -> Mat3 {
        let c = SMPLFrame.toCanonicalMatrix
        return c * r * c.transposed
    }

    /// The inverse: file values from canonical ones.
    func file(root: Mat3, pelvis: SIMD3<Float>) -> (root: Mat3, trans: SIMD3<Float>) {
        let c = SMPLFrame.toCanonicalMatrix, w = toCanonical.transposed
        return (w * root * c, w * pelvis - Self.templatePelvis)
    }

    func fileLocal(_ r: Mat3) -> Mat3 {
        let c = SMPLFrame.toCanonicalMatrix
        return c.transposed * r * c
    }
}
