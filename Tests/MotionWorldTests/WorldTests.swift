import XCTest
import Motion
@testable import MotionWorld

final class WorldTests: XCTestCase {
    func testSameSeedSameTakesByteForByte() throws {
        let a = World(seed: 7), b = World(seed: 7), c = World(seed: 8)
        let indices = [0, 5, 130, 200, 290]
        for i in indices {
            let x = try a.take(i), y = try b.take(i)
            XCTAssertEqual(x, y, "take \(i)")
            XCTAssertEqual(x.motion.rotations.map(\.sixD), y.motion.rotations.map(\.sixD))
        }
        // Parallel generation in a range gives the same takes as one at a time.
        let parallel = try a.takes(120..<126, threads: 2)
        for (k, t) in parallel.enumerated() { XCTAssertEqual(t, try a.take(120 + k)) }
        XCTAssertNotEqual(try a.plan(3).captions, try c.plan(3).captions)
    }

    func testSizesFollowTable5Proportions() throws {
        let small = WorldSize.proportional(total: try WorldPresetSizes.clips("small"))
        XCTAssertEqual(small.total, try WorldPresetSizes.clips("small"), accuracy: 2)
        XCTAssertEqual(Double(small.core) / Double(small.total), 89.0 / 228.0, accuracy: 0.001)
        XCTAssertEqual(Double(small.synthetic) / Double(small.total), 14.0 / 228.0, accuracy: 0.001)
        let paper = WorldSize.proportional(total: 228_000)
        XCTAssertEqual([paper.core, paper.extended, paper.wild, paper.synthetic], [89_000, 83_000, 42_000, 14_000])
        XCTAssertEqual(PromptSynthesizer.count(forWorldOf: 228_000), 14_000, "the paper's 14k distillation prompts")
        // A tiny world still has every source.
        XCTAssertEqual(WorldSize.proportional(total: 4), WorldSize(core: 2, extended: 1, wild: 1, synthetic: 1))
    }

    /// Over a whole small-preset world (annotations only — planning decides every
    /// take's actions and captions, synthesis never changes them).
    func testTierSeparationOverWholeSmallWorld() throws {
        let world = World(seed: 1, size: .proportional(total: try WorldPresetSizes.clips("small")))
        var seen: [WorldSource: Set<Tier>] = [:]
        var datasets = Set<String>()
        for i in 0..<world.takeCount {
            let plan = try world.plan(i)
            for p in plan.performances { seen[plan.source, default: []].insert(world.lexicon.action(p.actionID)!.tier) }
            if let d = plan.dataset { datasets.insert(d) }
        }
        for source in [WorldSource.core, .extended, .wild] {
            XCTAssertFalse(seen[source]!.contains(.heldout), "\(source) has a held-out action")
            XCTAssertFalse(seen[source]!.contains(.longtail), "\(source) has a long-tail action")
        }
        XCTAssertEqual(seen[.core], [.core])
        XCTAssertFalse(seen[.extended]!.contains(.wild))
        XCTAssertFalse(seen[.synthetic]!.contains(.heldout))
        XCTAssertTrue(seen[.synthetic]!.contains(.longtail))
        XCTAssertTrue(seen[.wild]!.contains(.wild))
        XCTAssertGreaterThanOrEqual(datasets.count, 4, "the extended source draws from several named data sets")
    }

    func testTakesAreThreeToTwelveSecondsWithAnnotatedSegments() throws {
        let world = World(seed: 3)
        for i in stride(from: 0, to: world.takeCount, by: 29) {
            let take = try world.take(i)
            XCTAssertEqual(take.motion.fps, 30)
            XCTAssertGreaterThanOrEqual(take.motion.duration, 3 - 1e-9, take.id)
            XCTAssertLessThanOrEqual(take.motion.duration, 12 + 1e-9, take.id)
            XCTAssertFalse(take.segments.isEmpty)
            for s in take.segments { XCTAssertLessThan(s.start, s.end); XCTAssertLessThanOrEqual(s.end, take.motion.duration + 1e-9) }
            XCTAssertEqual(take.source, world.source(ofTake: i).motionSource)
        }
    }
}

/// The paper's Box 1 structure: seven parts, part 1 the training caption, every part true of the motion.
final class BoxOneAnnotationTests: XCTestCase {
    func testSevenPartsDescribeTheTake() throws {
        let world = World(seed: 3)
        let index = try (0..<world.range(of: .core).upperBound).first { try world.plan($0).performances.count == 2 }!
        let plan = try world.plan(index), note = try world.annotation(ofTake: index)
        XCTAssertEqual(note.summary, plan.captions.motion)
        XCTAssertTrue((2...3).contains(note.styles.count), "\(note.styles)")
        let verbs = plan.performances.map { world.lexicon.action($0.actionID)!.verbs[0] }
        XCTAssertEqual(note.keyActions.count, 4)
        for verb in verbs { XCTAssertTrue(note.keyActions.contains { $0.hasPrefix(verb) }, "\(note.keyActions) lacks \(verb)") }
        // Two-frame lines cover the take at 2 annotation frames a second; four-frame lines half as many.
        let take = try world.take(index)
        let frames = Int((Double(take.motion.frameCount) / 15).rounded(.up))
        XCTAssertEqual(note.everyTwoFrames.count, frames / 2, accuracy: 1)
        XCTAssertEqual(note.everyFourFrames.count, (note.everyTwoFrames.count + 1) / 2, accuracy: 1)
        XCTAssertTrue(note.everyTwoFrames[0].hasPrefix("Frame 1 to 2: \(verbs[0])"), note.everyTwoFrames[0])
        XCTAssertGreaterThanOrEqual(note.keyStatuses.count, 2)
        let text = note.text
        for k in 1...7 { XCTAssertTrue(text.contains("\(k). **"), "part \(k) missing") }
        XCTAssertTrue(text.contains("Key motion status with corresponding essential body part movements"))
    }

    /// A sit-down's lowest point is low with flexed knees; a walk travels.
    func testPartsFollowTheMotion() throws {
        let synth = MotionSynthesizer(), annotator = BoxOneAnnotator()
        let sit = try synth.synthesize([Performance(actionID: "sit_down")])
        let sitNote = annotator.annotate(sit.motion, performances: [Performance(actionID: "sit_down")], spans: sit.spans, summary: "x")
        XCTAssertTrue(sitNote.keyStatuses[0].contains("flexed"), sitNote.keyStatuses[0])
        XCTAssertTrue(sitNote.trajectory.hasPrefix("The person stays in place"), sitNote.trajectory)
        let walk = try synth.synthesize([Performance(actionID: "walk", duration: 5)])
        let walkNote = annotator.annotate(walk.motion, performances: [Performance(actionID: "walk")], spans: walk.spans, summary: "x")
        XCTAssertTrue(walkNote.trajectory.hasPrefix("The person travels"), walkNote.trajectory)
        XCTAssertEqual(walkNote.styles, ["steady", "controlled"])
    }
}
