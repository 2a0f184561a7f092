import Autograd
import CBLAS
import Foundation

/// What a run ran on, recorded so a number can be traced to its code, input and machine.
public struct RunEnvironment: Codable, Equatable, Sendable {
    /// `git rev-parse HEAD` of the MoGenLab checkout; nil outside a git checkout.
    public var gitCommit: String?
    /// Whether tracked files differed from that commit.
    public var gitDirty: Bool?
    /// SHA-256 of the recipe source that started the run, if any.
    public var recipeSHA256: String?
    public var seed: Int?
    public var cpuModel: String
    public var cores: Int
    public var swiftVersion: String
    /// `openblas_get_config()`: version, kernel and build options.
    public var openBLASConfig: String
    /// OpenBLAS's worker-thread count.
    public var threads: Int

    public init(gitCommit: String?, gitDirty: Bool?, recipeSHA256: String?, seed: Int?, cpuModel: String,
                cores: Int, swiftVersion: String, openBLASConfig: String, threads: Int) {
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.recipeSHA256 = recipeSHA256
        self.seed = seed
        self.cpuModel = cpuModel
        self.cores = cores
        self.swiftVersion = swiftVersion
        self.openBLASConfig = openBLASConfig
        self.threads = threads
    }

    /// Captures this process's environment.
    ///
    /// - Parameters:
    ///   - seed: the run's seed, if it has one.
    ///   - recipeSource: the text of the recipe being run; only its hash is kept.
    ///   - checkout: the git checkout to describe (default: the MoGenLab package root).
    public static func capture(seed: Int? = nil, recipeSource: String? = nil,
                               checkout: URL? = ProjectLocations.packageRoot()) -> RunEnvironment {
        let git = checkout.flatMap(GitState.read(at:))
        return RunEnvironment(gitCommit: git?.commit, gitDirty: git?.dirty,
                              recipeSHA256: recipeSource.map(SHA256.hex), seed: seed,
                              cpuModel: cpuModelName(), cores: ProcessInfo.processInfo.activeProcessorCount,
                              swiftVersion: compilerVersion, openBLASConfig: openBLASConfig(),
                              threads: ComputeThreads.count)
    }

    /// The Swift compiler that built this binary.
    public static var compilerVersion: String {
        #if compiler(>=6.5)
        return ">=6.5"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "<6.1"
        #endif
    }

    static func openBLASConfig() -> String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config).trimmingCharacters(in: .whitespaces)
    }

    static func cpuModelName() -> String {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }
}

/// The commit and dirty flag of a git checkout, read with the `git` command.
struct GitState {
    var commit: String
    var dirty: Bool

    static func read(at checkout: URL) -> GitState? {
        guard let head = run(["rev-parse", "HEAD"], in: checkout), head.status == 0 else { return nil }
        let commit = head.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let status = run(["status", "--porcelain", "--untracked-files=no"], in: checkout),
              status.status == 0 else { return GitState(commit: commit, dirty: true) }
        return GitState(commit: commit, dirty: !status.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    private static func run(_ arguments: [String], in folder: URL) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
