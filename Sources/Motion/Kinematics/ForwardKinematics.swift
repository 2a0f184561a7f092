extension Skeleton {
    /// World joint positions of one pose: the root at `rootPosition`, each joint at its parent's
    /// position plus the parent's world rotation applied to the joint's rest offset.
    ///
    /// `rotations[0]` is the root's world orientation, the others are parent-relative. The
    /// root's own offset row is ignored (it is the template position, not a bone).
    public func forwardKinematics(rootPosition: SIMD3<Float>, rotations: ArraySlice<Mat3>) -> [SIMD3<Float>] {
        precondition(rotations.count == jointCount, "forwardKinematics: \(rotations.count) rotations for \(jointCount) joints")
        var world = [Mat3](repeating: .identity, count: jointCount)
        var positions = [SIMD3<Float>](repeating: rootPosition, count: jointCount)
        let first = rotations.startIndex
        world[0] = rotations[first]
        for j in 1..<jointCount {
            let p = parents[j]
            world[j] = world[p] * rotations[first + j]
            positions[j] = positions[p] + world[p] * offsets[j]
        }
        return positions
    }

    /// Bone lengths (the norm of each rest offset; the root's entry is 0).
    public var boneLengths: [Float] { offsets.enumerated().map { $0.offset == 0 ? 0 : length($0.element) } }

    /// The same tree with bone lengths measured from one set of joint positions (directions
    /// stay those of this skeleton's rest offsets): how a skeleton is fitted to a performer.
    public func withBoneLengths(from positions: [SIMD3<Float>]) -> Skeleton {
        precondition(positions.count == jointCount, "withBoneLengths: \(positions.count) positions for \(jointCount) joints")
        var scaled = offsets
        for j in 1..<jointCount {
            let rest = length(offsets[j])
            guard rest > 0 else { continue }
            scaled[j] = offsets[j] * (length(positions[j] - positions[parents[j]]) / rest)
        }
        return Skeleton(names: names, parents: parents, offsets: scaled)
    }
}
