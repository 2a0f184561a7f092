/// The points of a BVH skeleton that forward kinematics places: every joint, then every End
/// Site (named `<joint>_End`), with parents. Positions are in file units and axes.
public struct BVHPoints: Sendable {
    public var names: [String]
    public var parents: [Int]
    /// `frameCount × names.count` positions, frame-major.
    public var positions: [SIMD3<Float>]
    /// The rest pose (all channels zero, offsets only).
    public var rest: [SIMD3<Float>]

    public var count: Int { names.count }
    public var frameCount: Int { names.isEmpty ? 0 : positions.count / names.count }
    public subscript(frame t: Int, point p: Int) -> SIMD3<Float> { positions[t * names.count + p] }
}

extension BVHDocument {
    /// Forward kinematics of every frame (or of `frames`, a subset of frame indices).
    ///
    /// Rotation channels compose in the order they are listed (`Zrotation Xrotation Yrotation`
    /// is R_Z·R_X·R_Y), angles in degrees. Position channels replace the matching component
    /// of the joint's offset, as Blender reads them (the root's offset is usually zero).
    public func points(frames: [Int]? = nil) -> BVHPoints {
        let jointCount = joints.count
        var names = joints.map(\.name), parents = joints.map(\.parent)
        var endOffsets: [SIMD3<Float>] = []
        for (j, joint) in joints.enumerated() {
            for (k, offset) in joint.endSites.enumerated() {
                names.append(joint.name + (k == 0 ? "_End" : "_End\(k + 1)"))
                parents.append(j); endOffsets.append(offset)
            }
        }
        var starts = [Int](repeating: 0, count: jointCount)
        var running = 0
        for j in 0..<jointCount { starts[j] = running; running += joints[j].channels.count }
        let orders = joints.map(\.rotationOrder)
        let stride = channelCount
        let selected = frames ?? Array(0..<frameCount)
        let degrees = Float.pi / 180

        func pose(_ row: ArraySlice<Float>?) -> [SIMD3<Float>] {
            var world = [Mat3](repeating: .identity, count: jointCount)
            var out = [SIMD3<Float>](repeating: .zero, count: names.count)
            for j in 0..<jointCount {
                var translation = joints[j].offset
                var local = Mat3.identity
                if let row {
                    var angles: [Float] = []
                    var k = row.startIndex + starts[j]
                    for c in joints[j].channels {
                        if c.isRotation { angles.append(row[k] * degrees) } else { translation[c.axis] = row[k] }
                        k += 1
                    }
                    if !angles.isEmpty { local = Mat3(euler: orders[j], radians: angles) }
                }
                let p = joints[j].parent
                if p < 0 { world[j] = local; out[j] = translation } else {
                    world[j] = world[p] * local
                    out[j] = out[p] + world[p] * translation
                }
            }
            for (e, offset) in endOffsets.enumerated() {
                let p = parents[jointCount + e]
                out[jointCount + e] = out[p] + world[p] * offset
            }
            return out
        }

        var positions: [SIMD3<Float>] = []
        positions.reserveCapacity(selected.count * names.count)
        for t in selected { positions += pose(values[(t * stride)..<((t + 1) * stride)]) }
        return BVHPoints(names: names, parents: parents, positions: positions, rest: pose(nil))
    }
}
