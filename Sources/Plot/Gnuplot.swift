import Foundation

/// A handle on the gnuplot executable; runs scripts through its standard input.
///
/// Found from `MOGENLAB_GNUPLOT`, then `PATH`, then `/usr/bin/gnuplot`. Each `run` starts one
/// gnuplot process, so a whole animation is drawn by a single process (no per-frame start-up).
public struct Gnuplot: Sendable {
    /// The executable this handle runs.
    public let executable: String

    /// Uses the given executable, or finds one; throws `PlotError.gnuplotMissing` if none exists.
    public init(executable: String? = nil) throws {
        if let executable {
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw PlotError.gnuplotMissing(searched: [executable])
            }
            self.executable = executable
            return
        }
        let candidates = Gnuplot.candidatePaths()
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw PlotError.gnuplotMissing(searched: candidates)
        }
        self.executable = found
    }

    /// True when a gnuplot executable can be found (tests skip themselves otherwise).
    public static var isAvailable: Bool { (try? Gnuplot()) != nil }

    /// A write to a gnuplot that already exited must fail with EPIPE, not kill this process.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN); return () }()

    static func candidatePaths() -> [String] {
        let env = ProcessInfo.processInfo.environment
        var paths: [String] = []
        if let explicit = env["MOGENLAB_GNUPLOT"], !explicit.isEmpty { paths.append(explicit) }
        for dir in (env["PATH"] ?? "").split(separator: ":") where !dir.isEmpty {
            paths.append(String(dir) + "/gnuplot")
        }
        paths.append("/usr/bin/gnuplot")
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// Runs `input` as gnuplot commands with `directory` as the working directory and returns
    /// gnuplot's standard output. `scriptName` names the script in error messages.
    @discardableResult
    public func run(_ input: String, in directory: URL? = nil, scriptName: String = "(stdin)") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = []
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw PlotError.gnuplotFailed(script: scriptName, message: "could not start \(executable): \(error)", status: -1)
        }
        // Drain both pipes concurrently so a chatty gnuplot never blocks on a full pipe.
        let collected = PipeCollector()
        let group = DispatchGroup()
        for (handle, isError) in [(stdout.fileHandleForReading, false), (stderr.fileHandleForReading, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = handle.readDataToEndOfFile()
                collected.store(data, isError: isError)
                group.leave()
            }
        }
        Gnuplot.ignoreBrokenPipes
        // If gnuplot stops early (a script error) the write fails; its stderr says why.
        try? stdin.fileHandleForWriting.write(contentsOf: Data((input + "\nexit\n").utf8))
        try? stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        let (out, err) = collected.result
        guard process.terminationStatus == 0 else {
            throw PlotError.gnuplotFailed(script: scriptName, message: String(decoding: err, as: UTF8.self),
                                          status: process.terminationStatus)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Holds the bytes read from gnuplot's two output pipes by two reader threads.
private final class PipeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data(), err = Data()

    func store(_ data: Data, isError: Bool) {
        lock.lock(); defer { lock.unlock() }
        if isError { err = data } else { out = data }
    }

    var result: (Data, Data) {
        lock.lock(); defer { lock.unlock() }
        return (out, err)
    }
}
