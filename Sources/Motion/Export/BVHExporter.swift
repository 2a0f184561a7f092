import Foundation

/// Writes SMPL parameters as a BVH file with the SMPL-22 hierarchy, the way Blender and most
/// tools expect BVH: Y up, centimetres, a ROOT `pelvis` with 6 channels (position, then
/// `Zrotation Xrotation Yrotation`), every other joint with 3 rotation channels in the same
/// order, and an End Site below each leaf (feet, head, wrists).
///
/// Importing the file again with `BVHImporter` reproduces the joints (to ~1e-5 m).
public struct BVHExporter: Sendable {
    /// Rotation channel order of every joint.
    public static let rotationOrder = "ZXY"
    /// File units per metre.
    public static let unitsPerMetre: Float = 100

    public init() {}

    /// The BVH text of `motion`.
    public func text(_ motion: SMPLMotion) -> String {
        let skeleton = motion.skeleton
        let children = skeleton.children
        // Canonical (Z up) → BVH (Y up): v_bvh = Cᵀ v, with C = (x, y, z) ↦ (x, −z, y).
        let toBVH = Mat3(rows: SIMD3(1, 0, 0), SIMD3(0, 0, 1), SIMD3(0, -1, 0))
        let fromBVH = toBVH.transposed
        let scale = Self.unitsPerMetre
        func number(_ v: Float) -> String { String(format: "%.6f", Double(v)) }
        func vector(_ v: SIMD3<Float>) -> String { "\(number(v.x)) \(number(v.y)) \(number(v.z))" }

        var out = "HIERARCHY\n"
        var fileOrder: [Int] = [] // joints in the order their channels appear in each row
        func write(_ j: Int, depth: Int) {
            fileOrder.append(j)
            let pad = String(repeating: "\t", count: depth)
            out += j == 0 ? "ROOT \(skeleton.names[j])\n" : "\(pad)JOINT \(skeleton.names[j])\n"
            out += "\(pad){\n"
            out += "\(pad)\tOFFSET \(j == 0 ? "0.000000 0.000000 0.000000" : vector(toBVH * skeleton.offsets[j] * scale))\n"
            out += j == 0 ? "\(pad)\tCHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation\n"
                : "\(pad)\tCHANNELS 3 Zrotation Xrotation Yrotation\n"
            for c in children[j] { write(c, depth: depth + 1) }
            if children[j].isEmpty {
                out += "\(pad)\tEnd Site\n\(pad)\t{\n\(pad)\t\tOFFSET \(vector(toBVH * Self.endSite(j, skeleton) * scale))\n\(pad)\t}\n"
            }
            out += "\(pad)}\n"
        }
        write(0, depth: 0)
        out += "MOTION\nFrames: \(motion.frameCount)\nFrame Time: \(String(format: "%.8f", 1 / motion.fps))\n"
        // Rows are most of the file: numbers are formatted by hand (String(format:) per value
        // costs more than everything else together).
        var rows: [UInt8] = []
        rows.reserveCapacity(motion.frameCount * (3 + skeleton.jointCount * 3) * 11)
        let degrees = 180 / Float.pi
        for t in 0..<motion.frameCount {
            let p = toBVH * motion.rootTranslation[t] * scale
            Self.appendFixed(p.x, to: &rows); Self.appendFixed(p.y, to: &rows); Self.appendFixed(p.z, to: &rows)
            for j in fileOrder {
                let local = toBVH * motion.rotation(frame: t, joint: j) * fromBVH
                for a in local.eulerAngles(order: Self.rotationOrder) { Self.appendFixed(a * degrees, to: &rows) }
            }
            rows[rows.count - 1] = UInt8(ascii: "\n")
        }
        out += String(decoding: rows, as: UTF8.self)
        return out
    }

    public func write(_ motion: SMPLMotion, to url: URL) throws {
        do { try text(motion).write(to: url, atomically: true, encoding: .utf8) } catch {
            throw MotionFileError(file: url.path, "cannot write (\(error.localizedDescription))")
        }
    }

    /// Appends `v` with six decimals and a trailing space (what `%.6f ` prints).
    static func appendFixed(_ v: Float, to out: inout [UInt8]) {
        let micro = (Double(abs(v)) * 1e6).rounded()
        guard v.isFinite, micro < 9e15 else { out += Array(String(format: "%.6f ", Double(v)).utf8); return }
        let whole = Int64(micro) / 1_000_000, fraction = Int64(micro) % 1_000_000
        if v < 0 && micro > 0 { out.append(UInt8(ascii: "-")) }
        out += Array(String(whole).utf8)
        out.append(UInt8(ascii: "."))
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 6), f = fraction, k = 5
        while f > 0 { digits[k] = UInt8(ascii: "0") + UInt8(f % 10); f /= 10; k -= 1 }
        out += digits
        out.append(UInt8(ascii: " "))
    }

    /// A leaf's End Site: the head 10 cm above it, a foot 5 cm further along its bone, a
    /// hand 8 cm further along the forearm (canonical frame, metres).
    static func endSite(_ j: Int, _ skeleton: Skeleton) -> SIMD3<Float> {
        if j == SMPLJoint.head.rawValue { return SIMD3(0, 0, 0.10) }
        let bone = skeleton.offsets[j]
        let n = length(bone)
        guard n > 0 else { return SIMD3(0, 0, 0.05) }
        let reach: Float = (j == SMPLJoint.leftFoot.rawValue || j == SMPLJoint.rightFoot.rawValue) ? 0.05 : 0.08
        return bone / n * reach
    }
}
