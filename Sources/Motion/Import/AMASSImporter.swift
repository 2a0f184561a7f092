import Autograd
import Foundation

/// Reads AMASS `.npz` files: `poses` (N×156 SMPL-H or N×165 SMPL-X axis-angle; N×72 SMPL and
/// N×66 body-only also accepted), `trans` (N×3) and `mocap_framerate` (SMPL-H) or
/// `mocap_frame_rate` (SMPL-X). The root and 21 body joints (the first 66 values) are kept;
/// hands, jaw and eyes are dropped; `betas` are ignored (the SMPL template's bone lengths are
/// used). The world is taken as Z up (`SMPLWorldAxes.zUp`), as AMASS stores it.
public struct AMASSImporter: Sendable {
    public var worldAxes: SMPLWorldAxes
    /// Move the lowest joint of the take to z = 0.
    public var placeOnFloor: Bool

    public init(worldAxes: SMPLWorldAxes = .zUp, placeOnFloor: Bool = true) {
        self.worldAxes = worldAxes; self.placeOnFloor = placeOnFloor
    }

    static let poseWidths = [156: "SMPL-H", 165: "SMPL-X", 72: "SMPL", 66: "SMPL body"]

    public func callAsFunction(_ url: URL) throws -> ImportedMotion {
        let npz: NPZFile
        do { npz = try NPZFile(contentsOf: url) } catch { throw MotionFileError(file: url.path, "\(error)") }
        return try callAsFunction(npz, file: url.path)
    }

    public func callAsFunction(_ npz: NPZFile, file: String) throws -> ImportedMotion {
        func array(_ key: String) throws -> NDArray {
            guard let a = npz.arrays[key] else {
                throw MotionFileError(file: file, .key(key), "missing (the file has \(npz.names.joined(separator: ", ")))")
            }
            return a
        }
        func floats(_ key: String, _ a: NDArray) throws -> [Float] {
            do { return try a.floats() } catch { throw MotionFileError(file: file, .key(key), "\(error)") }
        }
        let poses = try array("poses"), trans = try array("trans")
        guard poses.shape.count == 2, let model = Self.poseWidths[poses.shape[1]] else {
            throw MotionFileError(file: file, .key("poses"), "shape \(poses.shape); expected (frames, 156) SMPL-H or (frames, 165) SMPL-X axis-angle")
        }
        let frames = poses.shape[0]
        guard frames > 0 else { throw MotionFileError(file: file, .key("poses"), "the motion has no frames") }
        guard trans.shape == [frames, 3] else {
            throw MotionFileError(file: file, .key("trans"), "shape \(trans.shape); expected (\(frames), 3) to match poses")
        }
        let rateKey = npz.arrays["mocap_framerate"] != nil ? "mocap_framerate" : "mocap_frame_rate"
        guard let rateArray = npz.arrays[rateKey] else {
            throw MotionFileError(file: file, .key("mocap_framerate"), "missing (neither mocap_framerate nor mocap_frame_rate; the file has \(npz.names.joined(separator: ", ")))")
        }
        guard rateArray.count == 1, let fps = rateArray.doubles().first, fps.isFinite, fps > 0, fps <= 10_000 else {
            throw MotionFileError(file: file, .key(rateKey), "must be one positive frame rate, got \(rateArray.doubles().prefix(3)) of shape \(rateArray.shape)")
        }
        let p = try floats("poses", poses), t = try floats("trans", trans)
        let width = poses.shape[1]
        // Axis-angle beyond 1000 rad or translations beyond 1000 km are corrupt, not motion.
        if let bad = p.firstIndex(where: { !$0.isFinite || abs($0) > 1e3 }) {
            throw MotionFileError(file: file, .key("poses"), "frame \(bad / width), value \(bad % width) is \(p[bad].isFinite ? "implausibly large (\(p[bad]) rad)" : "NaN or infinite")")
        }
        if let bad = t.firstIndex(where: { !$0.isFinite || abs($0) > 1e6 }) {
            throw MotionFileError(file: file, .key("trans"), "frame \(bad / 3) is \(t[bad].isFinite ? "implausibly large (\(t[bad]) m)" : "NaN or infinite")")
        }
        var rotations: [Mat3] = [], pelvis: [SIMD3<Float>] = []
        rotations.reserveCapacity(frames * SMPLJoint.count); pelvis.reserveCapacity(frames)
        for f in 0..<frames {
            let row = f * width
            func axisAngle(_ j: Int) -> Mat3 { Mat3(axisAngle: SIMD3(p[row + 3 * j], p[row + 3 * j + 1], p[row + 3 * j + 2])) }
            let root = worldAxes.canonical(root: axisAngle(0), trans: SIMD3(t[3 * f], t[3 * f + 1], t[3 * f + 2]))
            rotations.append(root.root); pelvis.append(root.pelvis)
            for j in 1..<SMPLJoint.count { rotations.append(worldAxes.canonicalLocal(axisAngle(j))) }
        }
        var motion = SMPLMotion(fps: fps, rootTranslation: pelvis, rotations: rotations)
        var joints = motion.joints()
        var warnings: [String] = []
        if placeOnFloor, let floor = joints.positions.map(\.z).min(), floor != 0 {
            for i in joints.positions.indices { joints.positions[i].z -= floor }
            for i in motion.rootTranslation.indices { motion.rootTranslation[i].z -= floor }
            warnings.append("moved the take by \(String(format: "%.3f", -floor)) m in z to put its lowest joint on the floor")
        }
        if npz.arrays["betas"] != nil { warnings.append("betas ignored: the SMPL template's bone lengths are used") }
        let report = ImportReport(
            file: file, format: "AMASS npz (\(model), \(width / 3) joints)", frames: frames, fps: fps,
            skeleton: "\(model) body (root + 21 joints kept)",
            mapping: Dictionary(uniqueKeysWithValues: SMPLJoint.allCases.map { ($0.name, $0.name) }),
            unit: LengthUnit.metres.rawValue, upAxis: worldAxes.rawValue, warnings: warnings)
        return ImportedMotion(joints: joints, storedSMPL: motion, report: report)
    }
}
