import Motion
import Autograd

/// Writes both caption styles for a sequence of performances (ARCHITECTURE.md §9):
///
/// - motion style (HumanML3D-like): "a person walks forward slowly, swinging the arms, then
///   sits down." — several templates, synonyms, style adverbs, direction, repetitions,
///   handedness and body-part detail;
/// - video style (the paper's Fig. 12): the same motion content wrapped in a subject, a scene
///   and a camera: "A woman in a red jacket walks forward slowly in a sunlit park, then sits
///   down, filmed from a low angle."
public struct CaptionWriter: Sendable {
    public let lexicon: Lexicon
    private let actions: [String: ActionSpec]
    private let styles: [String: StyleSpec]

    public init(lexicon: Lexicon = .standard) {
        self.lexicon = lexicon
        actions = Dictionary(uniqueKeysWithValues: lexicon.actions.map { ($0.id, $0) })
        styles = Dictionary(uniqueKeysWithValues: lexicon.styles.map { ($0.id, $0) })
    }

    /// Subjects of motion-style captions.
    public static let motionSubjects = ["a person", "someone", "a man", "a woman", "the person"]

    /// Captions for each performance alone (segment captions) and for the whole sequence.
    public func captions(for performances: [Performance], using rng: inout RandomGenerator)
        -> (segments: [Captions], take: Captions) {
        let subject = Self.motionSubjects.randomElement(using: &rng)!
        let video = lexicon.video
        let videoSubject = video.subjects.randomElement(using: &rng)!
        let scene = video.scenes.randomElement(using: &rng)!
        let camera = video.cameras.randomElement(using: &rng)!
        let phrases = performances.map { predicate(for: $0, using: &rng) }
        let segments = phrases.map {
            Captions(motion: sentence(subject, [$0]), video: videoSentence(videoSubject, [$0], scene, camera))
        }
        return (segments, Captions(motion: sentence(subject, phrases),
                                   video: videoSentence(videoSubject, phrases, scene, camera)))
    }

    /// Label-only captions, as an annotator writes them from an extended data set's action
    /// labels (no style, direction or detail is known from a label): per segment and joined.
    public func annotate(labels actionIDs: [String], using rng: inout RandomGenerator)
        -> (segments: [Captions], take: Captions) {
        let predicates = actionIDs.map { actions[$0]?.verbs[0] ?? "moves" }
        let subject = Self.motionSubjects.randomElement(using: &rng)!
        let video = lexicon.video
        let videoSubject = video.subjects.randomElement(using: &rng)!
        let scene = video.scenes.randomElement(using: &rng)!, camera = video.cameras.randomElement(using: &rng)!
        let segments = predicates.map {
            Captions(motion: sentence(subject, [$0]), video: videoSentence(videoSubject, [$0], scene, camera))
        }
        return (segments, Captions(motion: sentence(subject, predicates), video: videoSentence(videoSubject, predicates, scene, camera)))
    }

    /// The motion content of one performance: verb phrase plus modifiers, no subject.
    func predicate(for perf: Performance, using rng: inout RandomGenerator) -> String {
        guard let action = actions[perf.actionID] else { return "moves" }
        var words: [String] = []
        let usePhrase = !action.phrases.isEmpty && Double.random(in: 0..<1, using: &rng) < 0.35
        words.append(usePhrase ? action.phrases.randomElement(using: &rng)! : action.verbs.randomElement(using: &rng)!)
        if action.engine == .gait, !usePhrase {
            switch perf.direction {
            case .forward: if Bool.random(using: &rng) { words.append("forward") }
            case .backward: words.append("backward")
            case .left: words.append("to the left")
            case .right: words.append("to the right")
            case .circle: words.append("in a circle")
            }
            if perf.direction != .circle, abs(perf.turn) > 5 {
                words.append(perf.turn > 0 ? "veering left" : "veering right")
            }
        }
        if action.engine == .keys, action.keys?.hold == nil, perf.repetitions > 1 {
            words.append(perf.repetitions == 2 ? "twice" : (perf.repetitions == 3 ? "three times" : "several times"))
        }
        if let id = perf.style, let style = styles[id] { words.append(style.words.randomElement(using: &rng)!) }
        if action.handed == true, Double.random(in: 0..<1, using: &rng) < 0.7 {
            let side = perf.leftHanded ? "left" : "right"
            let limb = action.id.contains("kick") || action.id.contains("lunge") || action.id.contains("hop") ? "leg" : "hand"
            words.append("with the \(side) \(limb)")
        }
        var text = words.joined(separator: " ")
        if let details = action.details, !details.isEmpty, Double.random(in: 0..<1, using: &rng) < 0.4 {
            text += ", " + details.randomElement(using: &rng)!
        }
        return text
    }

    private func sentence(_ subject: String, _ predicates: [String]) -> String {
        subject + " " + predicates.joined(separator: ", then ") + "."
    }

    private func videoSentence(_ subject: String, _ predicates: [String], _ scene: String, _ camera: String) -> String {
        var text = subject + " " + predicates[0] + " " + scene
        for p in predicates.dropFirst() { text += ", then " + p }
        text += ", " + camera + "."
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
