import Foundation
import Motion

/// The seven-part structured description the paper's annotator (Gemini, Box 1) writes for a
/// motion; training uses part 1 only. Written here from what the World knows — the planned
/// performances and the synthesised joints — so every part is true of the motion.
public struct BoxOneAnnotation: Sendable, Equatable, Codable {
    /// 1. Detailed description of the whole sequence (the take's motion-style caption).
    public var summary: String
    /// 2. Two or three adjectives for the style and mood.
    public var styles: [String]
    /// 3. The global trajectory and the contact with the ground.
    public var trajectory: String
    /// 4. The main actions in order, as short verb phrases.
    public var keyActions: [String]
    /// 5. One line per two annotation frames ("Frame 1 to 2: …").
    public var everyTwoFrames: [String]
    /// 6. One line per four annotation frames.
    public var everyFourFrames: [String]
    /// 7. Key poses (lowest, highest, widest reach) with the body parts that make them.
    public var keyStatuses: [String]

    /// The seven parts under Box 1's headings, numbered.
    public var text: String {
        let parts: [(String, [String])] = [
            ("Detailed description of whole human motion sequence", [summary.capitalizedFirst]),
            ("Styles, emotions of human motion sequence", [styles.joined(separator: ", ").capitalizedFirst + "."]),
            ("Description of the global trajectory and interaction with the environment", [trajectory]),
            ("Key actions temporally", [keyActions.joined(separator: ", ").capitalizedFirst + "."]),
            ("Action description every 2 frames", everyTwoFrames.map { "- " + $0 }),
            ("Action description every 4 frames", everyFourFrames.map { "- " + $0 }),
            ("Key motion status with corresponding essential body part movements", keyStatuses.map { "- " + $0 }),
        ]
        return parts.enumerated().map { k, part in "\(k + 1). **\(part.0):**\n\n" + part.1.joined(separator: "\n") }
            .joined(separator: "\n\n")
    }
}

/// Writes `BoxOneAnnotation`s. Annotation frames are the motion sampled at
/// `framesPerSecond` (the annotator saw rendered frames, not every pose).
public struct BoxOneAnnotator: Sendable {
    public let lexicon: Lexicon
    public var framesPerSecond: Double = 2

    public init(lexicon: Lexicon = .standard) { self.lexicon = lexicon }

    /// Body parts whose motion the line-by-line parts name (SMPL joints, pelvis-relative).
    static let parts: [(name: String, joint: SMPLJoint)] = [
        ("left hand", .leftWrist), ("right hand", .rightWrist), ("left foot", .leftFoot),
        ("right foot", .rightFoot), ("head", .head),
    ]

    /// The annotation of `motion`, performed as `performances` over `spans` (seconds), whose
    /// motion-style caption is `summary`.
    public func annotate(_ motion: SMPLMotion, performances: [Performance], spans: [ClosedRange<Double>],
                         summary: String) -> BoxOneAnnotation {
        let joints = motion.joints()
        let step = max(1, Int((motion.fps / framesPerSecond).rounded()))
        let frames = Array(stride(from: 0, to: motion.frameCount, by: step))
        func action(at frame: Int) -> ActionSpec? {
            let t = Double(frame) / motion.fps
            let k = spans.firstIndex { $0.contains(t) } ?? (t < (spans.first?.lowerBound ?? 0) ? 0 : spans.count - 1)
            return performances.indices.contains(k) ? lexicon.action(performances[k].actionID) : nil
        }
        func lines(every width: Int) -> [String] {
            stride(from: 0, to: frames.count - 1, by: width).map { a in
                let b = min(a + width - 1, frames.count - 1)
                let verb = action(at: frames[a]).map { $0.verbs[0] } ?? "moves"
                return "Frame \(a + 1) to \(b + 1): \(verb); " + movement(joints, from: frames[a], to: frames[b])
            }
        }
        return BoxOneAnnotation(summary: summary, styles: styles(performances), trajectory: trajectory(joints),
                                keyActions: keyActions(performances), everyTwoFrames: lines(every: 2),
                                everyFourFrames: lines(every: 4), keyStatuses: keyStatuses(joints))
    }

    private func styles(_ performances: [Performance]) -> [String] {
        var words: [String] = []
        for p in performances {
            if let id = p.style, let style = lexicon.styles.first(where: { $0.id == id }) { words += style.adjectives ?? [] }
            // Without an adverb, the action's own character: dynamic ones are explosive.
            else if lexicon.action(p.actionID)?.dynamic == true { words += ["explosive", "athletic"] }
            else { words += ["steady", "controlled"] }
        }
        var seen = Set<String>()
        return Array(words.filter { seen.insert($0).inserted }.prefix(3))
    }

