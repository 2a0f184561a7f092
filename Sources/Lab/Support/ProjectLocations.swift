import Foundation

/// Where MoGenLab reads and writes: the results root, the tracker file, the package checkout.
///
/// Resolution order: an explicit path (a command-line flag) beats an environment variable, which
/// beats the default under the current directory.
public struct ProjectLocations: Sendable {
    /// `MOGENLAB_RESULTS`, default `./Results`.
    public var resultsRoot: URL
    /// `--tracker`, then `MOGENLAB_TRACKER`, default `<results root>/tracker.sqlite`.
    public var tracker: URL

    public init(trackerOverride: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        func absolute(_ path: String) -> URL {
            let expanded = (path as NSString).expandingTildeInPath
            return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
                : currentDirectory.appendingPathComponent(expanded)
        }
        let results = environment["MOGENLAB_RESULTS"].flatMap { $0.isEmpty ? nil : $0 } ?? "Results"
        resultsRoot = absolute(results).standardizedFileURL
        if let explicit = trackerOverride, !explicit.isEmpty {
            tracker = absolute(explicit).standardizedFileURL
        } else if let fromEnvironment = environment["MOGENLAB_TRACKER"], !fromEnvironment.isEmpty {
            tracker = absolute(fromEnvironment).standardizedFileURL
        } else {
            tracker = resultsRoot.appendingPathComponent("tracker.sqlite")
        }
    }

    /// The content-addressed step cache: `<results root>/cache`.
    public var cacheRoot: URL { resultsRoot.appendingPathComponent("cache") }

    /// The MoGenLab checkout this process runs from: the nearest folder holding MoGenLab's
    /// `Package.swift`, searched upwards from the current directory and then from the
    /// executable (`.build/release/runner` lives three levels below it). Nil for an installed
    /// binary far from its sources.
    public static func packageRoot(currentDirectory: String = FileManager.default.currentDirectoryPath,
                                   executable: String = CommandLine.arguments.first ?? "") -> URL? {
        let executableURL = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for start in [URL(fileURLWithPath: currentDirectory), executableURL] {
            var folder = start.standardizedFileURL
            while true {
                let manifest = folder.appendingPathComponent("Package.swift")
                if let text = try? String(contentsOf: manifest, encoding: .utf8), text.contains("name: \"MoGenLab\"") {
                    return folder
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}
