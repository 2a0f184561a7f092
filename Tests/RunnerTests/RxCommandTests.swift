import Foundation
import XCTest

/// `runner recipe` and `runner repl` end to end, through the built binary.
final class RxCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rx-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// Runs the built `runner` in the temp folder with `stdin` piped in.
    private func runner(_ arguments: [String], stdin: String = "") throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("runner")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["MOGENLAB_RESULTS": directory.appendingPathComponent("Results").path]) { $1 }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile(), err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func testPipedReplSessionEndToEnd() throws {
        try write("settings.rx", "seeds = [1, 2, 3]\n")
        let session = """
        import "settings.rx"
        scores = for s in seeds {
          s / 10
        }
        ci = ci95(scores)
        "{ci.mean:.2} ± {ci.half:.3}"
        bad = mean(scroes)
        :help ci95
        :save session.rx
        :quit
        len(scores)
        """
        let result = try runner(["repl"], stdin: session)
        XCTAssertEqual(result.status, 1, "a piped session with a failed entry exits non-zero")
        let out = result.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(out[0], "\"0.20 ± 0.248\"")
        XCTAssertEqual(out[1], "ci95(values: list of number) -> record")
        XCTAssertEqual(out.last, "saved 4 entries to session.rx")
        XCTAssertFalse(result.out.contains("\n3\n"), "nothing runs after :quit")
        XCTAssertEqual(result.err, """
        repl:7:12: error: unknown name `scroes`; did you mean `scores`?
         7 | bad = mean(scroes)
           |            ^~~~~~

        """)
        try write("check.rx", "import \"session.rx\"\nprint(\"{scores} {ci.n}\")\n")
        let replay = try runner(["recipe", "check.rx"])
        XCTAssertEqual(replay.status, 0, replay.err)
        XCTAssertEqual(replay.out, "[0.1, 0.2, 0.3] 3\n")
    }

    func testRecipeErrorsExitNonZeroAtFileLineColumn() throws {
        try write("broken.rx", "lr = 1e-4\nsteps = trian(lr)\n")
        let result = try runner(["recipe", "broken.rx"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.hasPrefix("broken.rx:2:9: error: unknown builtin `trian`"), result.err)
        let override = try runner(["recipe", "broken.rx", "--set", "lr=fast"])
        XCTAssertEqual(override.status, 1)
        XCTAssertTrue(override.err.hasPrefix("broken.rx:1:1: error: --set lr=fast: `lr` is a number"), override.err)
    }

    func testKeepGoingRunsTheOtherArmsAndListsFailures() throws {
        try write("arms.rx", """
        steps = for s in [1, 0, 2, 0] {
          len(range(0, 4, step: s))
        }
        print("done {steps}")
        """)
        let stopped = try runner(["recipe", "arms.rx"])
        XCTAssertEqual(stopped.status, 1)
        XCTAssertEqual(stopped.out, "")
        let kept = try runner(["recipe", "arms.rx", "--keep-going"])
        XCTAssertEqual(kept.status, 1)
        XCTAssertEqual(kept.out, "done [4, 2]\n")
        XCTAssertTrue(kept.err.contains("2 arms failed:"), kept.err)
        XCTAssertTrue(kept.err.contains("in arm s=0 (for at arms.rx:1:9)"), kept.err)
    }

    func testPlanShowsOverridesAndRunsNoSteps() throws {
        try write("plan.rx", "lr = 1e-4\nprint(\"lr {lr}\")\n")
        let result = try runner(["recipe", "plan.rx", "--plan", "--set", "lr=3e-4"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.out, "[plan] plan.rx:1:1 lr = 0.0003 (--set; recipe says 0.0001)\nlr 0.0003\nplan: the recipe calls no steps\n")
    }
}
