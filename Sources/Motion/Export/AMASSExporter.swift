import Autograd
import Foundation

/// Writes SMPL parameters as an AMASS-style `.npz`: `poses` (N×156 float64 SMPL-H axis-angle;
/// the 30 hand joints are zero), `trans` (N×3) and `mocap_framerate`, in AMASS's Z-up world
/// (the inverse of `AMASSImporter`, which reads the file back to the same joints).
public struct AMASSExporter: Sendable {
    public var worldAxes: SMPLWorldAxes
    public init(worldAxes: SMPLWorldAxes = .zUp) { self.worldAxes = worldAxes }

    public func npz(_ motion: SMPLMotion) throws -> NPZFile {
        let width = 156
        var poses = [Double](repeating: 0, count: motion.frameCount * width)
        var trans = [Double](repeating: 0, count: motion.frameCount * 3)
        for f in 0..<motion.frameCount {
            let root = worldAxes.file(root: motion.rotation(frame: f, joint: 0), pelvis: motion.rootTranslation[f])
            for k in 0..<3 { trans[3 * f + k] = Double(root.trans[k]) }
            for j in 0..<SMPLJoint.count {
                let r = j == 0 ? root.root : worldAxes.fileLocal(motion.rotation(frame: f, joint: j))
                let v = r.axisAngle
                for k in 0..<3 { poses[f * width + 3 * j + k] = Double(v[k]) }
            }
        }
        return NPZFile(arrays: [
            "poses": try NDArray(poses, shape: [motion.frameCount, width]),
            "trans": try NDArray(trans, shape: [motion.frameCount, 3]),
            "mocap_framerate": try NDArray([motion.fps], shape: []),
        ])
    }

    public func write(_ motion: SMPLMotion, to url: URL) throws {
        do { try npz(motion).write(to: url) } catch {
            throw MotionFileError(file: url.path, "cannot write (\(error))")
        }
    }
}
