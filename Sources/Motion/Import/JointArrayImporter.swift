import Autograd
import Foundation

/// Reads joint positions stored as a `.npy` array of shape (T, 22, 3): the MBench fixture
/// form (Z up, 20 fps, metres) or HumanML3D's `new_joints` (Y up in SMPL's axes, 20 fps).
public struct JointArrayImporter: Sendable {
    /// The axes of the stored joints.
    public enum Axes: String, Sendable {
        /// Already canonical: Z up.
        case zUp = "+Z"
        /// SMPL's own axes (+y up, facing +z, +x the body's left), as HumanML3D stores joints:
        /// converted by x_c = −x, y_c = z, z_c = y.
        case smplYUp = "+Y (SMPL axes)"
    }

    public var axes: Axes
    public var fps: Double
    public var format: String

    public init(axes: Axes = .zUp, fps: Double = 20, format: String = "joints npy") {
        self.axes = axes; self.fps = fps; self.format = format
    }

    /// HumanML3D's `new_joints/*.npy`.
    public static let humanML3D = JointArrayImporter(axes: .smplYUp, fps: 20, format: "HumanML3D")

    public func callAsFunction(_ url: URL) throws -> ImportedMotion {
        let array: NDArray
        do { array = try NPY.read(contentsOf: url) } catch { throw MotionFileError(file: url.path, "\(error)") }
        return try callAsFunction(array, file: url.path)
    }

    public func callAsFunction(_ array: NDArray, file: String) throws -> ImportedMotion {
        guard array.shape.count == 3, array.shape[1] == SMPLJoint.count, array.shape[2] == 3 else {
            throw MotionFileError(file: file, "joint array has shape \(array.shape); expected (frames, 22, 3) in SMPL joint order")
        }
        guard array.shape[0] > 0 else { throw MotionFileError(file: file, "the motion has no frames (shape \(array.shape))") }
        let values: [Float]
        do { values = try array.floats() } catch { throw MotionFileError(file: file, "\(error)") }
        var positions: [SIMD3<Float>] = []
        positions.reserveCapacity(values.count / 3)
        for i in stride(from: 0, to: values.count, by: 3) {
            let v = SIMD3(values[i], values[i + 1], values[i + 2])
            guard v.x.isFinite && v.y.isFinite && v.z.isFinite else {
                let point = i / 3
                throw MotionFileError(file: file, "frame \(point / SMPLJoint.count), joint \(point % SMPLJoint.count) is NaN or infinite")
            }
            positions.append(axes == .zUp ? v : SMPLFrame.toCanonical(v))
        }
        let report = ImportReport(file: file, format: format, frames: array.shape[0], fps: fps, skeleton: "SMPL 22 joints",
                                  mapping: Dictionary(uniqueKeysWithValues: SMPLJoint.allCases.map { ($0.name, $0.name) }),
                                  unit: LengthUnit.metres.rawValue, upAxis: axes.rawValue)
        return ImportedMotion(joints: JointSequence(fps: fps, jointCount: SMPLJoint.count, positions: positions), report: report)
    }
}
