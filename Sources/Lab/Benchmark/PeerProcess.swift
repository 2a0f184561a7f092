import Foundation

/// A long-lived peer process for benchmarks, driven by a line protocol on stdin / stdout:
///
/// - after its set-up it prints `{"ready": true}`;
/// - for each stdin line `run K` it runs K iterations and prints `{"ms": [K per-iteration milliseconds]}`;
/// - on `quit` it prints `{"peak_rss_mb": X}` and exits.
///
/// The peer is told its thread budget through `MOGENLAB_THREADS` (and the usual OMP / MKL /
/// OpenBLAS variables). Its stderr is collected and shown if it dies.
public final class PeerProcess {
    public let spec: PeerSpec
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private var pending: [UInt8] = []
    private let stderrDone = DispatchSemaphore(value: 0)
    private var stderrText = ""

    /// Starts the peer and waits for `{"ready": true}`.
    public init(_ spec: PeerSpec, threads: Int) throws {
        self.spec = spec
        signal(SIGPIPE, SIG_IGN)  // a dead peer must give an error, not kill us on write
        try PeerProcess.checkAvailable(spec)
        var environment = ProcessInfo.processInfo.environment
        for variable in ["MOGENLAB_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"] {
            environment[variable] = String(threads)
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [spec.python, "-u", spec.script.path] + spec.arguments
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw BenchmarkError.peerUnavailable(peer: spec.name, reason: "cannot start \(spec.python): \(error.localizedDescription)",
                                                 hint: "Install Python 3 (apt-get install python3).")
        }
        let errorHandle = errors.fileHandleForReading
        DispatchQueue.global().async { [weak self] in
            let data = errorHandle.readDataToEndOfFile()
            self?.stderrText = String(decoding: data, as: UTF8.self)
            self?.stderrDone.signal()
        }
        // A peer that never gets ready is stopped, which ends our blocking read with EOF.
        let process = self.process
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + spec.startTimeout, execute: watchdog)
        defer { watchdog.cancel() }
        let ready = try reply(stage: "set-up", expected: "{\"ready\": true}")
        guard ready["ready"] as? Bool == true else {
            throw BenchmarkError.peerProtocol(script: spec.script.path, expected: "{\"ready\": true}", received: "\(ready)")
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Runs `count` iterations in the peer; returns their durations in milliseconds.
    public func run(_ count: Int) throws -> [Double] {
        try send("run \(count)")
        let answer = try reply(stage: "run \(count)", expected: "{\"ms\": [\(count) numbers]}")
        guard let values = answer["ms"] as? [Any] else {
            throw BenchmarkError.peerProtocol(script: spec.script.path, expected: "{\"ms\": [\(count) numbers]}", received: "\(answer)")
        }
        let milliseconds = values.compactMap { ($0 as? NSNumber)?.doubleValue }
        guard milliseconds.count == count, values.count == count else {
            throw BenchmarkError.peerProtocol(script: spec.script.path, expected: "\(count) timings",
                                              received: "\(values.count) values")
        }
        return milliseconds
    }

    /// Ends the peer; returns its peak resident memory in MiB.
    public func quit() throws -> Double {
        try send("quit")
        let answer = try reply(stage: "quit", expected: "{\"peak_rss_mb\": X}")
        process.waitUntilExit()
        guard let peak = (answer["peak_rss_mb"] as? NSNumber)?.doubleValue else {
            throw BenchmarkError.peerProtocol(script: spec.script.path, expected: "{\"peak_rss_mb\": X}", received: "\(answer)")
        }
        return peak
    }

    private func send(_ line: String) throws {
        do { try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8)) } catch {
            throw died(stage: line)
        }
    }

    /// The next JSON object line on stdout; other lines (a library's chatter) are skipped.
    private func reply(stage: String, expected: String) throws -> [String: Any] {
        while let line = nextLine() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("{") else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                throw BenchmarkError.peerProtocol(script: spec.script.path, expected: expected, received: trimmed)
            }
            return object
        }
        throw died(stage: stage)
    }

    private func nextLine() -> String? {
        let handle = output.fileHandleForReading
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            pending.append(contentsOf: chunk)
        }
    }

    private func died(stage: String) -> BenchmarkError {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        _ = stderrDone.wait(timeout: .now() + 5)
        let lines = stderrText.split(separator: "\n").suffix(12).joined(separator: "\n")
        var hint: String?
        if let range = stderrText.range(of: "No module named '") {
            let module = stderrText[range.upperBound...].prefix { $0 != "'" && $0 != "." }
            hint = BenchmarkError.installHint(module: String(module))
        }
        return .peerDied(script: spec.script.path, stage: stage, stderr: lines, hint: hint)
    }

    /// Fails early, with an install hint, when Python or a required module is missing.
    static func checkAvailable(_ spec: PeerSpec) throws {
        guard FileManager.default.fileExists(atPath: spec.script.path) else {
            throw BenchmarkError.peerUnavailable(peer: spec.name, reason: "no peer script at \(spec.script.path)",
                                                 hint: "Run from the MoGenLab checkout (scripts/bench/ holds the peers).")
        }
        guard let python = ExecutableSearch.find(spec.python) else {
            throw BenchmarkError.peerUnavailable(peer: spec.name, reason: "\(spec.python) is not on PATH",
                                                 hint: "Install Python 3 (apt-get install python3) or run with --ours-only.")
        }
        for module in spec.requiredModules {
            let check = Process()
            check.executableURL = python
            check.arguments = ["-c", "import \(module)"]
            check.standardOutput = FileHandle.nullDevice
            check.standardError = FileHandle.nullDevice
            try? check.run()
            check.waitUntilExit()
            if check.terminationStatus != 0 {
                throw BenchmarkError.peerUnavailable(peer: spec.name, reason: "Python module '\(module)' is not installed",
                                                     hint: BenchmarkError.installHint(module: module))
            }
        }
    }
}

/// Finds a command on PATH.
enum ExecutableSearch {
    static func find(_ command: String) -> URL? {
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? URL(fileURLWithPath: command) : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(command)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
