import Foundation
import XCTest

/// The built `runner` executable, run as a child process with its own results root.
struct RunnerProcess {
    /// Where `swift build` put `runner`: next to the test bundle in the build folder.
    static let executable: URL? = {
        let bundle = Bundle(for: RunnerProcessAnchor.self).bundleURL
        let candidates = [bundle.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent(),
                          bundle.deletingLastPathComponent().deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("runner") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    var results: URL

    /// Runs `runner ARGS` to completion.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = try start(arguments, environment: extra)
        let out = process.output.fileHandleForReading.readDataToEndOfFile()
        let err = process.errors.fileHandleForReading.readDataToEndOfFile()
        process.process.waitUntilExit()
        return (process.process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// Starts `runner ARGS` without waiting.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (process: Process, output: Pipe, errors: Pipe) {
        guard let executable = RunnerProcess.executable else {
            throw XCTSkip("the runner executable was not found next to the test bundle")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MOGENLAB_RESULTS"] = results.path
        environment.removeValue(forKey: "MOGENLAB_TRACKER")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.currentDirectoryURL = results.deletingLastPathComponent()
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, output, errors)
    }

    /// Runs and decodes stdout as one JSON object, failing the test on a non-zero exit.
    func json(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 0, "runner \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try XCTUnwrap(object as? [String: Any], "not a JSON object: \(result.stdout)", file: file, line: line)
    }
}

private final class RunnerProcessAnchor {}

func makeTemporaryFolder(_ test: XCTestCase) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mogenlab-runner-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
}
