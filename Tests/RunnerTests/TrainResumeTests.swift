import Foundation
import Lab
import XCTest

/// An interrupted `train` resumes: a runner killed (SIGKILL) after its first interval
/// checkpoint leaves a partial cache folder; running the recipe again continues from that
/// checkpoint and publishes the very checkpoint an uninterrupted run publishes.
final class TrainResumeTests: XCTestCase {
    private let recipe = """
        seed = 1
        preset = merge(presets("smoke"), {world_clips: 24, training_steps: 120})
        data = curate(world(seed: 1, preset: preset), sources: ["core"])
        m = train(data, model: "light", encoder: "bow", seed: 3, preset: preset)
        print(m.key)

        """

    private func checkpoint(_ results: URL) throws -> Data {
        let entries = try StepCache(root: results.appendingPathComponent("cache")).entries(kind: "train")
        XCTAssertEqual(entries.count, 1)
        return try Data(contentsOf: URL(fileURLWithPath: try XCTUnwrap(entries.first).directory).appendingPathComponent("checkpoint.safetensors"))
    }

    func testAKilledTrainingResumesFromItsLastCheckpoint() throws {
        let folder = try makeTemporaryFolder(self)
        let file = folder.appendingPathComponent("resume.rx")
        try recipe.write(to: file, atomically: true, encoding: .utf8)

        let straight = RunnerProcess(results: folder.appendingPathComponent("Straight"))
        let run = try straight.run(["recipe", file.path])
        XCTAssertEqual(run.status, 0, run.stderr)

        let interrupted = RunnerProcess(results: folder.appendingPathComponent("Interrupted"))
        let started = try interrupted.start(["recipe", file.path])
        let trainFolder = folder.appendingPathComponent("Interrupted/cache/train")
        var killedAt: String?
        let deadline = Date().addingTimeInterval(120)
        while killedAt == nil && started.process.isRunning && Date() < deadline {
            let partials = (try? FileManager.default.contentsOfDirectory(atPath: trainFolder.path)) ?? []
            if let partial = partials.first(where: {
                $0.hasPrefix(".partial-") && FileManager.default.fileExists(atPath: trainFolder.appendingPathComponent("\($0)/checkpoint.safetensors").path)
            }) {
                kill(started.process.processIdentifier, SIGKILL)
                killedAt = partial
            }
            usleep(10_000)
        }
        started.process.waitUntilExit()
        let leftover = try XCTUnwrap(killedAt, "the runner finished before its first interval checkpoint could be interrupted")
        XCTAssertEqual(started.process.terminationReason, .uncaughtSignal)
        XCTAssertTrue(FileManager.default.fileExists(atPath: trainFolder.appendingPathComponent(leftover).path))

        let again = try interrupted.run(["recipe", file.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        let tracker = try Tracker(path: folder.appendingPathComponent("Interrupted/tracker.sqlite"))
        let trains = try tracker.runs(experiment: "resume").filter { $0.name == "train" }.map { try tracker.details(of: $0) }
        let resumed = try XCTUnwrap(trains.first { $0.run.status == .finished })
        let from = try XCTUnwrap(resumed.metrics.first { $0.key == "resumed_from_step" }?.last, "the second run started over")
        XCTAssertGreaterThan(from, 0)
        XCTAssertLessThan(from, 120)
        XCTAssertEqual(try checkpoint(folder.appendingPathComponent("Interrupted")), try checkpoint(folder.appendingPathComponent("Straight")),
                       "resumed training ends with the uninterrupted run's weights, bit for bit")
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: trainFolder.path).contains { $0.hasPrefix(".partial-") },
                       "the dead writer's folder was taken over")
    }
}
