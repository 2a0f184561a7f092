import Foundation

/// Joint positions as JSON for web viewers and notebooks:
/// `{"fps", "units": "m", "up": "z", "joint_names", "parents", "frames": [[[x, y, z] × joints] × frames]}`,
/// millimetre precision.
public struct JointsJSONExporter: Sendable {
    public init() {}

    public func text(_ joints: JointSequence, names: [String] = Skeleton.smpl22.names,
                     parents: [Int] = Skeleton.smpl22.parents) -> String {
        func q(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func n(_ v: Float) -> String { v.isFinite ? String(format: "%.4f", Double(v)) : "null" }
        let useNames = names.count == joints.jointCount ? names : (0..<joints.jointCount).map { "joint\($0)" }
        let useParents = parents.count == joints.jointCount ? parents : [Int](repeating: -1, count: joints.jointCount)
        var out = "{\"fps\": \(joints.fps), \"units\": \"m\", \"up\": \"z\", "
        out += "\"joint_names\": [\(useNames.map(q).joined(separator: ", "))], "
        out += "\"parents\": [\(useParents.map(String.init).joined(separator: ", "))], \"frames\": ["
        for t in 0..<joints.frameCount {
            if t > 0 { out += ", " }
            out += "[" + (0..<joints.jointCount).map { j in
                let p = joints[frame: t, joint: j]
                return "[\(n(p.x)), \(n(p.y)), \(n(p.z))]"
            }.joined(separator: ", ") + "]"
        }
        return out + "]}\n"
    }

    public func write(_ joints: JointSequence, to url: URL) throws {
        do { try text(joints).write(to: url, atomically: true, encoding: .utf8) } catch {
            throw MotionFileError(file: url.path, "cannot write (\(error.localizedDescription))")
        }
    }
}
