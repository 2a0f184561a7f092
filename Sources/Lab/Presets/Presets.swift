import Foundation
import TOMLKit

/// The presets of `Experiments/presets.toml`, read and checked as a whole.
///
/// ```swift
/// let small = try Presets.load().preset(named: "small")   // Preset, typed
/// let tweaked = try small.setting("model_width", to: "64")
/// ```
public struct Presets: Sendable {
    /// The file they came from (for messages).
    public let file: String
    /// Presets in file order.
    public let all: [Preset]

    /// `Experiments/presets.toml` under the package root (or the current directory).
    public static var defaultFile: URL {
        (ProjectLocations.packageRoot() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .appendingPathComponent("Experiments/presets.toml")
    }

    /// Reads and checks a presets file.
    public static func load(from url: URL = Presets.defaultFile) throws -> Presets {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw PresetError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        return try Presets(text: text, file: url.path)
    }

    /// Parses presets from TOML text; `file` names the source in errors.
    public init(text: String, file: String) throws {
        self.file = file
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw PresetError.syntax(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                     reason: error.description)
        }
        let lines = KeyLines(text: text)
        var presets: [Preset] = []
        for name in lines.sectionOrder(fallback: table.keys) {
            guard let section = table[name]?.table else { throw PresetError.notASection(file: file, name: name) }
            presets.append(try Presets.read(section, named: name, file: file, lines: lines))
        }
        all = presets
    }

    /// The preset called `name`.
    /// - Throws: `PresetError.unknownPreset` with the nearest name.
    public func preset(named name: String) throws -> Preset {
        if let preset = all.first(where: { $0.name == name }) { return preset }
        let names = all.map(\.name)
        throw PresetError.unknownPreset(name: name, file: file, suggestion: NearestName.suggest(for: name, among: names),
                                        available: names)
    }

    private static func read(_ section: TOMLTable, named name: String, file: String, lines: KeyLines) throws -> Preset {
        var preset = Preset.blank(named: name)
        let known = Set(Preset.fields.map(\.key))
        for key in section.keys where !known.contains(key) {
            throw PresetError.unknownKey(key: key, section: name, file: file, line: lines.line(of: key, in: name),
                                         suggestion: NearestName.suggest(for: key, among: Array(known)))
        }
        for field in Preset.fields {
            guard let value = section[field.key] else {
                if field.optional { continue }
                throw PresetError.missingKey(key: field.key, section: name, file: file)
            }
            let wrongType = PresetError.wrongType(key: field.key, section: name, file: file,
                                                  line: lines.line(of: field.key, in: name), expected: field.typeName)
            switch field.slot {
            case let .int(path):
                guard let number = value.int else { throw wrongType }
                preset[keyPath: path] = number
            case let .double(path):
                guard let number = value.double ?? value.int.map(Double.init) else { throw wrongType }
                preset[keyPath: path] = number
            case let .ints(path):
                guard let array = value.array else { throw wrongType }
                var numbers: [Int] = []
                for element in array {
                    guard let number = element.int else { throw wrongType }
                    numbers.append(number)
                }
                preset[keyPath: path] = numbers
            }
        }
        do { try preset.validate(file: file) } catch let PresetError.badValue(key, section, _, reason) {
            let line = lines.line(of: key, in: section).map { ":\($0)" } ?? ""
            throw PresetError.badValue(key: key, section: section, file: file + line, reason: reason)
        }
        return preset
    }
}

/// Line numbers of `[section]` headers and `key =` lines, since TOMLKit keeps no positions.
struct KeyLines {
    private var sections: [String] = []
    private var keyLines: [String: Int] = [:]

    init(text: String) {
        var section = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                section = String(line[line.index(after: line.startIndex)..<close]).trimmingCharacters(in: .whitespaces)
                if !sections.contains(section) { sections.append(section) }
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                keyLines["\(section)\u{0}\(key)"] = index + 1
            }
        }
    }

    func line(of key: String, in section: String) -> Int? { keyLines["\(section)\u{0}\(key)"] }

    /// Sections in the order the file has them (TOMLKit's key order is not the file's).
    func sectionOrder(fallback: [String]) -> [String] {
        sections + fallback.filter { !sections.contains($0) }.sorted()
    }
}
