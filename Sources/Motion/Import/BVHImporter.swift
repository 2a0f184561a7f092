import Foundation

/// Reads BVH files into SMPL-22 joints in the canonical frame.
///
/// Steps: parse (`BVHDocument`), forward kinematics of every joint and End Site, map onto the
/// SMPL 22 (`SkeletonMapping`), find the up axis (head above the ankles in the rest pose) and
/// rotate it onto +Z (Y-up files: (x, y, z) → (x, −z, y)), convert units (guessed from the
/// rest height unless given), and move the lowest joint over the whole take to z = 0.
public struct BVHImporter: Sendable {
    /// nil: guess from the skeleton's height (`LengthUnit.guess`).
    public var unit: LengthUnit?
    /// Move the lowest joint position of the take to z = 0 (the canonical floor).
    public var placeOnFloor: Bool

    public init(unit: LengthUnit? = nil, placeOnFloor: Bool = true) {
        self.unit = unit; self.placeOnFloor = placeOnFloor
    }

    public func callAsFunction(_ url: URL) throws -> ImportedMotion {
        try callAsFunction(BVHDocument(contentsOf: url), file: url.path)
    }

    public func callAsFunction(_ document: BVHDocument, file: String) throws -> ImportedMotion {
        guard document.frameCount > 0 else { throw MotionFileError(file: file, "the motion has no frames") }
        let points = document.points()
        let mapping: SkeletonMapping
        do { mapping = try SkeletonMapping(names: points.names, parents: points.parents, rest: points.rest) } catch {
            throw MotionFileError(file: file, "\(error)")
        }
        var warnings = document.warnings
        let rest = mapping.apply(points.rest)

        // Up axis: the signed file axis closest to ankles → head in the rest pose.
        let ankles = (rest[SMPLJoint.leftAnkle.rawValue] + rest[SMPLJoint.rightAnkle.rawValue]) / 2
        let up = rest[SMPLJoint.head.rawValue] - ankles
        let axis = (0..<3).max(by: { abs(up[$0]) < abs(up[$1]) })!
        var upVector = SIMD3<Float>.zero
        upVector[axis] = up[axis] < 0 ? -1 : 1
        let toCanonical = Mat3(rotating: upVector, onto: SIMD3(0, 0, 1))
        let upName = (up[axis] < 0 ? "-" : "+") + ["X", "Y", "Z"][axis]

        // Units: the rest pose's extent along the up axis, End Sites included.
        let heights = points.rest.map { $0[axis] }
        let height = heights.max()! - heights.min()!
        let chosen = unit ?? LengthUnit.guess(height: height)
        if unit == nil {
            warnings.append("units: guessed \(chosen.rawValue) (rest height \(String(format: "%.3g", height)) file units = \(String(format: "%.2f", height * chosen.metres)) m)")
        }
        let scale = chosen.metres
        var joints = mapping.apply(points.positions).map { toCanonical * $0 * scale }
        if let bad = joints.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
            throw MotionFileError(file: file, "joint positions overflow at frame \(bad / SMPLJoint.count + 1) (offsets or positions too large)")
        }
        if placeOnFloor, let floor = joints.map(\.z).min() {
            for i in joints.indices { joints[i].z -= floor }
        }
        var mapped: [String: String] = [:]
        for j in SMPLJoint.allCases { mapped[j.name] = mapping.describe(j) }
        let report = ImportReport(
            file: file, format: "BVH", frames: document.frameCount, fps: document.fps,
            skeleton: Self.describeSkeleton(document), mapping: mapped,
            synthesised: mapping.synthesised.map(\.name), unit: chosen.rawValue, upAxis: upName,
            stature: Double(height * scale), warnings: warnings)
        return ImportedMotion(joints: JointSequence(fps: document.fps, jointCount: SMPLJoint.count, positions: joints),
                              report: report)
    }

    /// "CMU, 31 joints" / "Mixamo, 65 joints" / "21 joints (root Hips)".
    static func describeSkeleton(_ document: BVHDocument) -> String {
        let names = Set(document.names)
        let count = "\(document.joints.count) joints"
        if names.isSuperset(of: ["LHipJoint", "LowerBack", "LeftUpLeg", "Neck1"]) { return "CMU, \(count)" }
        if document.names.contains(where: { $0.lowercased().hasPrefix("mixamorig") }) { return "Mixamo, \(count)" }
        return "\(count) (root \(document.joints[0].name))"
    }
}
