/// The data tiers of the World (ARCHITECTURE.md §9): where an action can appear.
public enum Tier: String, CaseIterable, Sendable, Codable, Comparable {
    /// Common indoor actions of the core studio MoCap, human-style captions.
    case core
    /// Actions of the extended optical-MoCap data sets (label-only, captioned by the annotator).
    case extended
    /// Actions seen only in motion recovered from in-the-wild video.
    case wild
    /// Actions reachable only through the video prior (synthetic video).
    case longtail
    /// Actions in no ground-truth source at all (generalisation tests only).
    case heldout

    public static func < (a: Tier, b: Tier) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The motion program families; each action chooses one and parameterises it.
public enum EngineKind: String, Sendable, Codable {
    /// Cyclic locomotion on planted footsteps (walk, run, sidestep, goose-step …).
    case gait
    /// Keyframed and oscillating body actions, in place or travelling, including posture
    /// changes (sit, kneel, lie), jumps, flips and falls with a ballistic root.
    case keys
}

/// Parameters of the locomotion engine (SI units; angles in degrees).
public struct GaitSpec: Sendable, Codable, Equatable {
    /// Forward speed at tempo 1 (m/s).
    public var speed: Float
    /// Steps per second at tempo 1.
    public var cadence: Float
    /// Fraction of a foot's cycle spent on the floor (< 0.5 gives a flight phase: running).
    public var duty: Float
    /// Peak height of the swinging foot (m).
    public var swing: Float
    /// Extra hip flexion at mid-swing (marching, high knees, goose-step).
    public var hipKick: Float?
    /// 0…1: how straight the swinging knee stays (1 = goose-step).
    public var stiff: Float?
    /// 0…0.4: how low the pelvis is carried (sneaking, crouch walking).
    public var crouch: Float?
    /// Arm swing amplitude (degrees of shoulder swing).
    public var arms: Float?
    /// Direction options: forward, backward, left, right, circle.
    public var dirs: [String]?
    /// A named pose of the lexicon's `poses` held by the upper body during the gait.
    public var basePose: String?
    /// Channels held during the gait (hands on hips, arms up …), after `basePose`.
    public var pose: [String: Float]?
}

/// One keyframe: when (fraction of a repetition) and which channels take which values.
public struct KeySpec: Sendable, Codable, Equatable {
    public var t: Float
    /// A named pose of the lexicon's `poses` applied first (on top of the base).
    public var pose: String?
    public var set: [String: Float]?
}

/// Parameters of the keyframe engine.
public struct KeysSpec: Sendable, Codable, Equatable {
    /// Seconds per repetition at tempo 1.
    public var period: Float
    /// Repetitions drawn from this range (inclusive).
    public var reps: [Int]?
    /// A named pose of the lexicon's `poses` the action starts from.
    public var basePose: String?
    /// The pose the action starts from, on top of the neutral standing pose (and `basePose`).
    public var base: [String: Float]?
    /// Keyframes within one repetition (times 0…1, increasing); missing channels keep `base`.
    public var keys: [KeySpec]?
    /// Sinusoids added on top: channel → [amplitude, phase degrees, cycles per repetition].
    public var osc: [String: [Float]]?
    /// The airborne parts of a repetition as pairs [start, end, start, end …] (fractions),
    /// flown ballistically.
    public var flight: [Float]?
    /// Horizontal travel during the flight, body frame [right, forward] (m).
    public var travel: [Float]?
    /// Extra seconds the final pose is held (posture changes: sit down, lie down).
    public var hold: Float?
    /// Degrees of slow upper-body sway and weight shift layered on top (people are never
    /// still while they gesture; small gestures alone would read as a static clip).
    public var sway: Float?
}

/// One action of the lexicon: its words, its tier, and its motion program.
public struct ActionSpec: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    /// The plain label (MBench consistency choices, the extended sets' raw labels).
    public var label: String
    public var tier: Tier
    public var category: String
    /// Highly dynamic (twists, flips, falls): the video prior may distort it.
    public var dynamic: Bool
    /// Performed with one side (punch, throw): captions may say which hand or foot.
    public var handed: Bool?
    /// Third-person verb phrases ("walks", "strolls").
    public var verbs: [String]
    /// Descriptive open-vocabulary phrasings ("trudges along with heavy, lumbering steps").
    public var phrases: [String]
    /// Rare paraphrases kept out of every caption (generalisation prompts, the prior).
    public var rare: [String]
    /// Body-part details captions may add ("swinging both arms").
    public var details: [String]?
    public var engine: EngineKind
    public var gait: GaitSpec?
    public var keys: KeysSpec?

    /// True when the body leaves the floor: a gait with a duty factor under one half (a run)
    /// or keyframes with a flight (jumps, flips).
    public var hasFlightPhase: Bool {
        if let gait { return gait.duty < 0.5 }
        return !(keys?.flight ?? []).isEmpty
    }
}

/// A style adverb: how it changes tempo, amplitude and posture.
public struct StyleSpec: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    /// Words captions use ("slowly", "at a leisurely pace").
    public var words: [String]
    public var tempo: Float
    public var amplitude: Float
    /// Channel offsets held throughout (slumped spine, lowered head …).
    public var posture: [String: Float]?
    /// Adjectives for the annotator's style part (Box 1, part 2): "energetic", "vigorous".
    public var adjectives: [String]?
}
