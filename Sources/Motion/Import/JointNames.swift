/// Reads the side and body part out of a joint name in the common mocap namings: CMU
/// (`LeftUpLeg`, `LHipJoint`), Mixamo (`mixamorig:LeftArm`), MotionBuilder/Boxing
/// (`LeftHip`, `Ab`, `Chest`), 3ds Max (`Bip01 L Thigh`), Blender (`thigh.L`) and lower-case
/// (`l_knee`, `lknee`).
enum JointNames {
    enum Side: String, Sendable { case left, right }

    /// Body-part words for each sided role, most specific first.
    static let hip = ["upleg", "thigh", "upperleg", "femur", "hip"]
    static let knee = ["leg", "knee", "shin", "lowerleg", "lowleg", "calf", "tibia"]
    static let ankle = ["foot", "ankle"]
    /// "foot" last: below a joint named "ankle" (SMPL's own naming) the foot is the toe joint.
    static let toe = ["toebase", "toe", "toes", "ball", "toe0", "toebase0", "foot"]
    static let upperArm = ["arm", "uparm", "upperarm", "humerus", "shoulder"]
    static let elbow = ["forearm", "elbow", "lowerarm", "lowarm", "radius"]
    static let wrist = ["hand", "wrist"]
    static let vocabulary = Set(hip + knee + ankle + toe + upperArm + elbow + wrist + ["collar", "clavicle", "shoulder"])

    /// The side (if any) and the body part, lower-case letters and digits only.
    static func parse(_ raw: String) -> (side: Side?, body: String) {
        var s = Substring(raw)
        if let cut = s.lastIndex(where: { $0 == ":" || $0 == "|" }) { s = s[s.index(after: cut)...] }
        var lower = s.lowercased()
        for prefix in ["bip01", "bip001", "mixamorig", "def-", "def_"] where lower.hasPrefix(prefix) {
            s = s.dropFirst(prefix.count); lower = s.lowercased()
        }
        let trimmed = s.drop(while: { !$0.isLetter && !$0.isNumber })
        s = trimmed; lower = s.lowercased()
        func clean(_ t: some StringProtocol) -> String { t.lowercased().filter { $0.isLetter || $0.isNumber } }

        for (word, side) in [("left", Side.left), ("right", .right)] {
            if lower.hasPrefix(word) { return (side, clean(s.dropFirst(word.count))) }
            if lower.hasSuffix(word) && lower.count > word.count { return (side, clean(s.dropLast(word.count))) }
        }
        let chars = Array(s)
        if chars.count >= 2 {
            let first = chars[0], second = chars[1]
            let side: Side? = (first == "L" || first == "l") ? .left : ((first == "R" || first == "r") ? .right : nil)
            if let side {
                // "L_Knee", "l.knee", "LHipJoint" (capital after a capital L), "lknee" (known word).
                let rest = clean(s.dropFirst())
                if "_. -".contains(second) || (first.isUppercase && second.isUppercase) || vocabulary.contains(rest) {
                    return (side, rest)
                }
            }
            let last = chars[chars.count - 1], beforeLast = chars[chars.count - 2]
            if "_. -".contains(beforeLast) {
                if last == "L" || last == "l" { return (.left, clean(s.dropLast(2))) }
                if last == "R" || last == "r" { return (.right, clean(s.dropLast(2))) }
            }
        }
        return (nil, clean(s))
    }
}
