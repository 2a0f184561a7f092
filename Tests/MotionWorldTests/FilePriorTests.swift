import XCTest
import Motion
@testable import MotionWorld

final class FilePriorTests: XCTestCase {
    func testFilePriorServesReferenceMotionsByPrompt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fileprior-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try World(seed: 1).samples(of: "wave", count: 1)[0]
        try AMASSExporter().write(sample.motion, to: folder.appendingPathComponent("wave.npz"))
        try BVHExporter().write(sample.motion, to: folder.appendingPathComponent("wave.bvh"))
        try #"{"a person waves hello": "wave.npz", "someone waving": "wave.bvh", "a ghost": "missing.npz"}"#
            .write(to: folder.appendingPathComponent("index.json"), atomically: true, encoding: .utf8)
        let prior = try FilePrior(folder: folder)
        XCTAssertEqual(prior.prompts.count, 3)
        for prompt in ["A person waves hello", "someone waving"] {
            let motion = try prior.motion(for: prompt)
            XCTAssertEqual(motion.frameCount, sample.motion.frameCount, prompt)
            let a = motion.joints(), b = sample.motion.joints()
            var worst: Float = 0
            for i in 0..<a.positions.count { worst = max(worst, length(a.positions[i] - b.positions[i])) }
            XCTAssertLessThan(worst, 0.02, prompt)
        }
        XCTAssertThrowsError(try prior.motion(for: "a cat")) { XCTAssertTrue("\($0)".contains("index.json")) }
        XCTAssertThrowsError(try prior.motion(for: "a ghost")) { XCTAssertTrue("\($0)".contains("missing.npz")) }
        XCTAssertThrowsError(try FilePrior(folder: folder.appendingPathComponent("nowhere"))) { XCTAssertTrue("\($0)".contains("index.json")) }
    }

    func testWorldStreamsInShards() throws {
        let world = World(seed: 4, size: .proportional(total: 25))
        let shards = world.shards(of: 10)
        XCTAssertEqual(shards.map(\.count), [10, 10, world.takeCount - 20])
        XCTAssertEqual(shards.last!.upperBound, world.takeCount)
        XCTAssertEqual(try world.takes(shards[2]).map(\.id), try shards[2].map { try world.take($0).id })
    }
}
