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
        var row: [String] = []
        row.reserveCapacity(3 + skeleton.jointCount * 3)
        let degrees = 180 / Float.pi
        for t in 0..<motion.frameCount {
            row.removeAll(keepingCapacity: true)
            let p = toBVH * motion.rootTranslation[t] * scale
            row += [number(p.x), number(p.y), number(p.z)]
            for j in fileOrder {
                let local = toBVH * motion.rotation(frame: t, joint: j) * fromBVH
                row += local.eulerAngles(order: Self.rotationOrder).map { number($0 * degrees) }
            }
            out += row.joined(separator: " ") + "\n"
        }
        return out
    }

    public func write(_ motion: SMPLMotion, to url: URL) throws {
        do { try text(motion).write(to: url, atomically: true, encoding: .utf8) } catch {
            throw MotionFileError(file: url.path, "cannot write (\(error.localizedDescription))")
        }
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
