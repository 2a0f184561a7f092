import Foundation

/// Reads and checks the table specs in `Experiments/tables/`. Every error names the file and
/// the field (`rows[2].paper.Jitter_Degree`), with the nearest valid name for a typo.
public enum TableSpecReader {
    /// `Experiments/tables` under the package root (or the current directory).
    public static var defaultFolder: URL {
        (ProjectLocations.packageRoot() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .appendingPathComponent("Experiments/tables")
    }

    /// The table names in `folder` (`table2` …), in natural order.
    public static func names(in folder: URL = defaultFolder) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    /// The spec `name` (e.g. `table5`) from `folder`.
    public static func load(_ name: String, from folder: URL = defaultFolder) throws -> TableSpec {
        let file = folder.appendingPathComponent(name + ".json")
        guard FileManager.default.fileExists(atPath: file.path) else {
            let known = names(in: folder)
            throw TableError.unknownTable(name: name, folder: folder.path, known: known,
                                          suggestion: NearestName.suggest(for: name, among: known))
        }
        return try read(file)
    }

    /// Every spec in `folder`.
    public static func loadAll(from folder: URL = defaultFolder) throws -> [TableSpec] {
        try names(in: folder).map { try load($0, from: folder) }
    }

    /// Reads and checks one spec file; its stem becomes the table's name.
    public static func read(_ file: URL) throws -> TableSpec {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw TableError.unreadableSpec(file: file.path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode(data, file: file.path, name: file.deletingPathExtension().lastPathComponent)
    }

    /// Decodes and checks a spec; errors name `file`.
    public static func decode(_ data: Data, file: String, name: String) throws -> TableSpec {
        var spec: TableSpec
        do {
            spec = try JSONDecoder().decode(TableSpec.self, from: data)
        } catch let error as DecodingError {
            throw translate(error, file: file)
        } catch {
            throw TableError.unreadableSpec(file: file, reason: "\(error)")
        }
        spec.name = name
        try TableSpecValidation(spec: spec, file: file).check()
        return spec
    }

    /// A `DecodingError` as "file: field 'rows[2].label': …".
    static func translate(_ error: DecodingError, file: String) -> TableError {
        func path(_ keys: [CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch error {
        case let .keyNotFound(key, context):
            return .invalidSpec(file: file, field: path(context.codingPath + [key]), problem: "missing")
        case let .typeMismatch(type, context):
            return .invalidSpec(file: file, field: path(context.codingPath), problem: "expected \(describe(type))")
        case let .valueNotFound(type, context):
            return .invalidSpec(file: file, field: path(context.codingPath), problem: "expected \(describe(type)), found null")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return .unreadableSpec(file: file, reason: "not valid JSON (\(detail ?? context.debugDescription))")
            }
            return .invalidSpec(file: file, field: path(context.codingPath), problem: context.debugDescription)
        @unknown default:
            return .unreadableSpec(file: file, reason: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Int.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [String: Double].Type: return "an object of metric → number"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "a list" : (name.hasPrefix("Dictionary") ? "an object" : name)
        }
    }
}
