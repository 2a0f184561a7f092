import Foundation

/// Problems in `presets.toml` or in a `--set` override, naming file, line, section and key.
public enum PresetError: Error, CustomStringConvertible, Equatable {
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int, column: Int, reason: String)
    case notASection(file: String, name: String)
    case unknownPreset(name: String, file: String, suggestion: String?, available: [String])
    case unknownKey(key: String, section: String, file: String?, line: Int?, suggestion: String?)
    case missingKey(key: String, section: String, file: String)
    case wrongType(key: String, section: String, file: String, line: Int?, expected: String)
    case badValue(key: String, section: String, file: String?, reason: String)

    public var description: String {
        func place(_ file: String?, _ line: Int?) -> String {
            switch (file, line) {
            case let (file?, line?): return "\(file):\(line): "
            case let (file?, nil): return "\(file): "
            default: return ""
            }
        }
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read presets: \(reason)"
        case let .syntax(file, line, column, reason):
            return "\(file):\(line):\(column): \(reason)"
        case let .notASection(file, name):
            return "\(file): '\(name)' must be a section like [\(name)] holding the preset's keys"
        case let .unknownPreset(name, file, suggestion, available):
            let hint = suggestion.map { "did you mean '\($0)'? " } ?? ""
            return "\(file): no preset '\(name)'; \(hint)(available: \(available.joined(separator: ", ")))"
        case let .unknownKey(key, section, file, line, suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "\(place(file, line))unknown preset key '\(key)' in [\(section)]\(hint)"
        case let .missingKey(key, section, file):
            return "\(file): [\(section)] lacks '\(key)'"
        case let .wrongType(key, section, file, line, expected):
            return "\(place(file, line))[\(section)] \(key) must be \(expected)"
        case let .badValue(key, section, file, reason):
            return "\(place(file, nil))[\(section)] \(key): \(reason)"
        }
    }
}

extension PresetError: LocalizedError {
    public var errorDescription: String? { description }
}
