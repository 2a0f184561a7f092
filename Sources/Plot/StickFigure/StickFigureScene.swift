import Foundation

/// Turns one motion into projected 2D drawing data, one group of four data blocks per frame:
/// floor (grid and the figure's shadow), root path, bones (far to near), head disc. Colours
/// travel in a third column as 0xRRGGBB integers (gnuplot's `lc rgb variable`).
struct StickFigureScene {
    static let blocksPerFrame = 4
    static let gridColour = 0xE2E2E2, axisColour = 0xC4C4C4, shadowColour = 0xC8C8C8
    static let leftColour = 0x0072B2, rightColour = 0xD55E00, centreColour = 0x3A3A3A
    static let pathColour = "#009E73", headColour = "#3A3A3A"
    /// Head disc radius, metres.
    static let headRadius = 0.1

    let motion: StickFigureMotion
    let camera: StickFigureCamera
    /// Where the camera looks on the floor at each frame: the root's path, smoothed over about
    /// a second so the view glides instead of shaking with the pelvis.
    let track: [SIMD2<Double>]

    init(motion: StickFigureMotion, camera: StickFigureCamera) {
        self.motion = motion
        self.camera = camera
        let raw: [SIMD2<Double>] = motion.frames.indices.map { t in
            if let root = motion.rootTrajectory?[t] { return SIMD2(Double(root.x), Double(root.y)) }
            let frame = motion.frames[t]
            let sum = frame.reduce(SIMD2<Double>(0, 0)) { $0 + SIMD2(Double($1.x), Double($1.y)) }
            return sum / Double(frame.count)
        }
        let half = max(1, Int(motion.fps / 2))
        track = raw.indices.map { t in
            let window = raw[max(0, t - half)...min(raw.count - 1, t + half)]
            return window.reduce(SIMD2<Double>(0, 0), +) / Double(window.count)
        }
    }

    /// The four data blocks of frame `t`, each ending in a double blank line.
    func blocks(frame t: Int) -> String {
        let pose = CameraPose(camera: camera, lookingAt: track[t])
        let points = motion.frames[t].map { SIMD3(Double($0.x), Double($0.y), Double($0.z)) }

        // Floor: world-fixed grid lines every 0.5 m within 3 m of the view centre, then the
        // figure's shadow (bones flattened onto the floor).
        var floor = ""
        let step = 0.5, reach = 3.0
        let cx = (track[t].x / step).rounded() * step, cy = (track[t].y / step).rounded() * step
        for i in -6...6 {
            let offset = Double(i) * step
            let xLine = cx + offset, yLine = cy + offset
            segment(&floor, pose, SIMD3(xLine, cy - reach, 0), SIMD3(xLine, cy + reach, 0),
                    colour: abs(xLine) < 1e-9 ? Self.axisColour : Self.gridColour)
            segment(&floor, pose, SIMD3(cx - reach, yLine, 0), SIMD3(cx + reach, yLine, 0),
                    colour: abs(yLine) < 1e-9 ? Self.axisColour : Self.gridColour)
        }
        for bone in motion.bones {
            var a = points[bone.from], b = points[bone.to]
            a.z = 0; b.z = 0
            segment(&floor, pose, a, b, colour: Self.shadowColour)
        }

        // Root path on the floor.
        var path = ""
        if let root = motion.rootTrajectory {
            var previous: SIMD3<Double>?
            for p in root {
                let ground = SIMD3(Double(p.x), Double(p.y), 0)
                if let q = previous, let (a, b) = pose.projectSegment(q, ground) {
                    Self.append(&path, a, 0); Self.append(&path, b, 0); path += "\n"
                }
                previous = ground
            }
        }

        // Bones, farthest first, so nearer limbs are drawn over farther ones.
        var skeleton = ""
        let ordered = motion.bones.sorted {
            pose.depth(points[$0.from] + points[$0.to]) > pose.depth(points[$1.from] + points[$1.to])
        }
        for bone in ordered {
            let colour = bone.side == .left ? Self.leftColour : (bone.side == .right ? Self.rightColour : Self.centreColour)
            segment(&skeleton, pose, points[bone.from], points[bone.to], colour: colour)
        }

        // Head disc: centre and projected radius (x-axis units; the panel keeps a 1:1 aspect).
        var head = ""
        if let joint = motion.headJoint, pose.depth(points[joint]) > pose.near {
            Self.append(&head, pose.project(points[joint]), 0, radius: Self.headRadius / pose.depth(points[joint]))
        }
        return [floor, path, skeleton, head].map(Self.finished).joined()
    }

    /// gnuplot ends a data set at two blank lines, so an empty block would shift every later
    /// index; a lone NaN point keeps the count right and draws nothing.
    private static func finished(_ block: String) -> String {
        (block.isEmpty ? "NaN NaN 0\n" : block) + "\n\n"
    }

    private func segment(_ out: inout String, _ pose: CameraPose, _ a: SIMD3<Double>, _ b: SIMD3<Double>, colour: Int) {
        guard let (p, q) = pose.projectSegment(a, b) else { return }
        Self.append(&out, p, colour)
        Self.append(&out, q, colour)
        out += "\n"
    }

    private static func append(_ out: inout String, _ p: SIMD2<Double>, _ third: Int, radius: Double? = nil) {
        out += fixed(p.x); out += " "; out += fixed(p.y); out += " "
        out += radius.map(fixed) ?? String(third)
        out += "\n"
    }

    /// Five decimals, without `String(format:)` (slow on Linux; a clip writes ~10⁵ numbers).
    static func fixed(_ value: Double) -> String {
        guard value.isFinite else { return "NaN" }
        let scaled = Int((abs(value) * 100_000).rounded())
        let whole = scaled / 100_000, fraction = scaled % 100_000
        let digits = String(fraction)
        return (value < 0 && scaled != 0 ? "-" : "") + String(whole) + "." + String(repeating: "0", count: 5 - digits.count) + digits
    }
}
