import ArgumentParser
import Foundation
import Lab

/// `--tracker PATH`: which tracker file (else MOGENLAB_TRACKER, else Results/tracker.sqlite).
struct TrackerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The tracker file (default: $MOGENLAB_TRACKER or $MOGENLAB_RESULTS/tracker.sqlite).",
                                             valueName: "path"))
    var tracker: String?

    var locations: ProjectLocations { ProjectLocations(trackerOverride: tracker) }

    /// Opens the tracker; for reading commands, a missing file is an error rather than a new empty tracker.
    func open(mustExist: Bool = true) throws -> Tracker {
        let path = locations.tracker
        if mustExist && !FileManager.default.fileExists(atPath: path.path) {
            throw RunnerError("no tracker at \(path.path) yet: runs appear there once something is run "
                + "(or pass --tracker / set MOGENLAB_TRACKER)")
        }
        return try Tracker(path: path)
    }
}

/// `--json`: one JSON object on stdout instead of text; messages stay on stderr.
struct JSONOption: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object on stdout instead of text.")
    var json = false
}

/// Writing results: JSON objects and messages.
enum Output {
    static func json<Value: Encodable>(_ value: Value) throws {
        let data = try LabJSON.encoder().encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    static func message(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// A number in at most 6 significant digits (`nan` for NaN).
    static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        return String(format: "%.6g", value)
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss'Z'"
        return formatter.string(from: date)
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return String(format: "%d:%02d:%02d", whole / 3600, whole % 3600 / 60, whole % 60) }
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }

    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}

/// Left-aligned text columns, for terminal tables.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render(indent: String = "") -> String {
        let all = [header] + rows
        let widths = (0..<header.count).map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            indent + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}

/// A failure while running a command (bad input found after parsing): printed as `Error: …`, exit 1.
struct RunnerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
