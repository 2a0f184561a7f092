import Foundation

/// Runs written out for other tools (pandas, spreadsheets, jq).
public enum RunExport {
    /// One row per run: identity, status, times, `param.<key>` and `metric.<key>` (latest value) columns.
    public static func csv(_ details: [RunDetails]) -> String {
        let paramKeys = Set(details.flatMap(\.params.keys)).sorted()
        let metricKeys = Set(details.flatMap { $0.metrics.map(\.key) }).sorted()
        var rows = [["run_id", "uuid", "name", "experiment", "status", "parent_uuid", "start_time", "end_time"]
            + paramKeys.map { "param.\($0)" } + metricKeys.map { "metric.\($0)" }]
        for detail in details {
            let run = detail.run
            var row = [run.shortID, run.uuid, run.name, run.experiment, run.status.rawValue, run.parentUUID ?? "",
                       iso(run.startTime), run.endTime.map(iso) ?? ""]
            row += paramKeys.map { detail.params[$0] ?? "" }
            row += metricKeys.map { key in detail.metrics.first { $0.key == key }.map { number($0.last) } ?? "" }
            rows.append(row)
        }
        return rows.map(csvLine).joined()
    }

    /// One row per metric point: run, key, step, value, timestamp.
    public static func historyCSV(_ histories: [(run: RunRecord, points: [MetricPoint])]) -> String {
        var text = csvLine(["run_id", "key", "step", "value", "timestamp"])
        for (run, points) in histories {
            for point in points {
                text += csvLine([run.shortID, point.key, String(point.step), number(point.value), iso(point.timestamp)])
            }
        }
        return text
    }

    /// One JSON object: the tracker's path and, per run, its details plus its full metric history.
    public static func json(tracker: Tracker, runs: [RunRecord]) throws -> Data {
        struct Entry: Encodable {
            var details: RunDetails
            var history: [MetricPoint]
        }
        struct Export: Encodable {
            var tracker: String
            var runs: [Entry]
        }
        let entries = try runs.map { Entry(details: try tracker.details(of: $0), history: try tracker.metricHistory(of: $0)) }
        return try LabJSON.encoder().encode(Export(tracker: tracker.path.path, runs: entries))
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }

    static func iso(_ date: Date) -> String { LabJSON.isoFormatter.string(from: date) }

    /// Shortest round-tripping text of a number; NaN and infinities as `nan`, `inf`, `-inf`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }
}

/// JSON conventions shared by every `--json` output: ISO-8601 dates, sorted keys, NaN as "NaN".
public enum LabJSON {
    static let isoFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(isoFormatter.string(from: date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity",
                                                                      negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = isoFormatter.date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO-8601 date: \(text)"))
            }
            return date
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity",
                                                                        negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }
}
