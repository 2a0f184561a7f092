import Foundation
import XCTest
@testable import Lab

final class StepCacheTests: XCTestCase {
    private func makeCache() throws -> StepCache { StepCache(root: try makeTemporaryFolder(self).appendingPathComponent("cache")) }

    func testKeyHashesKindVersionParamsAndInputs() {
        let base = CacheKey(kind: "curate", version: "1", params: ["clips": "100", "fps": "20"], inputs: ["w1", "w2"])
        XCTAssertEqual(base.hash, CacheKey(kind: "curate", version: "1", params: ["fps": "20", "clips": "100"],
                                           inputs: ["w1", "w2"]).hash, "param order is irrelevant")
        XCTAssertEqual(base.hash.count, 32)
        let variants = [
            CacheKey(kind: "encode", version: "1", params: base.params, inputs: base.inputs),
            CacheKey(kind: "curate", version: "2", params: base.params, inputs: base.inputs),
            CacheKey(kind: "curate", version: "1", params: ["clips": "101", "fps": "20"], inputs: base.inputs),
            CacheKey(kind: "curate", version: "1", params: base.params, inputs: ["w2", "w1"]),
            CacheKey(kind: "curate", version: "1", params: ["clips": "100\nfps 20"], inputs: base.inputs),
        ]
        XCTAssertEqual(Set(variants.map(\.hash) + [base.hash]).count, variants.count + 1)
    }

    func testPublishThenLookup() throws {
        let cache = try makeCache()
        let entry = try cache.entry(kind: "curate", version: "1", params: ["clips": "8"])
        XCTAssertNil(entry.lookup())
        var computed = 0
        let first = try entry.resolve { dir in
            computed += 1
            try Data("frames".utf8).write(to: dir.appendingPathComponent("data.bin"))
        }
        XCTAssertFalse(first.wasCached)
        let second = try entry.resolve { _ in computed += 1 }
        XCTAssertTrue(second.wasCached)
        XCTAssertEqual(computed, 1)
        XCTAssertEqual(second.directory.path, cache.root.path + "/curate/" + entry.hash)
        XCTAssertEqual(try String(contentsOf: second.directory.appendingPathComponent("data.bin"), encoding: .utf8), "frames")
        let listed = try cache.entries()
        XCTAssertEqual(listed.map(\.hash), [entry.hash])
        XCTAssertEqual(listed.first?.params, ["clips": "8"])
        XCTAssertEqual(listed.first?.sizeBytes ?? 0 > 6, true)
    }

    func testFailingWriterLeavesNothing() throws {
        struct Interrupted: Error {}
        let cache = try makeCache()
        let entry = try cache.entry(kind: "train", version: "1")
        XCTAssertThrowsError(try entry.publish { dir in
            try Data("half".utf8).write(to: dir.appendingPathComponent("checkpoint"))
            throw Interrupted()
        })
        XCTAssertFalse(entry.isPublished)
        XCTAssertEqual(try cache.entries().count, 0)
        XCTAssertEqual(try cache.partials().count, 0)
    }

    func testKilledWriterLeavesOnlyAPartialThatGCRemoves() throws {
        let cache = try makeCache()
        let entry = try cache.entry(kind: "train", version: "1", params: ["steps": "10"])
        // What a writer killed mid-publish leaves: its private folder, named after its (now dead) pid.
        let dead = try deadProcessID()
        let host = ProcessLiveness.hostName.replacingOccurrences(of: "-", with: "_")
        let partial = cache.root.appendingPathComponent("train/.partial-\(entry.hash)-\(host)-\(dead)-42")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try Data(repeating: 1, count: 100).write(to: partial.appendingPathComponent("checkpoint"))

        XCTAssertFalse(entry.isPublished)
        XCTAssertNil(entry.lookup())
        XCTAssertEqual(try cache.entries().count, 0)
        XCTAssertEqual(try cache.partials().map(\.pid), [dead])

        let dryRun = try cache.collectGarbage(dryRun: true)
        XCTAssertEqual(dryRun.partials, [partial.path])
        XCTAssertTrue(FileManager.default.fileExists(atPath: partial.path))
        let report = try cache.collectGarbage()
        XCTAssertEqual(report.partials, [partial.path])
        XCTAssertEqual(report.bytes, 100)
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial.path))
        // The step can then run normally.
        try entry.publish { dir in try Data("ok".utf8).write(to: dir.appendingPathComponent("checkpoint")) }
        XCTAssertTrue(entry.isPublished)
    }

    func testPartialOfALiveWriterIsKept() throws {
        let cache = try makeCache()
        let entry = try cache.entry(kind: "train", version: "1")
        let partial = entry.directory.deletingLastPathComponent().appendingPathComponent(PartialWrite.name(for: entry.hash))
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        XCTAssertEqual(try cache.collectGarbage().partials, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: partial.path))
    }

    func testConcurrentPublishKeepsTheFirstCopy() throws {
        let cache = try makeCache()
        let entry = try cache.entry(kind: "encode", version: "1")
        try entry.publish { dir in try Data("first".utf8).write(to: dir.appendingPathComponent("x")) }
        let again = try entry.publish { dir in try Data("second".utf8).write(to: dir.appendingPathComponent("x")) }
        XCTAssertEqual(try String(contentsOf: again.appendingPathComponent("x"), encoding: .utf8), "first")
        XCTAssertEqual(try cache.partials().count, 0)
    }

    func testGarbageCollectionByKindAndAge() throws {
        let cache = try makeCache()
        let curate = try cache.entry(kind: "curate", version: "1")
        let train = try cache.entry(kind: "train", version: "1")
        try curate.publish { _ in }
        try train.publish { _ in }
        XCTAssertEqual(try cache.collectGarbage(olderThan: 3600).entries.count, 0, "both were just used")
        let byKind = try cache.collectGarbage(kinds: ["train"])
        XCTAssertEqual(byKind.entries.map(\.kind), ["train"])
        XCTAssertFalse(train.isPublished)
        XCTAssertTrue(curate.isPublished)
        let byAge = try cache.collectGarbage(olderThan: 60, now: Date().addingTimeInterval(3600))
        XCTAssertEqual(byAge.entries.map(\.kind), ["curate"])
        XCTAssertFalse(curate.isPublished)
    }

    func testInvalidKindIsRejected() throws {
        let cache = try makeCache()
        XCTAssertThrowsError(try cache.entry(kind: "../escape", version: "1")) { error in
            XCTAssertEqual(error as? CacheError, .invalidKind("../escape"))
        }
        XCTAssertThrowsError(try cache.collectGarbage(kinds: ["Train"]))
    }
}