    private func keyActions(_ performances: [Performance]) -> [String] {
        ["start standing"] + performances.map { p in
            let verb = lexicon.action(p.actionID)?.verbs[0] ?? p.actionID
            return p.repetitions > 1 && lexicon.action(p.actionID)?.engine == .keys ? "\(verb) \(p.repetitions) times" : verb
        } + ["come to rest"]
    }

    private func trajectory(_ joints: JointSequence) -> String {
        let last = joints.frameCount - 1
        let start = joints[frame: 0, joint: 0], end = joints[frame: last, joint: 0]
        var path: Float = 0
        for t in 1...max(1, last) where t <= last {
            let d = joints[frame: t, joint: 0] - joints[frame: t - 1, joint: 0]
            path += (d.x * d.x + d.y * d.y).squareRoot()
        }
        let net = ((end.x - start.x) * (end.x - start.x) + (end.y - start.y) * (end.y - start.y)).squareRoot()
        var airborne = 0
        for t in 0...last where SMPLJoint.feet.allSatisfy({ joints[frame: t, joint: $0.rawValue].z > 0.05 }) { airborne += 1 }
        let travel = path < 0.5
            ? "The person stays in place (the pelvis travels \(metres(path)) in all)."
            : "The person travels \(metres(path)) along the ground, ending \(metres(net)) from the start."
        let contact = airborne == 0
            ? " At least one foot is on the floor throughout; planted feet do not slide."
            : " Both feet leave the floor for \(String(format: "%.1f", Double(airborne) / joints.fps)) s; planted feet do not slide."
        return travel + contact
    }

    /// The largest pelvis-relative movement between two frames, the travel, the rise or drop.
    private func movement(_ joints: JointSequence, from a: Int, to b: Int) -> String {
        let ra = joints[frame: a, joint: 0], rb = joints[frame: b, joint: 0]
        var notes: [String] = []
        let travel = ((rb.x - ra.x) * (rb.x - ra.x) + (rb.y - ra.y) * (rb.y - ra.y)).squareRoot()
        if travel > 0.2 { notes.append("the body travels \(metres(travel))") }
        if rb.z - ra.z > 0.1 { notes.append("the pelvis rises \(metres(rb.z - ra.z))") }
        if ra.z - rb.z > 0.1 { notes.append("the pelvis lowers \(metres(ra.z - rb.z))") }
        let moved = Self.parts.map { part -> (String, Float) in
            let j = part.joint.rawValue
            return (part.name, length((joints[frame: b, joint: j] - rb) - (joints[frame: a, joint: j] - ra)))
        }.max { $0.1 < $1.1 }!
        notes.append(moved.1 < 0.05 ? "the limbs hold their pose" : "the \(moved.0) moves most (\(metres(moved.1)))")
        return notes.joined(separator: ", ") + "."
    }

    private func keyStatuses(_ joints: JointSequence) -> [String] {
        let frames = 0..<joints.frameCount
        func time(_ t: Int) -> String { String(format: "%.1f s", Double(t) / joints.fps) }
        let pelvis = frames.map { joints[frame: $0, joint: 0].z }
        let low = frames.min { pelvis[$0] < pelvis[$1] }!, high = frames.max { pelvis[$0] < pelvis[$1] }!
        let hands = [SMPLJoint.leftWrist, .rightWrist].map(\.rawValue)
        let reach = frames.flatMap { t in hands.map { (t, $0) } }.max { joints[frame: $0.0, joint: $0.1].z < joints[frame: $1.0, joint: $1.1].z }!
        var out = ["Lowest point at \(time(low)): the pelvis is \(metres(pelvis[low])) above the floor" +
                   (pelvis[low] < 0.75 ? ", hips and knees flexed to lower the body." : ", legs nearly straight.")]
        if pelvis[high] - pelvis[low] > 0.1 {
            out.append("Highest point at \(time(high)): the pelvis is \(metres(pelvis[high])) up" +
                       (SMPLJoint.feet.allSatisfy { joints[frame: high, joint: $0.rawValue].z > 0.05 } ? ", both feet off the floor." : ", the legs extended."))
        }
        let hand = reach.1 == SMPLJoint.leftWrist.rawValue ? "left" : "right"
        let handHeight = joints[frame: reach.0, joint: reach.1].z, head = joints[frame: reach.0, joint: SMPLJoint.head.rawValue].z
        out.append("Highest reach at \(time(reach.0)): the \(hand) hand is \(metres(handHeight)) high, " +
                   (handHeight > head ? "raised above the head." : "below the head."))
        return out
    }

    private func metres(_ x: Float) -> String { String(format: "%.2f m", x) }
}

extension String {
    /// The string with its first letter upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
